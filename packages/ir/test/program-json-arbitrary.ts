import fc from 'fast-check';
import {
  AtomicOp,
  BinOp,
  BufferAccess,
  DataTypeWireTag,
  MemoryOrdering,
  SubgroupReduceOp,
  UnOp,
  type BufferDecl,
  type DataType,
  type Expr,
  type Node,
  type Program,
} from '../src/index.ts';

// fast-check arbitraries for programs whose every value is inside the domain of the JSON form
// (what decodeProgram accepts), valid or not: every expression and statement kind, every vocabulary
// name, optional fields absent and present, f32 -0 and odd strings. Shared by the JSON, canonical-form
// and fingerprint tests. (tools/program-arbitraries generates *valid* programs only.)

const names = <T extends string>(vocabulary: Readonly<Record<T, number>>) =>
  fc.constantFrom(...(Object.keys(vocabulary) as T[]));

const binOpArb = names(BinOp);
const unOpArb = names(UnOp);
const atomicOpArb = names(AtomicOp);
const orderingArb = names(MemoryOrdering);
const reduceOpArb = names(SubgroupReduceOp);
const dataTypeArb: fc.Arbitrary<DataType> = names(DataTypeWireTag);
const accessArb = names(BufferAccess);

/** Short names, mostly plain, sometimes with non-ASCII text, an astral character or a lone surrogate. */
const nameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'x', 'out', 'input') },
  { weight: 2, arbitrary: fc.string({ maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'é',
      '日本',
      '😀',
      '\ud800',
      'a\udc00',
      '"\\/~',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);

const u32Arb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1, 2, 0x7fff_ffff, 0xffff_ffff),
  fc.integer({ min: 0, max: 0xffff_ffff }),
);
const i32Arb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1, -0x8000_0000, 0x7fff_ffff),
  fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }),
);
/** Finite f32 values, -0 included. */
const f32Arb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-0, 0, 1.5, -2.25, 2 ** -149, 3.4028234663852886e38),
  fc.float({ noNaN: true, noDefaultInfinity: true }),
);

const literalArb: fc.Arbitrary<Expr> = fc.oneof(
  u32Arb.map((value): Expr => ({ kind: 'lit', type: 'u32', value })),
  i32Arb.map((value): Expr => ({ kind: 'lit', type: 'i32', value })),
  f32Arb.map((value): Expr => ({ kind: 'lit', type: 'f32', value })),
  fc.boolean().map((value): Expr => ({ kind: 'lit', type: 'bool', value })),
);

const leafExprArb: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 4, arbitrary: literalArb },
  nameArb.map((name): Expr => ({ kind: 'var', name })),
  nameArb.map((buffer): Expr => ({ kind: 'bufLen', buffer })),
  nameArb.map((buffer): Expr => ({ kind: 'bufferRef', buffer })),
  fc
    .tuple(fc.constantFrom('invocationId', 'workgroupId', 'localId'), u32Arb)
    .map(([kind, axis]): Expr => ({ kind, axis })),
  fc
    .constantFrom('subgroupLocalId', 'subgroupSize')
    .map((kind): Expr => ({ kind })),
);

const { node: nodeArb } = fc.letrec<{
  expr: Expr;
  node: Node;
}>((tie) => {
  const expr = tie('expr');
  const node = tie('node');
  const nodes = fc.array(node, { maxLength: 3 });
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 6, arbitrary: leafExprArb },
      fc
        .record({ buffer: nameArb, index: expr })
        .map((e): Expr => ({ kind: 'load', ...e })),
      {
        weight: 3,
        arbitrary: fc
          .record({ op: binOpArb, left: expr, right: expr })
          .map((e): Expr => ({ kind: 'binary', ...e })),
      },
      fc
        .record({ op: unOpArb, operand: expr })
        .map((e): Expr => ({ kind: 'unary', ...e })),
      fc
        .record({ cond: expr, ifTrue: expr, ifFalse: expr })
        .map((e): Expr => ({ kind: 'select', ...e })),
      fc
        .record({ target: dataTypeArb, value: expr })
        .map((e): Expr => ({ kind: 'cast', ...e })),
      fc
        .record({ a: expr, b: expr, c: expr })
        .map((e): Expr => ({ kind: 'fma', ...e })),
      fc
        .record(
          {
            op: atomicOpArb,
            buffer: nameArb,
            index: expr,
            value: expr,
            expected: expr,
            ordering: orderingArb,
          },
          { requiredKeys: ['op', 'buffer', 'index', 'value', 'ordering'] },
        )
        .map((e): Expr => ({ kind: 'atomic', ...e })),
      fc
        .record({ op: nameArb, args: fc.array(expr, { maxLength: 3 }) })
        .map((e): Expr => ({ kind: 'call', ...e })),
      expr.map((cond): Expr => ({ kind: 'subgroupBallot', cond })),
      fc
        .record({ value: expr, lane: expr })
        .map((e): Expr => ({ kind: 'subgroupShuffle', ...e })),
      fc
        .record({ op: reduceOpArb, value: expr })
        .map((e): Expr => ({ kind: 'subgroupReduce', ...e })),
    ),
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc
        .record({
          kind: fc.constantFrom('let', 'assign'),
          name: nameArb,
          value: expr,
        })
        .map((n): Node => ({ ...n })),
      fc
        .record({ buffer: nameArb, index: expr, value: expr })
        .map((n): Node => ({ kind: 'store', ...n })),
      fc.constant<Node>({ kind: 'return' }),
      orderingArb.map((ordering): Node => ({ kind: 'barrier', ordering })),
      fc
        .record({ countBuffer: nameArb, countOffset: u32Arb })
        .map((n): Node => ({ kind: 'indirectDispatch', ...n })),
      fc
        .record({
          kind: fc.constantFrom('asyncLoad', 'asyncStore'),
          source: nameArb,
          destination: nameArb,
          offset: expr,
          size: expr,
          tag: nameArb,
        })
        .map((n): Node => ({ ...n })),
      nameArb.map((tag): Node => ({ kind: 'asyncWait', tag })),
      nameArb.map((tag): Node => ({ kind: 'resume', tag })),
      fc
        .record({ address: expr, tag: nameArb })
        .map((n): Node => ({ kind: 'trap', ...n })),
      fc
        .record({
          kind: fc.constantFrom(
            'allReduce',
            'allGather',
            'reduceScatter',
            'broadcast',
          ),
          buffer: nameArb,
        })
        .map((n): Node => ({ ...n })),
      fc
        .record({ cond: expr, then: nodes, otherwise: nodes })
        .map((n): Node => ({ kind: 'if', ...n })),
      fc
        .record({ var: nameArb, from: expr, to: expr, body: nodes })
        .map((n): Node => ({ kind: 'loop', ...n })),
      nodes.map((body): Node => ({ kind: 'block', body })),
      fc
        .record(
          { generator: nameArb, sourceRegion: nameArb, body: nodes },
          { requiredKeys: ['generator', 'body'] },
        )
        .map((n): Node => ({ kind: 'region', ...n })),
    ),
  };
});

const lengthArb = fc.oneof(
  fc.constantFrom(0, 4, 2 ** 32, Number.MAX_SAFE_INTEGER),
  fc.integer({ min: 0, max: 1 << 20 }),
);

const bufferArb: fc.Arbitrary<BufferDecl> = fc
  .record(
    {
      name: nameArb,
      binding: u32Arb,
      access: accessArb,
      element: dataTypeArb,
      count: u32Arb,
      output: fc.boolean(),
      liveOut: fc.boolean(),
      outputByteRange: fc
        .record({ start: lengthArb, end: lengthArb })
        .map((range) => ({ ...range })),
    },
    {
      requiredKeys: [
        'name',
        'binding',
        'access',
        'element',
        'count',
        'output',
        'liveOut',
      ],
    },
  )
  .map((buffer) => ({ ...buffer }));

export const programArb: fc.Arbitrary<Program> = fc
  .record(
    {
      workgroupSize: fc.tuple(u32Arb, u32Arb, u32Arb),
      buffers: fc.array(bufferArb, { maxLength: 4 }),
      entry: fc.array(nodeArb, { maxLength: 4 }),
      entryOpId: nameArb,
    },
    { requiredKeys: ['workgroupSize', 'buffers', 'entry'] },
  )
  .map((p) => ({ ...p }));
