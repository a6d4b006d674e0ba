import { describe, expect, it } from 'vitest';
import {
  binary,
  f32,
  fma,
  load,
  outputBuffer,
  program,
  readBuffer,
  store,
  u32,
  unary,
  type Expr,
} from '@vyre/ir';
import {
  CpuRefBackend,
  type CpuRefCompiler,
  type SubnormalMode,
} from '../src/index.ts';

// The CPU reference with subnormals kept (IEEE) and flushed (like a GPU that flushes them): operands
// and results that are subnormal read and write as zeros of their sign in flush mode only.

const TINY = 2 ** -149; // the smallest subnormal
const a = (): Expr => load('x', u32(0)); // TINY
const b = (): Expr => load('x', u32(1)); // 2^-100
const c = (): Expr => load('x', u32(2)); // 2^-30
const d = (): Expr => load('x', u32(3)); // 2^-126, the smallest normal
const e = (): Expr => load('x', u32(4)); // -TINY

const floats: ReadonlyArray<readonly [string, Expr, number, number]> = [
  ['tiny + tiny', binary('add', a(), a()), 2 * TINY, 0],
  ['tiny / 1', binary('div', a(), f32(1)), TINY, 0],
  [
    '2^-100 · 2^-30 (a subnormal result)',
    binary('mul', b(), c()),
    2 ** -130,
    0,
  ],
  ['fma(tiny, 1, 0)', fma(a(), f32(1), f32(0)), TINY, 0],
  [
    '-tiny · 1 (negative zero when flushed)',
    binary('mul', unary('negate', a()), f32(1)),
    -TINY,
    -0,
  ],
  ['abs(-tiny)', unary('abs', unary('negate', a())), TINY, 0],
  // A subnormal divisor counts as a zero in the pinned division (so does a subnormal dividend of
  // a zero-like divisor), in both modes.
  ['2^-126 / -tiny', binary('div', d(), e()), Infinity, Infinity],
  ['-1 / tiny', binary('div', f32(-1), a()), -Infinity, -Infinity],
  ['2^-126 / tiny', binary('div', d(), a()), Infinity, Infinity],
  ['tiny / tiny', binary('div', a(), a()), Number.NaN, Number.NaN],
  ['0 / tiny', binary('div', f32(0), a()), Number.NaN, Number.NaN],
  [
    '2^-126 / 0 (pinned: the sign of the dividend)',
    binary('div', d(), f32(-0)),
    Infinity,
    Infinity,
  ],
];
const bools: ReadonlyArray<readonly [string, Expr, boolean, boolean]> = [
  ['0 < tiny', binary('lt', f32(0), a()), true, false],
  ['tiny == 0', binary('eq', a(), f32(0)), false, true],
];

describe.each<CpuRefCompiler>(['closures', 'generated'])(
  'subnormals kept and flushed (%s)',
  (compiler) => {
    const run = async (
      mode: SubnormalMode,
    ): Promise<[Float32Array, Uint32Array]> => {
      const p = program({
        workgroupSize: [1, 1, 1],
        buffers: [
          readBuffer('x', 0, 'f32'),
          outputBuffer('floats', 1, 'f32', floats.length),
          outputBuffer('bools', 2, 'bool', bools.length),
        ],
        entry: [
          ...floats.map(([, value], i) => store('floats', u32(i), value)),
          ...bools.map(([, value], i) => store('bools', u32(i), value)),
        ],
      });
      const backend = new CpuRefBackend({ compiler, subnormals: mode });
      const result = await backend.dispatch(p, [
        new Uint8Array(
          new Float32Array([TINY, 2 ** -100, 2 ** -30, 2 ** -126, -TINY])
            .buffer,
        ),
      ]);
      if (!result.ok) {
        throw new Error(result.error.format());
      }
      const [f, bo] = result.value.outputs;
      return [
        new Float32Array(f?.buffer ?? new ArrayBuffer(0)),
        new Uint32Array(bo?.buffer ?? new ArrayBuffer(0)),
      ];
    };

    it.each(['keep', 'flush'] as const)('%s', async (mode) => {
      const [f, bo] = await run(mode);
      floats.forEach(([name, , kept, flushed], i) => {
        expect(Object.is(f[i], mode === 'keep' ? kept : flushed), name).toBe(
          true,
        );
      });
      bools.forEach(([name, , kept, flushed], i) => {
        expect(bo[i] === 1, name).toBe(mode === 'keep' ? kept : flushed);
      });
    });
  },
);
