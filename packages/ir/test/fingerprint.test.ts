import { blake3 } from '@noble/hashes/blake3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStackError } from '@vyre/foundation';
import {
  add,
  asyncLoad,
  asyncStore,
  asyncWait,
  atomic,
  atomicAdd,
  atomicCompareExchange,
  barrier,
  bitAnd,
  block,
  bool,
  bufferRef,
  bufLen,
  call,
  cast,
  collective,
  f32,
  fma,
  gidX,
  i32,
  ifThen,
  indirectDispatch,
  isCommutativeBinOp,
  letBind,
  lidX,
  load,
  local,
  loop,
  lt,
  mul,
  negate,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  region,
  resume,
  ret,
  select,
  store,
  sub,
  subgroupBallot,
  subgroupLocalId,
  subgroupReduce,
  subgroupShuffle,
  subgroupSize,
  trap,
  u32,
  uniformBuffer,
  wgX,
  workgroupBuffer,
  assign,
  type Expr,
  type Node,
  type Program,
} from '../src/index.ts';
import { encodeCanonicalProgram } from '../src/canonical-bytes.ts';
import { fingerprintProgram } from '../src/fingerprint.ts';
import { programArb } from './program-json-arbitrary.ts';

// The fingerprint: committed test vectors (stable across runs, platforms and releases of the same
// encoding version), invariances, and sensitivity to every single change.

const addOne = (): Program =>
  program({
    buffers: [
      readBuffer('input', 0, 'u32'),
      outputBuffer('out', 1, 'u32', 1024),
    ],
    entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
  });

const everyExpression = (): Program =>
  program({
    workgroupSize: [256, 1, 1],
    buffers: [
      readBuffer('in', 0, 'f32'),
      outputBuffer('out', 1, 'u32', 64),
      workgroupBuffer('tile', 64, 'u32'),
    ],
    entry: [
      letBind('a', select(lt(gidX(), bufLen('in')), u32(7), u32(0xffff_ffff))),
      letBind('b', cast('f32', i32(-5))),
      letBind('c', fma(load('in', gidX()), f32(0.5), f32(-0))),
      letBind('d', negate(local('c'))),
      letBind('e', atomic('max', 'out', u32(0), local('a'), 'relaxed')),
      letBind('f', atomicCompareExchange('out', u32(1), u32(2), u32(3))),
      letBind(
        'g',
        subgroupReduce('add', subgroupShuffle(local('a'), subgroupLocalId())),
      ),
      letBind('h', bitAnd(subgroupBallot(bool(true)), subgroupSize())),
      letBind('i', call('lib.op', [bufferRef('in'), wgX(), lidX()])),
      store('out', gidX(), mul(local('a'), u32(3))),
    ],
    entryOpId: 'test.every_expression',
  });

const everyStatement = (): Program =>
  program({
    workgroupSize: [8, 8, 1],
    buffers: [
      uniformBuffer('params', 2, 'u32', { count: 4 }),
      readWriteBuffer('data', 0, 'i32'),
      outputBuffer('out', 1, 'u32', 16, {
        outputByteRange: { start: 0, end: 32 },
      }),
    ],
    entry: [
      region('setup', [letBind('x', u32(0)), assign('x', u32(1))], 'origin'),
      region('main', [
        ifThen(bool(true), [block([ret()])], [barrier('acqRel')]),
        loop('i', u32(0), u32(4), [store('out', local('i'), local('x'))]),
        indirectDispatch('params', 4),
        asyncLoad('data', 'out', u32(0), u32(4), 'copy'),
        asyncStore('out', 'data', u32(0), u32(4), 'back'),
        asyncWait('copy'),
        trap(u32(9), 'trap'),
        resume('trap'),
        collective('allReduce', 'data'),
        collective('allGather', 'data'),
        collective('reduceScatter', 'data'),
        collective('broadcast', 'data'),
      ]),
    ],
  });

describe('fingerprintProgram', () => {
  // Computed once with this implementation and committed: a change to any of these is a change of
  // the canonical encoding, which must come with a new CANONICAL_ENCODING_VERSION.
  it.each<[string, () => Program, string]>([
    [
      'an empty program',
      () => program({ buffers: [], entry: [] }),
      'a01d9fd54ee4931cf10b567806e8591dbf56a2d1998346fb2eae299d85af5f1d',
    ],
    [
      'the add-one kernel',
      addOne,
      '40b3f072838c9f8579eb39e3602486a6d88cee2fe88d4c6538344ea19944f122',
    ],
    [
      'every expression kind',
      everyExpression,
      '6d1e763f506daed81595394be300e0fdb262ffc34f4a0cd777ca106948c54816',
    ],
    [
      'every statement kind',
      everyStatement,
      '2bbb5701416fdcba3477c8fcf5811bf4f7ea5119536b3e84df30351baaeff357',
    ],
    [
      'an f32 -0 literal',
      () => program({ buffers: [], entry: [letBind('z', f32(-0))] }),
      '46ca3dbadd468c87bb5d838af8fc4514662fbfb3e16c426ac9cd63695a11e74b',
    ],
  ])('matches the committed vector for %s', (_name, build, expected) => {
    expect(fingerprintProgram(build())).toBe(expected);
  });

  it('hashes with BLAKE3 (the official test vector for empty input)', () => {
    expect(Buffer.from(blake3(new Uint8Array(0))).toString('hex')).toBe(
      'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262',
    );
  });

  it('is the lowercase hex BLAKE3-256 of the canonical bytes', () => {
    const p = everyExpression();
    const hex = Buffer.from(blake3(encodeCanonicalProgram(p))).toString('hex');
    expect(fingerprintProgram(p)).toBe(hex);
    expect(fingerprintProgram(p)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is invariant under reordering buffers (property)', () => {
    const withShuffledBuffers = programArb.chain((p) =>
      fc
        .shuffledSubarray([...p.buffers], {
          minLength: p.buffers.length,
          maxLength: p.buffers.length,
        })
        .map((buffers) => [p, buffers] as const),
    );
    fc.assert(
      fc.property(withShuffledBuffers, ([p, buffers]) => {
        expect(fingerprintProgram({ ...p, buffers })).toBe(
          fingerprintProgram(p),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('is invariant under swapping the operands of commutative operators that cannot observe each other (property)', () => {
    fc.assert(
      fc.property(programArb, fc.boolean(), (p, everyOther) => {
        let flip = everyOther;
        const swapExpr = (expr: Expr): Expr => {
          if (expr.kind !== 'binary') {
            return mapChildren(expr, swapExpr);
          }
          const left = swapExpr(expr.left);
          const right = swapExpr(expr.right);
          flip = !flip;
          return isCommutativeBinOp(expr.op) &&
            flip &&
            !mayObserveEachOther(left, right)
            ? { ...expr, left: right, right: left }
            : { ...expr, left, right };
        };
        const swapped: Program = {
          ...p,
          entry: p.entry.map((node) => mapNode(node, swapExpr)),
        };
        expect(fingerprintProgram(swapped)).toBe(fingerprintProgram(p));
      }),
      { numRuns: 200 },
    );
  });

  it('changes when commutative operands that may observe each other are swapped (property)', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        let swappedOne = false;
        const swapExpr = (expr: Expr): Expr => {
          if (expr.kind !== 'binary') {
            return mapChildren(expr, swapExpr);
          }
          if (
            !swappedOne &&
            isCommutativeBinOp(expr.op) &&
            mayObserveEachOther(expr.left, expr.right) &&
            !sameBytes(expr.left, expr.right)
          ) {
            swappedOne = true;
            return { ...expr, left: expr.right, right: expr.left };
          }
          return mapChildren(expr, swapExpr);
        };
        const swapped: Program = {
          ...p,
          entry: p.entry.map((node) => mapNode(node, swapExpr)),
        };
        fc.pre(swappedOne);
        expect(fingerprintProgram(swapped)).not.toBe(fingerprintProgram(p));
      }),
      { numRuns: 50 },
    );
  });

  const counters = (entry: readonly Node[]): Program =>
    program({
      buffers: [readBuffer('b', 0, 'u32'), readWriteBuffer('c', 1, 'u32')],
      entry,
    });
  const exchange = atomic('exchange', 'c', u32(0), u32(7));
  const bump = atomicAdd('c', u32(0), u32(1));

  it('gives add(exchange, atomicAdd) and its swap different fingerprints: they compute different values', () => {
    expect(
      fingerprintProgram(counters([letBind('v', add(exchange, bump))])),
    ).not.toBe(
      fingerprintProgram(counters([letBind('v', add(bump, exchange))])),
    );
  });

  it('gives add(load(b, 0), load(b, 1)) and its swap the same fingerprint', () => {
    const first = load('b', u32(0));
    const second = load('b', u32(1));
    expect(
      fingerprintProgram(counters([letBind('v', add(first, second))])),
    ).toBe(fingerprintProgram(counters([letBind('v', add(second, first))])));
  });

  it('gives add(atomicAdd(c, 0, 1), u32(5)) and its swap the same fingerprint', () => {
    expect(
      fingerprintProgram(counters([letBind('v', add(bump, u32(5)))])),
    ).toBe(fingerprintProgram(counters([letBind('v', add(u32(5), bump))])));
  });

  it('gives the same result on repeated calls', () => {
    const p = everyStatement();
    const first = fingerprintProgram(p);
    for (let i = 0; i < 10; i++) {
      expect(fingerprintProgram(p)).toBe(first);
    }
  });

  const base = (): Program =>
    program({
      workgroupSize: [64, 1, 1],
      buffers: [
        readBuffer('input', 0, 'u32'),
        outputBuffer('out', 1, 'f32', 64),
      ],
      entry: [
        letBind('x', load('input', gidX())),
        ifThen(lt(local('x'), u32(10)), [
          store('out', gidX(), cast('f32', sub(local('x'), u32(1)))),
        ]),
        store('out', add(gidX(), u32(64)), f32(0)),
      ],
    });
  const body = (p: Program): readonly Node[] =>
    p.entry[0]?.kind === 'region' ? p.entry[0].body : [];
  const withBody = (nodes: readonly Node[]): Program => ({
    ...base(),
    entry: [region('vyre.program.root', nodes)],
  });
  const [first, second, third] = body(base());

  const mutations: readonly [string, () => Program][] = [
    ['workgroup size x', () => ({ ...base(), workgroupSize: [32, 1, 1] })],
    ['workgroup size z', () => ({ ...base(), workgroupSize: [64, 1, 2] })],
    ['entryOpId added', () => ({ ...base(), entryOpId: '' })],
    [
      'a buffer name',
      () => ({
        ...base(),
        buffers: [
          readBuffer('inputs', 0, 'u32'),
          outputBuffer('out', 1, 'f32', 64),
        ],
      }),
    ],
    [
      'a buffer binding',
      () => ({
        ...base(),
        buffers: [
          readBuffer('input', 2, 'u32'),
          outputBuffer('out', 1, 'f32', 64),
        ],
      }),
    ],
    [
      'a buffer access',
      () => ({
        ...base(),
        buffers: [
          uniformBuffer('input', 0, 'u32'),
          outputBuffer('out', 1, 'f32', 64),
        ],
      }),
    ],
    [
      'a buffer element type',
      () => ({
        ...base(),
        buffers: [
          readBuffer('input', 0, 'i32'),
          outputBuffer('out', 1, 'f32', 64),
        ],
      }),
    ],
    [
      'a buffer count',
      () => ({
        ...base(),
        buffers: [
          readBuffer('input', 0, 'u32'),
          outputBuffer('out', 1, 'f32', 65),
        ],
      }),
    ],
    [
      'a buffer output flag',
      () => ({
        ...base(),
        buffers: [
          readBuffer('input', 0, 'u32'),
          { ...outputBuffer('out', 1, 'f32', 64), output: false },
        ],
      }),
    ],
    [
      'a buffer liveOut flag',
      () => ({
        ...base(),
        buffers: [
          readBuffer('input', 0, 'u32'),
          { ...outputBuffer('out', 1, 'f32', 64), liveOut: false },
        ],
      }),
    ],
    [
      'an output byte range added',
      () => ({
        ...base(),
        buffers: [
          readBuffer('input', 0, 'u32'),
          outputBuffer('out', 1, 'f32', 64, {
            outputByteRange: { start: 0, end: 256 },
          }),
        ],
      }),
    ],
    [
      'a buffer removed',
      () => ({ ...base(), buffers: [outputBuffer('out', 1, 'f32', 64)] }),
    ],
    [
      'a u32 literal',
      () =>
        withBody([
          first!,
          ifThen(lt(local('x'), u32(11)), [
            store('out', gidX(), cast('f32', sub(local('x'), u32(1)))),
          ]),
          third!,
        ]),
    ],
    [
      'an f32 literal 0 to -0',
      () =>
        withBody([
          first!,
          second!,
          store('out', add(gidX(), u32(64)), f32(-0)),
        ]),
    ],
    [
      'a literal type u32 to i32',
      () =>
        withBody([first!, second!, store('out', add(gidX(), i32(64)), f32(0))]),
    ],
    [
      'a binary operator',
      () =>
        withBody([first!, second!, store('out', sub(gidX(), u32(64)), f32(0))]),
    ],
    [
      'non-commutative operands swapped',
      () =>
        withBody([
          first!,
          ifThen(lt(local('x'), u32(10)), [
            store('out', gidX(), cast('f32', sub(u32(1), local('x')))),
          ]),
          third!,
        ]),
    ],
    [
      'a cast target',
      () =>
        withBody([
          first!,
          ifThen(lt(local('x'), u32(10)), [
            store('out', gidX(), cast('i32', sub(local('x'), u32(1)))),
          ]),
          third!,
        ]),
    ],
    [
      'a variable name',
      () => withBody([letBind('y', load('input', gidX())), second!, third!]),
    ],
    [
      'an id axis',
      () =>
        withBody([
          letBind('x', load('input', { kind: 'invocationId', axis: 1 })),
          second!,
          third!,
        ]),
    ],
    [
      'an id kind',
      () => withBody([letBind('x', load('input', wgX())), second!, third!]),
    ],
    ['a statement removed', () => withBody([first!, second!])],
    ['statements reordered', () => withBody([first!, third!, second!])],
    [
      'a statement moved into a branch',
      () =>
        withBody([
          first!,
          ifThen(lt(local('x'), u32(10)), [
            store('out', gidX(), cast('f32', sub(local('x'), u32(1)))),
            third!,
          ]),
        ]),
    ],
    [
      'an else branch added',
      () =>
        withBody([
          first!,
          ifThen(
            lt(local('x'), u32(10)),
            [store('out', gidX(), cast('f32', sub(local('x'), u32(1))))],
            [ret()],
          ),
          third!,
        ]),
    ],
    [
      'the region generator',
      () => ({ ...base(), entry: [region('other', body(base()))] }),
    ],
    [
      'a sourceRegion added',
      () => ({
        ...base(),
        entry: [region('vyre.program.root', body(base()), '')],
      }),
    ],
    [
      'a region split in two',
      () => ({
        ...base(),
        entry: [
          region('vyre.program.root', [first!]),
          region('vyre.program.root', [second!, third!]),
        ],
      }),
    ],
  ];

  it.each(mutations)('changes when %s changes', (_name, mutate) => {
    expect(fingerprintProgram(mutate())).not.toBe(fingerprintProgram(base()));
  });

  it('gives every single mutation its own fingerprint', () => {
    const all = [base, ...mutations.map(([, mutate]) => mutate)].map((build) =>
      fingerprintProgram(build()),
    );
    expect(new Set(all).size).toBe(all.length);
  });

  it('distinguishes optional fields that are absent from present-but-empty ones', () => {
    const without = atomic('add', 'out', u32(0), u32(1));
    const fingerprints = new Set([
      fingerprintProgram(
        program({ buffers: [], entry: [letBind('v', without)] }),
      ),
      fingerprintProgram(
        program({
          buffers: [],
          entry: [letBind('v', { ...without, expected: u32(0) })],
        }),
      ),
      fingerprintProgram(program({ buffers: [], entry: [region('r', [])] })),
      fingerprintProgram(
        program({ buffers: [], entry: [region('r', [], '')] }),
      ),
      fingerprintProgram(
        program({ buffers: [], entry: [region('r', [], 'r')] }),
      ),
      fingerprintProgram(
        program({ buffers: [], entry: [region('r', [])], entryOpId: '' }),
      ),
    ]);
    expect(fingerprints.size).toBe(6);
  });

  it('throws IR_JSON_VALUE_OUT_OF_RANGE for a program outside the domain', () => {
    let thrown: unknown;
    try {
      fingerprintProgram(
        program({ buffers: [], entry: [letBind('v', u32(-1))] }),
      );
    } catch (error) {
      thrown = error;
    }
    expect(isStackError(thrown, 'IR_JSON_VALUE_OUT_OF_RANGE')).toBe(true);
  });
});

/** Whether `expr` contains a node of one of `kinds`. */
function containsKind(expr: Expr, kinds: readonly Expr['kind'][]): boolean {
  let found = kinds.includes(expr.kind);
  mapChildren(expr, (child) => {
    found ||= containsKind(child, kinds);
    return child;
  });
  return found;
}

/** The canonical form's rule: an atomic (or a call) on one side and memory on the other. */
function mayObserveEachOther(a: Expr, b: Expr): boolean {
  const writes = (e: Expr): boolean => containsKind(e, ['atomic', 'call']);
  const memory = (e: Expr): boolean =>
    containsKind(e, ['load', 'atomic', 'call']);
  return (writes(a) && memory(b)) || (writes(b) && memory(a));
}

function sameBytes(a: Expr, b: Expr): boolean {
  const bytes = (e: Expr): string =>
    Buffer.from(
      encodeCanonicalProgram(
        program({ buffers: [], entry: [letBind('k', e)] }),
      ),
    ).toString('hex');
  return bytes(a) === bytes(b);
}

function mapChildren(expr: Expr, f: (e: Expr) => Expr): Expr {
  switch (expr.kind) {
    case 'load':
      return { ...expr, index: f(expr.index) };
    case 'binary':
      return { ...expr, left: f(expr.left), right: f(expr.right) };
    case 'unary':
      return { ...expr, operand: f(expr.operand) };
    case 'select':
      return {
        ...expr,
        cond: f(expr.cond),
        ifTrue: f(expr.ifTrue),
        ifFalse: f(expr.ifFalse),
      };
    case 'cast':
    case 'subgroupReduce':
      return { ...expr, value: f(expr.value) };
    case 'fma':
      return { ...expr, a: f(expr.a), b: f(expr.b), c: f(expr.c) };
    case 'atomic': {
      const base = { ...expr, index: f(expr.index), value: f(expr.value) };
      return expr.expected === undefined
        ? base
        : { ...base, expected: f(expr.expected) };
    }
    case 'call':
      return { ...expr, args: expr.args.map(f) };
    case 'subgroupBallot':
      return { ...expr, cond: f(expr.cond) };
    case 'subgroupShuffle':
      return { ...expr, value: f(expr.value), lane: f(expr.lane) };
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

function mapNode(node: Node, f: (e: Expr) => Expr): Node {
  const nodes = (list: readonly Node[]): Node[] =>
    list.map((n) => mapNode(n, f));
  switch (node.kind) {
    case 'let':
    case 'assign':
      return { ...node, value: f(node.value) };
    case 'store':
      return { ...node, index: f(node.index), value: f(node.value) };
    case 'if':
      return {
        ...node,
        cond: f(node.cond),
        then: nodes(node.then),
        otherwise: nodes(node.otherwise),
      };
    case 'loop':
      return {
        ...node,
        from: f(node.from),
        to: f(node.to),
        body: nodes(node.body),
      };
    case 'block':
    case 'region':
      return { ...node, body: nodes(node.body) };
    case 'asyncLoad':
    case 'asyncStore':
      return { ...node, offset: f(node.offset), size: f(node.size) };
    case 'trap':
      return { ...node, address: f(node.address) };
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
