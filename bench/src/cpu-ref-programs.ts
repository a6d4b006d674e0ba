import {
  add,
  bitXor,
  gidX,
  letBind,
  load,
  local,
  mul,
  outputBuffer,
  program,
  readBuffer,
  shr,
  store,
  u32,
  type Expr,
  type Node,
  type Program,
} from '@vyre/ir';

// Straight-line u32 arithmetic for the cpu-ref benchmark: a hash chain of `rounds` mixing steps per
// invocation, written once as an IR Program and once as plain JavaScript doing the same computation.

const MULTIPLIER = 0x9e3779b1;

function mixStep(h: Expr, round: number): Expr {
  // ((h * M) + 7·round) ^ (h >> 13): nine expression nodes.
  return bitXor(add(mul(h, u32(MULTIPLIER)), u32(round * 7)), shr(h, u32(13)));
}

/** The IR form: `out[gid] = mix^rounds(input[gid])`, workgroups of 64. */
export function hashChainProgram(elements: number, rounds: number): Program {
  const entry: Node[] = [letBind('h0', load('input', gidX()))];
  for (let round = 1; round <= rounds; round++) {
    entry.push(letBind(`h${round}`, mixStep(local(`h${round - 1}`), round)));
  }
  entry.push(store('out', gidX(), local(`h${rounds}`)));
  return program({
    workgroupSize: [64, 1, 1],
    buffers: [
      readBuffer('input', 0, 'u32'),
      outputBuffer('out', 1, 'u32', elements),
    ],
    entry,
  });
}

/** The same computation hand-written in JavaScript, over the same typed arrays. */
export function hashChainJs(
  input: Uint32Array,
  out: Uint32Array,
  rounds: number,
): void {
  for (let gid = 0; gid < out.length; gid++) {
    let h = gid < input.length ? (input[gid] ?? 0) : 0;
    for (let round = 1; round <= rounds; round++) {
      h = ((Math.imul(h, MULTIPLIER) + round * 7) ^ (h >>> 13)) >>> 0;
    }
    out[gid] = h;
  }
}

/** Expression nodes in the program's statements, however deeply nested (statements not counted). */
export function countExpressionNodes(root: Program): number {
  const isNode = (value: unknown): value is { readonly kind: string } =>
    typeof value === 'object' && value !== null && 'kind' in value;
  const expression = (expr: object): number =>
    1 +
    Object.values(expr).reduce<number>(
      (sum, child) => sum + (isNode(child) ? expression(child) : 0),
      0,
    );
  // Statement lists are arrays (entry, body, then, otherwise); a statement's other node fields are
  // its expressions.
  const statements = (list: readonly unknown[]): number =>
    list.reduce<number>((sum, node) => {
      if (!isNode(node)) {
        return sum;
      }
      return (
        sum +
        Object.values(node).reduce<number>((inner, field) => {
          if (Array.isArray(field)) {
            return inner + statements(field);
          }
          return inner + (isNode(field) ? expression(field) : 0);
        }, 0)
      );
    }, 0);
  return statements(root.entry);
}
