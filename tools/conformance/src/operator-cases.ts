import {
  atomic,
  atomicCompareExchange,
  AtomicOp,
  BinOp,
  binary,
  binaryType,
  bitXor,
  cast,
  castType,
  gidX,
  isCastAllowed,
  letBind,
  load,
  lt,
  local,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  store,
  subgroupBallot,
  subgroupLocalId,
  subgroupReduce,
  subgroupShuffle,
  SubgroupReduceOp,
  u32,
  UnOp,
  unary,
  unaryType,
  type DataType,
  isTranscendentalUnOp,
  type DispatchConfig,
  type Expr,
  type Program,
  type ValueType,
} from '@vyre/ir';

// The operator case tables: every binary operator, unary function, cast and atomic on scalar operands,
// applied lane by lane to boundary witnesses and seeded random values, one program per case. Each lane
// handles one operand pair and writes its own element, so the outputs do not depend on lane order and
// every backend must produce them exactly (or within the f32 window).

/** One program with its inputs, to run on every backend. */
export interface ConformanceCase {
  readonly name: string;
  readonly program: Program;
  readonly inputs: readonly Uint8Array[];
  readonly config?: DispatchConfig;
  /** WebGPU features the program needs. */
  readonly requires: readonly ('subgroups' | 'shader-f16')[];
  /**
   * For a transcendental function applied lane by lane to input 0: its outputs are compared within
   * WGSL's accuracy for that function (see `transcendentalAgrees`), not the ULP window.
   */
  readonly transcendental?: UnOp;
}

const SCALARS: readonly ValueType[] = ['u32', 'i32', 'f32', 'bool'];

function splitmix(seed: number, count: number): number[] {
  let state = seed >>> 0;
  return Array.from({ length: count }, () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  });
}

/** The witnesses of each scalar type, as the 32-bit words vyre stores them. */
export const WITNESS_WORDS: Readonly<Record<string, readonly number[]>> = {
  u32: [
    0,
    1,
    2,
    3,
    0xffffffff,
    0xfffffffe,
    0x80000000,
    0x7fffffff,
    0xaaaaaaaa,
    0x55555555,
    0xdeadbeef,
    0xcafef00d,
    ...splitmix(1, 4),
  ],
  i32: [
    0,
    1,
    2,
    3,
    0xffffffff,
    0xfffffffe,
    0x80000000,
    0x7fffffff,
    0xaaaaaaaa,
    0x55555555,
    0xdeadbeef,
    0xcafef00d,
    ...splitmix(2, 4),
  ],
  f32: [
    0x00000000,
    0x80000000,
    0x3f800000,
    0xbf800000,
    0x3f000000,
    0x3fc00000,
    0x40200000,
    0xc0200000,
    0x00000001,
    0x80000001,
    0x007fffff,
    0x00800000,
    0x4b800000,
    0x4b800001,
    0x7f7fffff,
    0xff7fffff,
    0x7f800000,
    0xff800000,
    0x7fc00000,
    0x3dcccccd,
    0x40490fdb,
    0x4f000000,
    0xcf000000,
    0x4f800000,
    ...splitmix(3, 4),
  ],
  bool: [0, 1],
};

function words(values: readonly number[]): Uint8Array {
  return new Uint8Array(new Uint32Array(values).buffer);
}

function pairs(left: ValueType, right: ValueType): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  for (const x of WITNESS_WORDS[left] ?? []) {
    for (const y of WITNESS_WORDS[right] ?? []) {
      a.push(x);
      b.push(y);
    }
  }
  return [a, b];
}

function laneProgram(
  inputs: readonly ValueType[],
  result: DataType,
  count: number,
  value: (operands: Expr[]) => Expr,
): Program {
  return program({
    workgroupSize: [64, 1, 1],
    buffers: [
      ...inputs.map((type, i) => readBuffer(`in${i}`, i, type)),
      outputBuffer('out', inputs.length, result, count),
    ],
    entry: [
      store('out', gidX(), value(inputs.map((_, i) => load(`in${i}`, gidX())))),
    ],
  });
}

function binaryCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const op of Object.keys(BinOp) as (keyof typeof BinOp)[]) {
    for (const left of SCALARS) {
      for (const right of SCALARS) {
        const check = binaryType(op, left, right);
        if (!check.ok || !SCALARS.includes(check.type)) {
          continue;
        }
        const [a, b] = pairs(left, right);
        cases.push({
          name: `binary ${op}(${left}, ${right})`,
          program: laneProgram([left, right], check.type, a.length, ([x, y]) =>
            binary(op, x as Expr, y as Expr),
          ),
          inputs: [words(a), words(b)],
          requires: [],
        });
      }
    }
  }
  return cases;
}

function unaryCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const op of Object.keys(UnOp) as (keyof typeof UnOp)[]) {
    for (const operand of SCALARS) {
      const check = unaryType(op, operand);
      if (!check.ok || !SCALARS.includes(check.type)) {
        continue;
      }
      const values = WITNESS_WORDS[operand] ?? [];
      cases.push({
        name: `unary ${op}(${operand})`,
        program: laneProgram([operand], check.type, values.length, ([x]) =>
          unary(op, x as Expr),
        ),
        inputs: [words(values)],
        requires: [],
        ...(isTranscendentalUnOp(op) ? { transcendental: op } : {}),
      });
    }
  }
  return cases;
}

const CAST_TARGETS: readonly DataType[] = [
  'u32',
  'i32',
  'f32',
  'bool',
  'u8',
  'u16',
  'i8',
  'i16',
];

function castCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const from of SCALARS) {
    for (const target of CAST_TARGETS) {
      if (!isCastAllowed(from, target)) {
        continue;
      }
      const check = castType(from, target);
      if (!check.ok) {
        continue;
      }
      const values = WITNESS_WORDS[from] ?? [];
      cases.push({
        name: `cast ${from} -> ${target}`,
        program: laneProgram([from], check.type, values.length, ([x]) =>
          cast(target, x as Expr),
        ),
        inputs: [words(values)],
        requires: [],
      });
    }
  }
  return cases;
}

function atomicCases(): ConformanceCase[] {
  const [olds, values] = pairs('u32', 'u32');
  const expecteds = olds.map((old, i) =>
    i % 2 === 0 ? old : (values[i] ?? 0),
  );
  return (Object.keys(AtomicOp) as (keyof typeof AtomicOp)[])
    .filter((op) => op !== 'compareExchangeWeak')
    .map((op) => {
      const at = gidX();
      const update =
        op === 'compareExchange'
          ? atomicCompareExchange(
              'target',
              at,
              load('expected', at),
              load('value', at),
            )
          : atomic(op, 'target', at, load('value', at));
      return {
        name: `atomic ${op}`,
        program: program({
          workgroupSize: [64, 1, 1],
          buffers: [
            readWriteBuffer('target', 0, 'u32', { count: olds.length }),
            readBuffer('value', 1, 'u32'),
            readBuffer('expected', 2, 'u32'),
            outputBuffer('olds', 3, 'u32', olds.length),
          ],
          entry: [letBind('old', update), store('olds', gidX(), local('old'))],
        }),
        inputs: [words(olds), words(values), words(expecteds)],
        requires: [],
      };
    });
}

// Subgroup operations on 256 lanes in workgroups of 64, a multiple of every subgroup width up to 64, so
// every lane of every subgroup exists. Integer reductions only: the order of an f32 reduction is the
// device's. Each lane writes its own element.
function subgroupCases(): ConformanceCase[] {
  const lanes = 256;
  const input = words(splitmix(5, lanes));
  const x = load('in0', gidX());
  const one = (name: string, value: Expr): ConformanceCase => ({
    name,
    program: program({
      workgroupSize: [64, 1, 1],
      buffers: [
        readBuffer('in0', 0, 'u32'),
        outputBuffer('out', 1, 'u32', lanes),
      ],
      entry: [store('out', gidX(), value)],
    }),
    inputs: [input],
    requires: ['subgroups'],
  });
  return [
    one('subgroup ballot', subgroupBallot(lt(x, u32(0x8000_0000)))),
    one(
      'subgroup shuffle',
      subgroupShuffle(x, bitXor(subgroupLocalId(), u32(1))),
    ),
    ...(Object.keys(SubgroupReduceOp) as (keyof typeof SubgroupReduceOp)[]).map(
      (op) => one(`subgroup reduce ${op}(u32)`, subgroupReduce(op, x)),
    ),
  ];
}

/** Every operator case: binary, unary, cast, atomic, subgroup. */
export function operatorCases(): ConformanceCase[] {
  return [
    ...binaryCases(),
    ...unaryCases(),
    ...castCases(),
    ...atomicCases(),
    ...subgroupCases(),
  ];
}
