import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  atomic,
  atomicAdd,
  bitXor,
  bool,
  bufLen,
  call,
  cast,
  eq,
  gidX,
  isCommutativeBinOp,
  letBind,
  load,
  local,
  lt,
  mul,
  negate,
  outputBuffer,
  program,
  readBuffer,
  region,
  select,
  store,
  sub,
  u32,
  type BufferDecl,
  type Expr,
  type Node,
  type Program,
} from '../src/index.ts';
import { encodeCanonicalProgram } from '../src/canonical-bytes.ts';
import { canonicalizeProgram } from '../src/canonical-program.ts';
import { programArb } from './program-json-arbitrary.ts';

// canonicalizeProgram: buffers sorted by name, commutative operands ordered, nothing else changed.

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return (a[i] ?? 0) - (b[i] ?? 0);
    }
  }
  return a.length - b.length;
}

/** The canonical bytes of a program holding only `let x = expr`: compare these to compare expressions. */
function exprKey(expr: Expr): Uint8Array {
  return encodeCanonicalProgram(
    program({ buffers: [], entry: [region('k', [letBind('x', expr)])] }),
  );
}

/** Whether `expr` contains a node of one of `kinds`, written plainly from the definition. */
function containsKind(expr: Expr, kinds: readonly Expr['kind'][]): boolean {
  if (kinds.includes(expr.kind)) {
    return true;
  }
  return Object.values(expr).some((value: unknown) =>
    (Array.isArray(value) ? value : [value]).some(
      (item: unknown) =>
        typeof item === 'object' &&
        item !== null &&
        'kind' in item &&
        containsKind(item as Expr, kinds),
    ),
  );
}

// Operands may trade places unless one contains an atomic (or a call) and the other memory accesses.
function mayObserveEachOther(a: Expr, b: Expr): boolean {
  const writes = (e: Expr): boolean => containsKind(e, ['atomic', 'call']);
  const memory = (e: Expr): boolean =>
    containsKind(e, ['load', 'atomic', 'call']);
  return (writes(a) && memory(b)) || (writes(b) && memory(a));
}

// A straightforward recursive reference of the canonical form, written from the definition: the
// encoder only serves as the byte oracle that orders two (already canonical) operands.
function referenceExpr(expr: Expr): Expr {
  switch (expr.kind) {
    case 'binary': {
      const left = referenceExpr(expr.left);
      const right = referenceExpr(expr.right);
      const swap =
        isCommutativeBinOp(expr.op) &&
        !mayObserveEachOther(left, right) &&
        compareBytes(exprKey(left), exprKey(right)) > 0;
      return { ...expr, left: swap ? right : left, right: swap ? left : right };
    }
    case 'load':
      return { ...expr, index: referenceExpr(expr.index) };
    case 'unary':
      return { ...expr, operand: referenceExpr(expr.operand) };
    case 'select':
      return {
        ...expr,
        cond: referenceExpr(expr.cond),
        ifTrue: referenceExpr(expr.ifTrue),
        ifFalse: referenceExpr(expr.ifFalse),
      };
    case 'cast':
    case 'subgroupReduce':
      return { ...expr, value: referenceExpr(expr.value) };
    case 'fma':
      return {
        ...expr,
        a: referenceExpr(expr.a),
        b: referenceExpr(expr.b),
        c: referenceExpr(expr.c),
      };
    case 'atomic': {
      const base = {
        ...expr,
        index: referenceExpr(expr.index),
        value: referenceExpr(expr.value),
      };
      return expr.expected === undefined
        ? base
        : { ...base, expected: referenceExpr(expr.expected) };
    }
    case 'call':
      return { ...expr, args: expr.args.map(referenceExpr) };
    case 'subgroupBallot':
      return { ...expr, cond: referenceExpr(expr.cond) };
    case 'subgroupShuffle':
      return {
        ...expr,
        value: referenceExpr(expr.value),
        lane: referenceExpr(expr.lane),
      };
    case 'lit':
    case 'var':
    case 'bufLen':
    case 'invocationId':
    case 'workgroupId':
    case 'localId':
    case 'bufferRef':
    case 'subgroupLocalId':
    case 'subgroupSize':
      return expr;
  }
}

function referenceNode(node: Node): Node {
  switch (node.kind) {
    case 'let':
    case 'assign':
      return { ...node, value: referenceExpr(node.value) };
    case 'store':
      return {
        ...node,
        index: referenceExpr(node.index),
        value: referenceExpr(node.value),
      };
    case 'if':
      return {
        ...node,
        cond: referenceExpr(node.cond),
        then: node.then.map(referenceNode),
        otherwise: node.otherwise.map(referenceNode),
      };
    case 'loop':
      return {
        ...node,
        from: referenceExpr(node.from),
        to: referenceExpr(node.to),
        body: node.body.map(referenceNode),
      };
    case 'block':
    case 'region':
      return { ...node, body: node.body.map(referenceNode) };
    case 'asyncLoad':
    case 'asyncStore':
      return {
        ...node,
        offset: referenceExpr(node.offset),
        size: referenceExpr(node.size),
      };
    case 'trap':
      return { ...node, address: referenceExpr(node.address) };
    case 'return':
    case 'barrier':
    case 'indirectDispatch':
    case 'asyncWait':
    case 'resume':
    case 'allReduce':
    case 'allGather':
    case 'reduceScatter':
    case 'broadcast':
      return node;
  }
}

function bufferKey(buffer: BufferDecl): Uint8Array {
  return encodeCanonicalProgram(program({ buffers: [buffer], entry: [] }));
}

function referenceProgram(p: Program): Program {
  const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
  // Names compare as UTF-8 bytes; lone surrogates (which Buffer would replace) do not occur in
  // names that differ only there in these tests, and equal names fall back to the whole buffer.
  const buffers = [...p.buffers].sort(
    (a, b) =>
      Buffer.compare(utf8(a.name), utf8(b.name)) ||
      compareBytes(bufferKey(a), bufferKey(b)),
  );
  const base: Program = {
    workgroupSize: p.workgroupSize,
    buffers,
    entry: p.entry.map(referenceNode),
  };
  return p.entryOpId === undefined ? base : { ...base, entryOpId: p.entryOpId };
}

function rootBody(p: Program): readonly Node[] {
  const root = p.entry[0];
  return root?.kind === 'region' ? root.body : [];
}

const WELL_FORMED = /^[^\ud800-\udfff]*$/u;
const hasLoneSurrogateName = (p: Program): boolean =>
  p.buffers.some((buffer) => !WELL_FORMED.test(buffer.name));

describe('canonicalizeProgram', () => {
  const buffers = [
    outputBuffer('out', 2, 'u32', 4),
    readBuffer('b', 1, 'u32'),
    readBuffer('a', 0, 'u32'),
  ];

  it('sorts buffers by name and keeps every other field', () => {
    const p = program({ buffers, entry: [] });
    const canonical = canonicalizeProgram(p);
    expect(canonical.buffers.map((b) => b.name)).toEqual(['a', 'b', 'out']);
    expect(canonical.buffers).toEqual([buffers[2], buffers[1], buffers[0]]);
    expect(canonical.entry).toBe(p.entry);
    expect(canonical.workgroupSize).toBe(p.workgroupSize);
  });

  it('orders names by code point (UTF-8 bytes), not by UTF-16 code unit', () => {
    // U+FFFF sorts before U+1F600 by code point, after it by UTF-16 code unit.
    const names = ['\uffff', '😀', 'b', 'B', 'é', 'a', 'ab'];
    const p = program({
      buffers: names.map((name, i) => readBuffer(name, i, 'u32')),
      entry: [],
    });
    expect(canonicalizeProgram(p).buffers.map((b) => b.name)).toEqual([
      'B',
      'a',
      'ab',
      'b',
      'é',
      '\uffff',
      '😀',
    ]);
  });

  it('orders buffers with equal names (invalid, but deterministic) by their whole encoding', () => {
    const one = readBuffer('a', 1, 'u32');
    const two = readBuffer('a', 0, 'u32');
    const forward = canonicalizeProgram(
      program({ buffers: [one, two], entry: [] }),
    );
    const backward = canonicalizeProgram(
      program({ buffers: [two, one], entry: [] }),
    );
    expect(forward.buffers).toEqual(backward.buffers);
    expect(forward.buffers[0]).toBe(two);
  });

  it('orders the operands of commutative operators by their encodings', () => {
    const p = program({
      buffers: [],
      entry: [
        letBind('x', add(gidX(), u32(1))),
        letBind('y', mul(local('b'), local('a'))),
        letBind('z', eq(u32(2), u32(1))),
      ],
    });
    const body = rootBody(canonicalizeProgram(p));
    expect(body).toEqual([
      letBind('x', add(u32(1), gidX())),
      letBind('y', mul(local('a'), local('b'))),
      letBind('z', eq(u32(1), u32(2))),
    ]);
  });

  it.each<[string, Expr]>([
    [
      'two atomics',
      add(
        atomic('exchange', 'c', u32(0), u32(7)),
        atomicAdd('c', u32(0), u32(1)),
      ),
    ],
    [
      'an atomic before a load',
      add(atomicAdd('c', u32(0), u32(1)), load('b', u32(0))),
    ],
    [
      'a load before an atomic',
      mul(load('b', u32(0)), atomicAdd('c', u32(0), u32(1))),
    ],
    [
      'an atomic deep inside one operand, a load deep inside the other',
      eq(
        cast('u32', negate(atomicAdd('c', u32(0), u32(1)))),
        select(bool(true), u32(1), load('b', u32(0))),
      ),
    ],
    ['a call and a load', add(call('lib.op', []), load('b', u32(0)))],
    [
      'an atomic in the index of a load, and a load',
      add(load('b', atomicAdd('c', u32(0), u32(1))), load('b', u32(0))),
    ],
  ])(
    'keeps the order of operands that may observe each other: %s',
    (_name, expr) => {
      const p = program({ buffers: [], entry: [letBind('x', expr)] });
      expect(canonicalizeProgram(p)).toBe(p);
    },
  );

  it.each<[string, Expr, Expr]>([
    [
      'two loads',
      add(load('b', u32(1)), load('b', u32(0))),
      add(load('b', u32(0)), load('b', u32(1))),
    ],
    [
      'an atomic and a literal',
      add(atomicAdd('c', u32(0), u32(1)), u32(5)),
      add(u32(5), atomicAdd('c', u32(0), u32(1))),
    ],
    [
      'an atomic and a local',
      mul(atomicAdd('c', u32(0), u32(1)), local('v')),
      mul(local('v'), atomicAdd('c', u32(0), u32(1))),
    ],
    [
      'an atomic and a buffer length (not a memory access)',
      add(atomicAdd('c', u32(0), u32(1)), bufLen('c')),
      add(bufLen('c'), atomicAdd('c', u32(0), u32(1))),
    ],
  ])(
    'orders operands that cannot observe each other: %s',
    (_name, expr, expected) => {
      const p = program({ buffers: [], entry: [letBind('x', expr)] });
      expect(rootBody(canonicalizeProgram(p))).toEqual([
        letBind('x', expected),
      ]);
    },
  );

  it('orders operands inside an operand that keeps its place', () => {
    // The outer add keeps its order (an atomic against a load); the inner adds are ordered.
    const p = program({
      buffers: [],
      entry: [
        letBind(
          'x',
          add(
            add(atomicAdd('c', u32(0), u32(1)), u32(2)),
            add(load('b', u32(1)), load('b', u32(0))),
          ),
        ),
      ],
    });
    expect(rootBody(canonicalizeProgram(p))).toEqual([
      letBind(
        'x',
        add(
          add(u32(2), atomicAdd('c', u32(0), u32(1))),
          add(load('b', u32(0)), load('b', u32(1))),
        ),
      ),
    ]);
  });

  it('leaves the operands of other operators as they are', () => {
    const p = program({
      buffers: [],
      entry: [
        letBind('x', sub(gidX(), u32(1))),
        letBind('y', lt(gidX(), u32(1))),
      ],
    });
    expect(canonicalizeProgram(p)).toBe(p);
  });

  it('orders inner operators before comparing outer operands', () => {
    // The inner adds become add(2, x) and add(1, y) first; then add(1, y) is the smaller operand.
    const left = add(local('x'), u32(2));
    const right = add(local('y'), u32(1));
    const p = program({
      buffers: [],
      entry: [letBind('v', bitXor(left, right))],
    });
    const body = rootBody(canonicalizeProgram(p));
    expect(body).toEqual([
      letBind('v', bitXor(add(u32(1), local('y')), add(u32(2), local('x')))),
    ]);
  });

  it('returns the same program when it is already canonical, and shares unchanged subtrees', () => {
    const untouched = store('out', gidX(), load('a', gidX()));
    const p = program({
      buffers: [readBuffer('a', 0, 'u32'), outputBuffer('out', 1, 'u32', 4)],
      entry: [untouched, letBind('x', add(gidX(), u32(1)))],
    });
    const canonical = canonicalizeProgram(p);
    expect(canonical).not.toBe(p);
    expect(canonical.buffers).toBe(p.buffers);
    expect(rootBody(canonical)[0]).toBe(untouched);
    expect(canonicalizeProgram(canonical)).toBe(canonical);
  });

  it('handles an expression object shared by several parents', () => {
    const shared = add(gidX(), u32(1));
    const p = program({
      buffers: [],
      entry: [letBind('x', shared), letBind('y', mul(shared, shared))],
    });
    const body = rootBody(canonicalizeProgram(p));
    const canonicalShared = add(u32(1), gidX());
    expect(body).toEqual([
      letBind('x', canonicalShared),
      letBind('y', mul(canonicalShared, canonicalShared)),
    ]);
  });

  it('keeps optional fields absent or present as they were', () => {
    const p: Program = {
      workgroupSize: [1, 1, 1],
      buffers: [readBuffer('b', 0, 'u32'), readBuffer('a', 1, 'u32')],
      entry: [region('g', [letBind('x', add(gidX(), u32(1)))], 'source')],
      entryOpId: 'op',
    };
    const canonical = canonicalizeProgram(p);
    expect(canonical.entryOpId).toBe('op');
    expect(canonical.entry[0]).toMatchObject({ sourceRegion: 'source' });
    const bare = canonicalizeProgram({
      ...p,
      entryOpId: undefined,
    } as unknown as Program);
    expect(Object.keys(bare)).not.toContain('entryOpId');
  });

  it('canonicalizes a chain 100,000 operators deep without overflowing the stack', () => {
    let chain: Expr = local('x');
    for (let i = 0; i < 100_000; i++) {
      chain = add(chain, u32(i));
    }
    const canonical = canonicalizeProgram(
      program({ buffers: [], entry: [letBind('v', chain)] }),
    );
    let at = (
      rootBody(canonical)[0] as {
        value: Expr;
      }
    ).value;
    let depth = 0;
    let literalsFirst = 0;
    while (at.kind === 'binary') {
      literalsFirst += at.left.kind === 'lit' ? 1 : 0;
      at = at.right;
      depth++;
    }
    expect(depth).toBe(100_000);
    expect(literalsFirst).toBe(100_000);
    expect(at).toEqual(local('x'));
  });

  it('equals a recursive reference implementation of the definition (property)', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        fc.pre(!hasLoneSurrogateName(p));
        expect(canonicalizeProgram(p)).toStrictEqual(referenceProgram(p));
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent and keeps the canonical bytes (property)', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        const canonical = canonicalizeProgram(p);
        expect(canonicalizeProgram(canonical)).toBe(canonical);
        expect(encodeCanonicalProgram(canonical)).toEqual(
          encodeCanonicalProgram(p),
        );
      }),
      { numRuns: 300 },
    );
  });
});
