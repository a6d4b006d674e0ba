import {
  add,
  atomic,
  atomicCompareExchange,
  barrier,
  BinOp,
  binary,
  binaryType,
  block,
  bool,
  bufLen,
  cast,
  DataTypeWireTag,
  div,
  eq,
  f32,
  fma,
  gidX,
  i32,
  ifThen,
  invocationId,
  isCastAllowed,
  letBind,
  assign,
  load,
  local,
  localId,
  loop,
  lt,
  mul,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  region,
  ret,
  select,
  shl,
  store,
  subgroupBallot,
  subgroupLocalId,
  subgroupReduce,
  subgroupShuffle,
  subgroupSize,
  SubgroupReduceOp,
  u32,
  unary,
  unaryType,
  UnOp,
  uniformBuffer,
  workgroupBuffer,
  workgroupId,
  wgX,
  type AtomicOp,
  type BufferDecl,
  type DataType,
  type Expr,
  type MemoryOrdering,
  type Node,
  type Program,
  type ValueType,
} from '@vyre/ir';

// Programs that together use every construct the WGSL emitter supports, for the Dawn compile test
// (wgsl-compile.test.ts): every binary and unary operator with every operand type it accepts, every
// cast of the cast table, every atomic, loads and stores of every element type in storage and
// workgroup memory, builtins, control flow, barriers, literal edge cases and the constant-operand
// cases that Tint would reject at compile time if they were emitted as constant expressions.

/** A WebGPU feature a corpus program needs. */
export type CorpusFeature = 'subgroups' | 'shader-f16';

export interface CorpusProgram {
  readonly name: string;
  readonly program: Program;
  readonly requires: readonly CorpusFeature[];
}

const VALUE_TYPES: readonly ValueType[] = [
  'u32',
  'i32',
  'f32',
  'bool',
  'u64',
  'i64',
  'vec2u32',
  'vec4u32',
  'f16',
];
const DATA_TYPES = Object.keys(DataTypeWireTag) as DataType[];

const I32_MIN = -0x8000_0000;
const F32_MAX = 3.4028234663852886e38;

// Literal operands per type, edge values first: they exercise the constant-operand rule (every
// all-literal operation), shifts by 32 or more, division by zero and f32 overflow.
const LITERALS: Readonly<Partial<Record<ValueType, readonly Expr[]>>> = {
  u32: [u32(0), u32(1), u32(40), u32(0xffff_ffff)],
  i32: [i32(I32_MIN), i32(-1), i32(0), i32(255)],
  f32: [f32(0), f32(-0), f32(F32_MAX), f32(1e-45), f32(-1.5)],
  bool: [bool(true), bool(false)],
};

// Builds one program: `input(type)` reads a storage buffer of that type, `output(value, type)` writes
// an output buffer of that element type; each buffer is declared once, at the next binding.
class Builder {
  private readonly buffers: BufferDecl[] = [];
  private readonly names = new Set<string>();
  private slot = 0;
  private written = 0;

  input(type: DataType): Expr {
    return load(this.buffer(`in_${type}`, type, 'input'), gidX());
  }

  output(value: Expr, type: DataType): Node {
    this.written += 1;
    return store(
      this.buffer(`out_${type}`, type, 'output'),
      u32(this.written),
      value,
    );
  }

  declare(decl: BufferDecl): void {
    if (!this.names.has(decl.name)) {
      this.names.add(decl.name);
      this.buffers.push(decl);
      this.slot = Math.max(this.slot, decl.binding + 1);
    }
  }

  program(
    entry: readonly Node[],
    workgroupSize?: readonly [number, number, number],
  ): Program {
    return program(
      workgroupSize === undefined
        ? { buffers: this.buffers, entry }
        : { buffers: this.buffers, entry, workgroupSize },
    );
  }

  private buffer(
    name: string,
    type: DataType,
    role: 'input' | 'output',
  ): string {
    if (!this.names.has(name)) {
      this.declare(
        role === 'input'
          ? readBuffer(name, this.slot, type)
          : outputBuffer(name, this.slot, type, 64),
      );
    }
    return name;
  }
}

function needs(...types: readonly (DataType | ValueType)[]): CorpusFeature[] {
  return types.includes('f16') ? ['shader-f16'] : [];
}

function binaryPrograms(): CorpusProgram[] {
  const out: CorpusProgram[] = [];
  for (const op of Object.keys(BinOp) as (keyof typeof BinOp)[]) {
    for (const left of VALUE_TYPES) {
      for (const right of VALUE_TYPES) {
        const check = binaryType(op, left, right);
        if (!check.ok) {
          continue;
        }
        const b = new Builder();
        const body: Node[] = [
          b.output(binary(op, b.input(left), b.input(right)), check.type),
        ];
        const lefts = LITERALS[left] ?? [];
        const rights = LITERALS[right] ?? [];
        for (const l of lefts) {
          body.push(b.output(binary(op, l, b.input(right)), check.type));
          for (const r of rights) {
            body.push(b.output(binary(op, l, r), check.type));
          }
        }
        for (const r of rights) {
          body.push(b.output(binary(op, b.input(left), r), check.type));
        }
        out.push({
          name: `binary ${op}(${left}, ${right})`,
          program: b.program(body),
          requires: [],
        });
      }
    }
  }
  return out;
}

function unaryPrograms(): CorpusProgram[] {
  const out: CorpusProgram[] = [];
  for (const op of Object.keys(UnOp) as (keyof typeof UnOp)[]) {
    for (const type of VALUE_TYPES) {
      const check = unaryType(op, type);
      if (!check.ok) {
        continue;
      }
      const b = new Builder();
      const body: Node[] = [b.output(unary(op, b.input(type)), check.type)];
      for (const literal of LITERALS[type] ?? []) {
        body.push(b.output(unary(op, literal), check.type));
      }
      out.push({
        name: `unary ${op}(${type})`,
        program: b.program(body),
        requires: [],
      });
    }
  }
  // Math functions whose constant evaluation would be a domain error or an overflow.
  const b = new Builder();
  const domain: Node[] = [
    b.output(unary('sqrt', f32(-1)), 'f32'),
    b.output(unary('log', f32(0)), 'f32'),
    b.output(unary('log2', f32(-2)), 'f32'),
    b.output(unary('exp', f32(100)), 'f32'),
    b.output(unary('exp2', f32(200)), 'f32'),
    b.output(unary('inverseSqrt', f32(0)), 'f32'),
    b.output(unary('acos', f32(2)), 'f32'),
    b.output(unary('asin', f32(-2)), 'f32'),
    b.output(unary('cosh', f32(1000)), 'f32'),
    b.output(unary('sinh', f32(1000)), 'f32'),
    b.output(unary('reciprocal', f32(0)), 'f32'),
    b.output(unary('negate', u32(1)), 'u32'),
  ];
  out.push({
    name: 'unary constant domain errors',
    program: b.program(domain),
    requires: [],
  });
  return out;
}

function castPrograms(): CorpusProgram[] {
  const out: CorpusProgram[] = [];
  for (const from of VALUE_TYPES) {
    for (const target of DATA_TYPES) {
      if (!isCastAllowed(from, target)) {
        continue;
      }
      const b = new Builder();
      const body: Node[] = [b.output(cast(target, b.input(from)), target)];
      for (const literal of LITERALS[from] ?? []) {
        body.push(b.output(cast(target, literal), target));
      }
      out.push({
        name: `cast ${from} -> ${target}`,
        program: b.program(body),
        requires: needs(from, target),
      });
    }
  }
  return out;
}

const ATOMIC_OPS: readonly Exclude<
  AtomicOp,
  'compareExchange' | 'compareExchangeWeak'
>[] = [
  'add',
  'or',
  'and',
  'xor',
  'min',
  'max',
  'exchange',
  'fetchNand',
  'lruUpdate',
];
const ATOMIC_ORDERINGS: readonly MemoryOrdering[] = [
  'relaxed',
  'acquire',
  'release',
  'acqRel',
  'seqCst',
];

function atomicPrograms(): CorpusProgram[] {
  const out: CorpusProgram[] = [];
  for (const op of ATOMIC_OPS) {
    const b = new Builder();
    b.declare(readWriteBuffer('counters', 0, 'u32'));
    const body: Node[] = ATOMIC_ORDERINGS.map((ordering, k) =>
      b.output(
        atomic(
          op,
          'counters',
          u32(k),
          k === 0 ? b.input('u32') : u32(0xffff_ffff),
          ordering,
        ),
        'u32',
      ),
    );
    body.push(b.output(atomic(op, 'counters', gidX(), u32(7)), 'u32'));
    // Every access to an atomic target is atomic: a plain load and store of it too.
    body.push(store('counters', u32(9), add(load('counters', u32(8)), u32(1))));
    out.push({ name: `atomic ${op}`, program: b.program(body), requires: [] });
  }
  const b = new Builder();
  b.declare(readWriteBuffer('counters', 0, 'u32'));
  const cas: Node[] = [
    b.output(atomicCompareExchange('counters', gidX(), u32(0), u32(1)), 'u32'),
    b.output(
      atomicCompareExchange(
        'counters',
        u32(3),
        b.input('u32'),
        gidX(),
        'acqRel',
      ),
      'u32',
    ),
    b.output(
      atomicCompareExchange(
        'counters',
        u32(4),
        atomic('add', 'counters', u32(5), u32(1)),
        u32(9),
      ),
      'u32',
    ),
  ];
  out.push({
    name: 'atomic compareExchange',
    program: b.program(cas),
    requires: [],
  });
  // Atomics inside select and logical operators (evaluated in IR order, no short circuit).
  const s = new Builder();
  s.declare(readWriteBuffer('counters', 0, 'u32'));
  const ordered: Node[] = [
    s.output(
      select(
        eq(atomic('add', 'counters', u32(0), u32(1)), u32(0)),
        load('counters', u32(0)),
        u32(5),
      ),
      'u32',
    ),
    s.output(
      binary(
        'and',
        lt(gidX(), u32(3)),
        eq(atomic('or', 'counters', u32(1), u32(2)), u32(0)),
      ),
      'bool',
    ),
    s.output(
      binary('or', atomic('xor', 'counters', u32(1), u32(2)), bool(false)),
      'bool',
    ),
  ];
  out.push({
    name: 'atomics in select, and, or',
    program: s.program(ordered),
    requires: [],
  });
  return out;
}

// Loads and stores of one element type in storage (read, read-write, uniform) and workgroup memory,
// and bufLen of each.
function memoryPrograms(): CorpusProgram[] {
  const out: CorpusProgram[] = [];
  for (const element of DATA_TYPES) {
    const b = new Builder();
    b.declare(readBuffer('src', 0, element));
    b.declare(readWriteBuffer('dst', 1, element));
    b.declare(uniformBuffer('params', 2, element));
    b.declare(workgroupBuffer('tile', 13, element));
    b.declare(outputBuffer('lengths', 3, 'u32', 4));
    const body: Node[] = [
      store('tile', gidX(), load('src', gidX())),
      barrier(),
      store('dst', gidX(), load('tile', add(gidX(), u32(1)))),
      store('dst', u32(0), load('params', u32(0))),
      store('dst', u32(1), load('dst', u32(2))),
      store('tile', u32(12), load('tile', u32(13))),
      store('lengths', u32(0), bufLen('src')),
      store('lengths', u32(1), bufLen('dst')),
      store('lengths', u32(2), bufLen('params')),
      store('lengths', u32(3), bufLen('tile')),
    ];
    out.push({
      name: `memory ${element}`,
      program: b.program(body),
      requires: needs(element),
    });
  }
  return out;
}

function builtinPrograms(): CorpusProgram[] {
  const out: CorpusProgram[] = [];
  for (const [kind, make] of [
    ['invocationId', invocationId],
    ['workgroupId', workgroupId],
    ['localId', localId],
  ] as const) {
    const b = new Builder();
    const body = [0, 1, 2].map((axis) => b.output(make(axis), 'u32'));
    out.push({
      name: `builtin ${kind}`,
      program: b.program(body, [4, 2, 2]),
      requires: [],
    });
  }
  const b = new Builder();
  const all = [invocationId(2), workgroupId(1), localId(0)].map((id) =>
    b.output(id, 'u32'),
  );
  out.push({
    name: 'builtins together',
    program: b.program(all, [8, 8, 1]),
    requires: [],
  });
  out.push({
    name: 'empty program',
    program: program({ buffers: [], entry: [] }),
    requires: [],
  });
  return out;
}

function selectAndFmaPrograms(): CorpusProgram[] {
  const out: CorpusProgram[] = [];
  for (const type of VALUE_TYPES) {
    const b = new Builder();
    const body: Node[] = [
      b.output(select(b.input('bool'), b.input(type), b.input(type)), type),
      b.output(select(b.input('u32'), b.input(type), b.input(type)), type),
    ];
    const literals = LITERALS[type] ?? [];
    const [first, second] = literals;
    if (first !== undefined && second !== undefined) {
      body.push(b.output(select(bool(true), first, second), type));
      body.push(b.output(select(u32(0), first, b.input(type)), type));
    }
    out.push({
      name: `select ${type}`,
      program: b.program(body),
      requires: needs(type),
    });
  }
  const b = new Builder();
  const body: Node[] = [
    b.output(fma(b.input('f32'), b.input('f32'), b.input('f32')), 'f32'),
    b.output(fma(f32(F32_MAX), f32(F32_MAX), f32(1)), 'f32'),
    b.output(fma(f32(2), b.input('f32'), f32(-0)), 'f32'),
  ];
  out.push({ name: 'fma', program: b.program(body), requires: [] });
  return out;
}

function controlFlowPrograms(): CorpusProgram[] {
  const out: CorpusProgram[] = [];
  const b = new Builder();
  b.declare(readWriteBuffer('data', 0, 'u32'));
  const body: Node[] = [
    letBind('x', load('data', gidX())),
    letBind('acc', u32(0)),
    loop('i', u32(0), u32(4), [
      assign('acc', add(local('acc'), local('i'))),
      loop('j', local('i'), local('x'), [
        assign('acc', mul(local('acc'), local('j'))),
      ]),
    ]),
    loop('k', local('x'), bufLen('data'), [
      letBind('inner', local('k')),
      store('data', local('inner'), local('acc')),
    ]),
    loop('m', u32(0xffff_fff0), u32(0xffff_ffff), [
      store('data', u32(0), local('m')),
    ]),
    ifThen(
      local('x'),
      [store('data', u32(1), u32(1))],
      [store('data', u32(1), u32(2))],
    ),
    ifThen(lt(local('x'), u32(10)), [
      letBind('y', u32(3)),
      store('data', u32(2), local('y')),
    ]),
    ifThen(bool(true), [store('data', u32(3), u32(3))]),
    block([
      letBind('y', i32(-5)),
      store('data', u32(4), cast('u32', local('y'))),
    ]),
    block([
      letBind('y', f32(0.5)),
      store('data', u32(5), cast('u32', local('y'))),
    ]),
    block([block([])]),
    ifThen(eq(local('x'), u32(0)), [ret()]),
    block([
      ifThen(local('x'), [ret()], [ret()]),
      store('data', u32(6), u32(6)),
    ]),
    store('data', u32(7), u32(7)),
  ];
  out.push({
    name: 'let, assign, if, loop, block, return',
    program: b.program(body),
    requires: [],
  });
  const r = new Builder();
  r.declare(readWriteBuffer('data', 0, 'u32'));
  const regions = [
    region('first', [letBind('v', u32(1)), store('data', u32(0), local('v'))]),
    region(
      'second',
      [
        letBind('v', i32(2)),
        store('data', u32(1), cast('u32', local('v'))),
        block([ret()]),
      ],
      'first',
    ),
    region('third', [store('data', u32(2), u32(3))]),
  ];
  out.push({
    name: 'several top-level regions',
    program: r.program(regions),
    requires: [],
  });
  return out;
}

function barrierPrograms(): CorpusProgram[] {
  const b = new Builder();
  b.declare(workgroupBuffer('tile', 64, 'u32'));
  b.declare(readWriteBuffer('data', 0, 'u32'));
  const orderings: readonly MemoryOrdering[] = [
    'acquire',
    'release',
    'acqRel',
    'seqCst',
  ];
  const body: Node[] = [
    letBind('group', wgX()),
    letBind('limit', bufLen('data')),
    assign('limit', add(local('limit'), u32(1))),
    ...orderings.map((ordering) => barrier(ordering)),
    loop('i', u32(0), local('limit'), [
      store('tile', localId(0), local('i')),
      barrier(),
    ]),
    ifThen(eq(local('group'), u32(0)), [barrier('acquire')]),
    ifThen(lt(wgX(), bufLen('tile')), [
      loop('j', local('group'), u32(3), [barrier()]),
    ]),
    store('data', gidX(), load('tile', localId(0))),
    ifThen(lt(gidX(), u32(3)), [ret()]),
  ];
  return [
    {
      name: 'barriers in uniform control flow',
      program: b.program(body),
      requires: [],
    },
  ];
}

function literalPrograms(): CorpusProgram[] {
  const b = new Builder();
  const f32Values = [
    0,
    -0,
    1,
    -1,
    0.1,
    1 / 3,
    16777217,
    3e38,
    F32_MAX,
    -F32_MAX,
    1.1754943508222875e-38,
    1e-45,
    -1e-45,
    1.1754942106924411e-38,
    5e-40,
    1e-30,
    123456789,
    2 ** 24,
    2 ** 31,
    2 ** 32,
    2 ** 100,
    2 ** -126,
  ];
  const body: Node[] = [
    b.output(u32(0xffff_ffff), 'u32'),
    b.output(u32(0), 'u32'),
    b.output(i32(I32_MIN), 'i32'),
    b.output(i32(0x7fff_ffff), 'i32'),
    b.output(i32(-1), 'i32'),
    b.output(cast('i32', u32(0x8000_0000)), 'i32'),
    b.output(bool(true), 'bool'),
    b.output(bool(false), 'bool'),
    ...f32Values.map((value) => b.output(f32(value), 'f32')),
    ...f32Values.map((value) => b.output(unary('negate', f32(value)), 'f32')),
  ];
  return [
    { name: 'literal edge cases', program: b.program(body), requires: [] },
  ];
}

// Operations on constants only: WGSL would evaluate them at compile time and reject overflow,
// division by zero, shifts of 32 or more and sign-changing shifts, were they not made run-time.
function constantOperandPrograms(): CorpusProgram[] {
  const b = new Builder();
  b.declare(workgroupBuffer('tile', 8, 'u32'));
  const body: Node[] = [
    b.output(add(u32(0xffff_ffff), u32(1)), 'u32'),
    b.output(mul(u32(0x1_0000), u32(0x1_0000)), 'u32'),
    b.output(binary('sub', u32(0), u32(1)), 'u32'),
    b.output(add(i32(0x7fff_ffff), i32(1)), 'i32'),
    b.output(binary('sub', i32(I32_MIN), i32(1)), 'i32'),
    b.output(mul(f32(F32_MAX), f32(2)), 'f32'),
    b.output(add(f32(F32_MAX), f32(F32_MAX)), 'f32'),
    b.output(div(u32(5), u32(0)), 'u32'),
    b.output(div(i32(5), i32(0)), 'i32'),
    b.output(div(i32(I32_MIN), i32(-1)), 'i32'),
    b.output(binary('mod', u32(5), u32(0)), 'u32'),
    b.output(binary('mod', i32(I32_MIN), i32(-1)), 'i32'),
    b.output(div(f32(1), f32(0)), 'f32'),
    b.output(div(f32(0), f32(0)), 'f32'),
    b.output(div(b.input('f32'), f32(0)), 'f32'),
    b.output(shl(u32(1), u32(40)), 'u32'),
    b.output(shl(b.input('u32'), u32(40)), 'u32'),
    b.output(binary('shr', i32(-8), u32(40)), 'i32'),
    b.output(shl(i32(255), u32(24)), 'i32'),
    b.output(shl(u32(0xffff_ffff), u32(4)), 'u32'),
    b.output(cast('i8', u32(255)), 'i8'),
    b.output(cast('i16', i32(0xffff)), 'i16'),
    b.output(cast('u32', f32(-1)), 'u32'),
    b.output(cast('i32', f32(F32_MAX)), 'i32'),
    b.output(add(add(u32(0xffff_ffff), u32(1)), u32(0xffff_ffff)), 'u32'),
    b.output(add(bufLen('tile'), u32(0xffff_fff9)), 'u32'),
    b.output(binary('saturatingAdd', u32(0xffff_ffff), u32(1)), 'u32'),
    b.output(binary('mulHigh', u32(0xffff_ffff), u32(0xffff_ffff)), 'u32'),
    b.output(unary('clz', u32(0)), 'u32'),
  ];
  return [
    { name: 'constant operands', program: b.program(body), requires: [] },
  ];
}

function subgroupPrograms(): CorpusProgram[] {
  const b = new Builder();
  const body: Node[] = [
    b.output(subgroupBallot(b.input('bool')), 'u32'),
    b.output(subgroupBallot(b.input('u32')), 'u32'),
    b.output(subgroupBallot(bool(true)), 'u32'),
    b.output(subgroupLocalId(), 'u32'),
    b.output(subgroupSize(), 'u32'),
    loop('i', u32(0), subgroupSize(), [
      b.output(subgroupShuffle(b.input('u32'), local('i')), 'u32'),
    ]),
  ];
  for (const type of ['u32', 'i32', 'f32'] as const) {
    body.push(
      b.output(subgroupShuffle(b.input(type), subgroupLocalId()), type),
      // A constant lane beyond WGSL's 128 and a computed lane are both bound to temporaries.
      b.output(subgroupShuffle(b.input(type), u32(200)), type),
      b.output(
        subgroupShuffle(b.input(type), add(b.input('u32'), u32(1))),
        type,
      ),
    );
  }
  for (const op of Object.keys(
    SubgroupReduceOp,
  ) as (keyof typeof SubgroupReduceOp)[]) {
    for (const type of ['u32', 'i32', 'f32'] as const) {
      if (type === 'f32' && (op === 'and' || op === 'or' || op === 'xor')) {
        continue;
      }
      body.push(b.output(subgroupReduce(op, b.input(type)), type));
    }
  }
  return [
    {
      name: 'subgroup operations',
      program: b.program(body),
      requires: ['subgroups'],
    },
  ];
}

// The deepest programs the validator accepts (statements nested 64 levels, expressions 128 levels):
// Tint limits statement nesting to about 127 levels, where an if or a loop counts two, and the
// nesting of parentheses and calls to about 126, which the emitter keeps to by binding deep
// subexpressions to temporaries.
const leftNestedAdd = (e: Expr): Expr => add(e, gidX());
const DEEP_SHAPES: Readonly<Record<string, (inner: Expr) => Expr>> = {
  'left-nested add': leftNestedAdd,
  'right-nested add': (e) => add(gidX(), e),
  'nested u32 div': (e) => div(e, gidX()),
  'nested shift amount': (e) => shl(gidX(), e),
  'nested load index': (e) => load('in_u32', e),
  'nested casts': (e) => cast('u32', e),
  'nested bitNot': (e) => unary('bitNot', e),
  'nested mulHigh': (e) => binary('mulHigh', gidX(), e),
  'nested atomics': (e) => atomic('add', 'counters', e, gidX()),
};

function deepExpression(shape: (inner: Expr) => Expr, depth: number): Expr {
  let e: Expr = gidX();
  for (let level = 1; level < depth; level++) {
    e = shape(e);
  }
  return e;
}

function deepPrograms(): CorpusProgram[] {
  const out: CorpusProgram[] = [];
  // A store's value is at depth 1, so 128 levels in all.
  for (const [name, shape] of Object.entries(DEEP_SHAPES)) {
    const b = new Builder();
    b.declare(readWriteBuffer('counters', 0, 'u32'));
    b.declare(readBuffer('in_u32', 1, 'u32'));
    const body = [
      b.output(deepExpression(shape, 128), 'u32'),
      store(
        'counters',
        atomic('add', 'counters', u32(0), u32(1)),
        deepExpression(shape, 128),
      ),
    ];
    out.push({
      name: `deep expression: ${name}`,
      program: b.program(body),
      requires: [],
    });
  }
  // Two top-level regions (so each is a block), then ifs and loops alternating down to level 64.
  const b = new Builder();
  b.declare(readWriteBuffer('data', 0, 'u32'));
  let inner: Node[] = [
    store('data', gidX(), deepExpression(leftNestedAdd, 127)),
  ];
  for (let level = 63; level >= 2; level--) {
    inner =
      level % 2 === 0
        ? [
            ifThen(lt(gidX(), u32(level)), inner, [
              store('data', u32(level), u32(0)),
            ]),
          ]
        : [loop(`i${level}`, u32(0), load('data', u32(level)), inner)];
  }
  const deep = [
    region('deep', inner),
    region('after', [store('data', u32(0), u32(1))]),
  ];
  out.push({
    name: 'deep statement nesting',
    program: b.program(deep),
    requires: [],
  });
  return out;
}

/** Every corpus program, in a fixed order. */
export const WGSL_FEATURE_CORPUS: readonly CorpusProgram[] = [
  ...binaryPrograms(),
  ...unaryPrograms(),
  ...castPrograms(),
  ...atomicPrograms(),
  ...memoryPrograms(),
  ...builtinPrograms(),
  ...selectAndFmaPrograms(),
  ...controlFlowPrograms(),
  ...barrierPrograms(),
  ...literalPrograms(),
  ...constantOperandPrograms(),
  ...subgroupPrograms(),
  ...deepPrograms(),
];
