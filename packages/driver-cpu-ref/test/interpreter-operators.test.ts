import { describe, expect, it } from 'vitest';
import {
  add,
  BinOp,
  binary,
  binaryType,
  cast,
  castType,
  fma,
  gidX,
  ifThen,
  isCastAllowed,
  load,
  lt,
  outputBuffer,
  program,
  readBuffer,
  select,
  store,
  u32,
  UnOp,
  unary,
  unaryType,
  letBind,
  local,
  type BufferDecl,
  type DataType,
  type DispatchResult,
  type Expr,
  type Node,
  type ValueType,
} from '@vyre/ir';
import type { Result } from '@vyre/foundation';
import { CpuRefBackend, type CpuRefCompiler } from '../src/index.ts';
import type { Value } from '../src/cpu-value.ts';
import { binaryImpl } from '../src/pinned-binary.ts';
import { castImpl } from '../src/pinned-cast.ts';
import { unaryImpl } from '../src/pinned-unary.ts';
import {
  F32_WITNESSES,
  I32_WITNESSES,
  U32_WITNESSES,
} from './pinned-witnesses.ts';

// The interpreter agrees with the pinned operation library for every operator, unary function and
// cast over the witnesses, with both compilers: the closures (with their fast paths for common u32
// operators, loads and stores) and the generated code (with its inline templates for 32-bit
// arithmetic, comparisons, select and fma), with operands loaded from memory and as literals. The
// library itself is checked against independent oracles in pinned-*.test.ts.

const SCALARS: readonly ValueType[] = ['u32', 'i32', 'f32', 'bool'];
const WITNESSES: Readonly<Record<string, readonly Value[]>> = {
  u32: U32_WITNESSES,
  i32: I32_WITNESSES,
  f32: F32_WITNESSES,
  bool: [false, true],
};

// Bytes of `values` stored in a buffer of `type` elements, as docs/semantics.md pins stores.
function encode(
  type: ValueType | DataType,
  values: readonly Value[],
): Uint8Array {
  const words = new Uint32Array(values.length);
  const view = new DataView(words.buffer);
  values.forEach((value, i) => {
    if (type === 'bool') {
      words[i] = value === true ? 1 : 0;
    } else if (type === 'f32' && Number.isNaN(value)) {
      words[i] = 0x7fc00000;
    } else if (type === 'f32') {
      view.setFloat32(i * 4, value as number, true);
    } else {
      // u32 and i32 words: the only other element types these cases store.
      view.setUint32(i * 4, (value as number) >>> 0, true);
    }
  });
  return new Uint8Array(words.buffer);
}

function pairs(left: ValueType, right: ValueType): { a: Value[]; b: Value[] } {
  const a: Value[] = [];
  const b: Value[] = [];
  for (const x of WITNESSES[left] ?? []) {
    for (const y of WITNESSES[right] ?? []) {
      a.push(x);
      b.push(y);
    }
  }
  return { a, b };
}

const binaryCases = (Object.keys(BinOp) as BinOp[]).flatMap((op) =>
  SCALARS.flatMap((left) =>
    SCALARS.flatMap((right) => {
      const check = binaryType(op, left, right);
      return check.ok && SCALARS.includes(check.type)
        ? [[op, left, right, check.type] as const]
        : [];
    }),
  ),
);

const unaryCases = (Object.keys(UnOp) as UnOp[]).flatMap((op) =>
  SCALARS.flatMap((operand) => {
    const check = unaryType(op, operand);
    return check.ok && SCALARS.includes(check.type)
      ? [[op, operand, check.type] as const]
      : [];
  }),
);

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
const castCases = SCALARS.flatMap((from) =>
  CAST_TARGETS.filter((target) => isCastAllowed(from, target)).map((target) => {
    const check = castType(from, target);
    return [from, target, check.ok ? check.type : 'u32'] as const;
  }),
);

const COMPILERS: readonly CpuRefCompiler[] = ['closures', 'generated'];

// A literal of a scalar type (the validator admits only finite f32 literals).
function literal(type: ValueType, value: Value): Expr {
  return { kind: 'lit', type, value } as Expr;
}

function literalAllowed(op: BinOp, type: ValueType, value: Value): boolean {
  if (type === 'f32' && !Number.isFinite(value)) {
    return false;
  }
  // V044: a literal zero divisor is rejected.
  return !((op === 'div' || op === 'mod') && value === 0);
}

const isInteger = (type: ValueType | DataType): boolean =>
  type === 'u32' || type === 'i32';

// An integer result is also converted to f32 and stored in a probe buffer: stored bytes alone cannot
// tell a u32 held as 0xFFFFFFFF from one held wrongly as -1, but its conversion to f32 can.
function resultBuffers(
  result: ValueType | DataType,
  name: string,
  binding: number,
  count: number,
): BufferDecl[] {
  const out = outputBuffer(name, binding, result, count);
  return isInteger(result)
    ? [out, outputBuffer(`${name}Probe`, binding + 1, 'f32', count)]
    : [out];
}

function checkedStore(
  result: ValueType | DataType,
  name: string,
  index: Expr,
  value: Expr,
): Node[] {
  return [
    letBind('r', value),
    letBind('i', index),
    store(name, local('i'), local('r')),
    ...(isInteger(result)
      ? [store(`${name}Probe`, local('i'), cast('f32', local('r')))]
      : []),
  ];
}

// Output `first` holds `expected`; for an integer result, output `first + 1` holds its f32 conversion.
function expectResults(
  run: Result<DispatchResult>,
  result: ValueType | DataType,
  first: number,
  expected: readonly Value[],
): void {
  expect(run.ok && run.value.outputs[first]).toEqual(encode(result, expected));
  if (isInteger(result)) {
    const toF32 = castImpl(result as ValueType, 'f32');
    expect(run.ok && run.value.outputs[first + 1]).toEqual(
      encode('f32', expected.map(toF32)),
    );
  }
}

describe.each(COMPILERS)(
  'interpreter agrees with the pinned operations (%s)',
  (compiler) => {
    const backend = new CpuRefBackend({ compiler });

    it('covers every operator and unary function, and every cast between scalars', () => {
      expect(new Set(binaryCases.map(([op]) => op))).toEqual(
        new Set(Object.keys(BinOp)),
      );
      expect(new Set(unaryCases.map(([op]) => op))).toEqual(
        new Set(Object.keys(UnOp)),
      );
      expect(castCases.length).toBe(
        SCALARS.flatMap((from) =>
          CAST_TARGETS.filter((target) => isCastAllowed(from, target)),
        ).length,
      );
    });

    it.each(binaryCases)(
      '%s(%s, %s) -> %s',
      async (op, left, right, result) => {
        const { a, b } = pairs(left, right);
        const p = program({
          workgroupSize: [64, 1, 1],
          buffers: [
            readBuffer('a', 0, left),
            readBuffer('b', 1, right),
            ...resultBuffers(result, 'out', 2, a.length),
          ],
          entry: checkedStore(
            result,
            'out',
            gidX(),
            binary(op, load('a', gidX()), load('b', gidX())),
          ),
        });
        const run = await backend.dispatch(p, [
          encode(left, a),
          encode(right, b),
        ]);
        const f = binaryImpl(op, left, right);
        expectResults(
          run,
          result,
          0,
          a.map((x, i) => f(x, b[i] ?? 0)),
        );
      },
    );

    it.each(binaryCases)(
      '%s(%s, %s) -> %s with a literal operand',
      async (op, left, right, result) => {
        const xs = WITNESSES[left] ?? [];
        const ys = (WITNESSES[right] ?? []).filter((y) =>
          literalAllowed(op, right, y),
        );
        const xsAsLiterals = xs.filter((x) => literalAllowed(op, left, x));
        // right[j * xs.length + i] = xs[i] op ys[j], the right operand a literal;
        // left[i * ys.length + j] = xs[i] op ys[j], the left operand a literal.
        const entry = [
          ...ys.map((y, j) =>
            ifThen(
              lt(gidX(), u32(xs.length)),
              checkedStore(
                result,
                'right',
                add(u32(j * xs.length), gidX()),
                binary(op, load('a', gidX()), literal(right, y)),
              ),
            ),
          ),
          ...xsAsLiterals.map((x, i) =>
            ifThen(
              lt(gidX(), u32(ys.length)),
              checkedStore(
                result,
                'left',
                add(u32(i * ys.length), gidX()),
                binary(op, literal(left, x), load('b', gidX())),
              ),
            ),
          ),
        ];
        const p = program({
          workgroupSize: [64, 1, 1],
          buffers: [
            readBuffer('a', 0, left),
            readBuffer('b', 1, right),
            ...resultBuffers(result, 'right', 2, xs.length * ys.length),
            ...resultBuffers(
              result,
              'left',
              4,
              xsAsLiterals.length * ys.length,
            ),
          ],
          entry,
        });
        const run = await backend.dispatch(
          p,
          [encode(left, xs), encode(right, ys)],
          { gridOverride: [1, 1, 1] },
        );
        const f = binaryImpl(op, left, right);
        const probed = isInteger(result) ? 2 : 1;
        expectResults(
          run,
          result,
          0,
          ys.flatMap((y) => xs.map((x) => f(x, y))),
        );
        expectResults(
          run,
          result,
          probed,
          xsAsLiterals.flatMap((x) => ys.map((y) => f(x, y))),
        );
      },
    );

    it.each(['bool', 'u32'] as const)(
      'select(%s condition, ...) evaluates all three operands and picks one',
      async (condType) => {
        const conds = WITNESSES[condType] ?? [];
        const values = U32_WITNESSES;
        const p = program({
          workgroupSize: [64, 1, 1],
          buffers: [
            readBuffer('c', 0, condType),
            readBuffer('t', 1, 'u32'),
            readBuffer('f', 2, 'u32'),
            outputBuffer('out', 3, 'u32', conds.length),
          ],
          entry: [
            store(
              'out',
              gidX(),
              select(load('c', gidX()), load('t', gidX()), load('f', gidX())),
            ),
          ],
        });
        const ts = conds.map((_, i) => values[i % values.length] ?? 0);
        const fs = conds.map((_, i) => values[(i + 5) % values.length] ?? 0);
        const run = await backend.run(p, [
          encode(condType, conds),
          encode('u32', ts),
          encode('u32', fs),
        ]);
        const truthy = (c: Value): boolean =>
          c === true || (typeof c === 'number' && c !== 0);
        expect(run.ok && run.value.outputs[0]).toEqual(
          encode(
            'u32',
            conds.map((c, i) => (truthy(c) ? ts[i] : fs[i]) ?? 0),
          ),
        );
        // Lanes past the inputs load out of bounds in all three operands: every load is evaluated.
        expect(run.ok && run.value.oob.loads).toBe(3 * (64 - conds.length));
      },
    );

    it('fma(a, b, c) rounds the exact a * b + c once more to f32', async () => {
      const xs = F32_WITNESSES;
      const n = xs.length;
      const a = xs.flatMap((x) => xs.map(() => x));
      const b = xs.flatMap(() => xs);
      const c = a.map((_, i) => xs[(i * 7) % n] ?? 0);
      const p = program({
        workgroupSize: [64, 1, 1],
        buffers: [
          readBuffer('a', 0, 'f32'),
          readBuffer('b', 1, 'f32'),
          readBuffer('c', 2, 'f32'),
          outputBuffer('out', 3, 'f32', a.length),
        ],
        entry: [
          store(
            'out',
            gidX(),
            fma(load('a', gidX()), load('b', gidX()), load('c', gidX())),
          ),
        ],
      });
      const run = await backend.dispatch(p, [
        encode('f32', a),
        encode('f32', b),
        encode('f32', c),
      ]);
      expect(run.ok && run.value.outputs[0]).toEqual(
        encode(
          'f32',
          a.map((x, i) => Math.fround(x * (b[i] as number) + (c[i] as number))),
        ),
      );
    });

    it.each(unaryCases)('%s(%s) -> %s', async (op, operand, result) => {
      const values = WITNESSES[operand] ?? [];
      const p = program({
        workgroupSize: [64, 1, 1],
        buffers: [
          readBuffer('a', 0, operand),
          ...resultBuffers(result, 'out', 1, values.length),
        ],
        entry: checkedStore(
          result,
          'out',
          gidX(),
          unary(op, load('a', gidX())),
        ),
      });
      const run = await backend.dispatch(p, [encode(operand, values)]);
      expectResults(run, result, 0, values.map(unaryImpl(op, operand)));
    });

    it.each(castCases)(
      'cast %s -> %s (a %s value)',
      async (from, target, result) => {
        const values = WITNESSES[from] ?? [];
        const p = program({
          workgroupSize: [64, 1, 1],
          buffers: [
            readBuffer('a', 0, from),
            ...resultBuffers(result, 'out', 1, values.length),
          ],
          entry: checkedStore(
            result,
            'out',
            gidX(),
            cast(target, load('a', gidX())),
          ),
        });
        const run = await backend.dispatch(p, [encode(from, values)]);
        expectResults(run, result, 0, values.map(castImpl(from, target)));
      },
    );
  },
);
