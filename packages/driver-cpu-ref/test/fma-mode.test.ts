import { describe, expect, it } from 'vitest';
import {
  f32,
  fma,
  load,
  outputBuffer,
  program,
  readBuffer,
  store,
  u32,
  type Expr,
} from '@vyre/ir';
import {
  CpuRefBackend,
  type CpuRefCompiler,
  type FmaMode,
} from '../src/index.ts';

// fma rounded once (fused, the default) and twice (separate, as GPUs may): the cases where the two
// differ, near the top of the f32 range and in the last bit, under both compilers.

const MAX = 3.4028234663852886e38;
const x = (i: number): Expr => load('x', u32(i));
const rows: ReadonlyArray<readonly [string, Expr, number, number]> = [
  // The product overflows f32 but the sum does not.
  ['fma(MAX, 2, -MAX)', fma(x(0), f32(2), x(1)), MAX, Infinity],
  // The product overflows to +infinity, then meets -infinity: NaN when rounded twice.
  ['fma(MAX, 2, -inf)', fma(x(0), f32(2), x(2)), -Infinity, Number.NaN],
  // (1 + 2^-12)^2 - 1 keeps its 2^-24 term only when fused.
  [
    'fma(1 + 2^-12, 1 + 2^-12, -1)',
    fma(x(3), x(3), f32(-1)),
    2 ** -11 + 2 ** -24,
    2 ** -11,
  ],
];

describe.each<CpuRefCompiler>(['closures', 'generated'])(
  'fma rounded once and twice (%s)',
  (compiler) => {
    it.each<FmaMode>(['fused', 'separate'])('%s', async (mode) => {
      const p = program({
        workgroupSize: [1, 1, 1],
        buffers: [
          readBuffer('x', 0, 'f32'),
          outputBuffer('out', 1, 'f32', rows.length),
        ],
        entry: rows.map(([, value], i) => store('out', u32(i), value)),
      });
      const backend = new CpuRefBackend({ compiler, fma: mode });
      const result = await backend.dispatch(p, [
        new Uint8Array(
          new Float32Array([MAX, -MAX, -Infinity, 1 + 2 ** -12]).buffer,
        ),
      ]);
      if (!result.ok) {
        throw new Error(result.error.format());
      }
      const out = new Float32Array(
        result.value.outputs[0]?.slice().buffer ?? new ArrayBuffer(0),
      );
      rows.forEach(([name, , fused, separate], i) => {
        expect(
          Object.is(out[i], mode === 'fused' ? fused : separate),
          `${name}: found ${out[i]}`,
        ).toBe(true);
      });
    });
  },
);
