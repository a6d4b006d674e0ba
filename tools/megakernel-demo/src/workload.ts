import {
  add,
  assign,
  atomic,
  bitAnd,
  bitXor,
  eq,
  ifThen,
  letBind,
  load,
  local,
  loop,
  max,
  min,
  mul,
  program,
  readBuffer,
  readWriteBuffer,
  shr,
  store,
  u32,
  type BufferDecl,
  type Expr,
  type Node,
  type Program,
} from '@vyre/ir';
import {
  slotArg,
  type OpcodeHandler,
  type SlotDescriptor,
} from '@vyre/runtime';

// The headline workload: N small work items of 8 different opcodes over user data buffers. Each item
// owns a segment of SEGMENT words of `data` (so items never race), and args are
// [segment start, segment length, parameter, output index]: scale, add, xor, clamp (min/max), prefix
// sum, histogram into atomics, byte scan and checksum. The same handler bodies run inside the
// megakernel and as one small program per item, so every strategy computes the same bytes.

/** Words of `data` each item owns (its segment). */
export const SEGMENT = 16;
/** The first user opcode: opcode index `k` is `OPCODE_BASE + k`. */
export const OPCODE_BASE = 0x4000_0000;

const d = (i: Expr): Expr => load('data', i);
const at = (): Expr => add(local('a0'), local('i'));
const overSegment = (body: readonly Node[]): Node =>
  loop('i', u32(0), local('a1'), [...body]);

const BODIES: ReadonlyArray<readonly [string, readonly Node[]]> = [
  ['scale', [overSegment([store('data', at(), mul(d(at()), local('a2')))])]],
  ['add', [overSegment([store('data', at(), add(d(at()), local('a2')))])]],
  ['xor', [overSegment([store('data', at(), bitXor(d(at()), local('a2')))])]],
  [
    'clamp',
    [
      letBind('lo', bitAnd(local('a2'), u32(0xffff))),
      letBind('hi', shr(local('a2'), u32(16))),
      overSegment([
        store('data', at(), min(max(d(at()), local('lo')), local('hi'))),
      ]),
    ],
  ],
  [
    'prefix',
    [
      letBind('acc', u32(0)),
      overSegment([
        assign('acc', add(local('acc'), d(at()))),
        store('data', at(), local('acc')),
      ]),
    ],
  ],
  [
    'histogram',
    [
      overSegment([
        letBind(
          'x_hist',
          atomic('add', 'hist', bitAnd(d(at()), u32(0xff)), u32(1)),
        ),
      ]),
    ],
  ],
  [
    'bytescan',
    [
      letBind('count', u32(0)),
      letBind('needle', bitAnd(local('a2'), u32(0xff))),
      overSegment([
        letBind('w', d(at())),
        loop('b', u32(0), u32(4), [
          ifThen(
            eq(
              bitAnd(shr(local('w'), mul(local('b'), u32(8))), u32(0xff)),
              local('needle'),
            ),
            [assign('count', add(local('count'), u32(1)))],
          ),
        ]),
      ]),
      store('sums', slotArg(3), local('count')),
    ],
  ],
  [
    'checksum',
    [
      letBind('h', local('a2')),
      overSegment([assign('h', add(mul(local('h'), u32(31)), d(at())))]),
      store('sums', slotArg(3), local('h')),
    ],
  ],
];

/** The 8 opcode names, in opcode order. */
export const OPCODE_NAMES: readonly string[] = BODIES.map(([name]) => name);

/** The user opcodes and their bodies. */
export const HANDLERS: readonly OpcodeHandler[] = BODIES.map(([, body], k) => ({
  opcode: OPCODE_BASE + k,
  body,
}));

/** The data buffers of the megakernel (bindings after the four protocol buffers). */
export const MEGAKERNEL_DATA: readonly BufferDecl[] = [
  readWriteBuffer('data', 4, 'u32'),
  readWriteBuffer('hist', 5, 'u32'),
  readWriteBuffer('sums', 6, 'u32'),
];

/**
 * The program one item runs alone (strategies a and b): one lane, the item's 16 slot words in `ring`
 * (binding 0), then the data buffers; the handler body is the megakernel's.
 */
export function perItemProgram(opcodeIndex: number): Program {
  const body = BODIES[opcodeIndex]?.[1] ?? [];
  return program({
    workgroupSize: [1, 1, 1],
    buffers: [
      readBuffer('ring', 0, 'u32', { count: 16 }),
      readWriteBuffer('data', 1, 'u32'),
      readWriteBuffer('hist', 2, 'u32'),
      readWriteBuffer('sums', 3, 'u32'),
    ],
    entry: [
      letBind('base', u32(0)),
      letBind('op', load('ring', u32(1))),
      letBind('a0', load('ring', u32(4))),
      letBind('a1', load('ring', u32(5))),
      letBind('a2', load('ring', u32(6))),
      ...body,
    ],
  });
}

/** A deterministic workload of `n` items and its initial data. */
export interface Workload {
  readonly items: readonly SlotDescriptor[];
  /** Each item's opcode index 0..7. */
  readonly kinds: Uint8Array;
  readonly data: Uint32Array;
  readonly hist: Uint32Array;
  readonly sums: Uint32Array;
}

/**
 * A deterministic workload: `n` items of pseudo-random opcodes (xorshift32 from `seed`), item `i` over
 * segment `i` of `data`, writing `sums[i]` (bytescan, checksum); `hist` (256 words) and `sums` start at 0.
 */
export function makeWorkload(n: number, seed = 1): Workload {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  const kinds = new Uint8Array(n);
  const items: SlotDescriptor[] = [];
  for (let i = 0; i < n; i++) {
    const kind = next() % BODIES.length;
    kinds[i] = kind;
    const lo = next() & 0x7fff;
    const param =
      OPCODE_NAMES[kind] === 'clamp'
        ? lo | ((lo + (next() & 0x7fff)) << 16)
        : next();
    items.push({
      opcode: OPCODE_BASE + kind,
      args: [i * SEGMENT, SEGMENT, param >>> 0, i],
    });
  }
  const data = Uint32Array.from({ length: n * SEGMENT }, () => next());
  return {
    items,
    kinds,
    data,
    hist: new Uint32Array(256),
    sums: new Uint32Array(n),
  };
}
