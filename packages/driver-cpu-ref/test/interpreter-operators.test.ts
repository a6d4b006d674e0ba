import { describe, expect, it } from 'vitest';
import {
  BinOp,
  binary,
  binaryType,
  cast,
  castType,
  gidX,
  isCastAllowed,
  load,
  outputBuffer,
  program,
  readBuffer,
  store,
  UnOp,
  unary,
  unaryType,
  type DataType,
  type ValueType,
} from '@vyre/ir';
import { CpuRefBackend } from '../src/index.ts';
import type { Value } from '../src/cpu-value.ts';
import { binaryImpl } from '../src/pinned-binary.ts';
import { castImpl } from '../src/pinned-cast.ts';
import { unaryImpl } from '../src/pinned-unary.ts';
import {
  F32_WITNESSES,
  I32_WITNESSES,
  U32_WITNESSES,
} from './pinned-witnesses.ts';

// The interpreter (its compiled closures, including the fast paths for common u32 operators, loads
// and stores) agrees with the pinned operation library for every operator, unary function and cast
// over the witnesses. The library itself is checked against independent oracles in pinned-*.test.ts.

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

const backend = new CpuRefBackend();

describe('interpreter agrees with the pinned operations', () => {
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

  it.each(binaryCases)('%s(%s, %s) -> %s', async (op, left, right, result) => {
    const { a, b } = pairs(left, right);
    const p = program({
      workgroupSize: [64, 1, 1],
      buffers: [
        readBuffer('a', 0, left),
        readBuffer('b', 1, right),
        outputBuffer('out', 2, result, a.length),
      ],
      entry: [
        store('out', gidX(), binary(op, load('a', gidX()), load('b', gidX()))),
      ],
    });
    const run = await backend.dispatch(p, [encode(left, a), encode(right, b)]);
    const f = binaryImpl(op, left, right);
    expect(run.ok && run.value.outputs[0]).toEqual(
      encode(
        result,
        a.map((x, i) => f(x, b[i] ?? 0)),
      ),
    );
  });

  it.each(unaryCases)('%s(%s) -> %s', async (op, operand, result) => {
    const values = WITNESSES[operand] ?? [];
    const p = program({
      workgroupSize: [64, 1, 1],
      buffers: [
        readBuffer('a', 0, operand),
        outputBuffer('out', 1, result, values.length),
      ],
      entry: [store('out', gidX(), unary(op, load('a', gidX())))],
    });
    const run = await backend.dispatch(p, [encode(operand, values)]);
    const f = unaryImpl(op, operand);
    expect(run.ok && run.value.outputs[0]).toEqual(
      encode(result, values.map(f)),
    );
  });

  it.each(castCases)(
    'cast %s -> %s (a %s value)',
    async (from, target, result) => {
      const values = WITNESSES[from] ?? [];
      const p = program({
        workgroupSize: [64, 1, 1],
        buffers: [
          readBuffer('a', 0, from),
          outputBuffer('out', 1, result, values.length),
        ],
        entry: [store('out', gidX(), cast(target, load('a', gidX())))],
      });
      const run = await backend.dispatch(p, [encode(from, values)]);
      const f = castImpl(from, target);
      expect(run.ok && run.value.outputs[0]).toEqual(
        encode(result, values.map(f)),
      );
    },
  );
});
