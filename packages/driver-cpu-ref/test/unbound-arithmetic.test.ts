import { describe, expect, it } from 'vitest';
import {
  binary,
  cast,
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
import { CpuRefBackend, type CpuRefCompiler } from '../src/index.ts';

// trackUnbound counts the f32 arithmetic GPUs are not bound to reproduce: infinities and NaNs (which
// WGSL lets compilers assume away), underflow and absorption (which reassociation moves); operations
// pinned by their bits and the pinned division by zero do not count.

const x = (i: number): Expr => load('x', u32(i)); // [1, 0, inf, NaN, 3e38, 1e-30, 1e30, 2.16e31, 3, 6, 2.5]

const cases: ReadonlyArray<readonly [string, Expr, boolean]> = [
  ['1 + 1', binary('add', x(0), x(0)), false],
  ['inf * 0', binary('mul', x(2), x(1)), true],
  ['3e38 * 3e38 (overflow)', binary('mul', x(4), x(4)), true],
  ['1 / 0 (pinned)', binary('div', x(0), x(1)), false],
  ['0 / 0 (pinned)', binary('div', x(1), x(1)), false],
  ['reciprocal(0) (pinned)', unary('reciprocal', x(1)), false],
  ['sqrt(-1)', unary('sqrt', unary('negate', x(0))), true],
  ['abs(inf) (bits)', unary('abs', x(2)), false],
  ['NaN < 1 (pinned)', binary('lt', x(3), x(0)), false],
  ['max(NaN, 1) (pinned)', binary('max', x(3), x(0)), false],
  ['fma(1, 1, inf)', fma(x(0), x(0), x(2)), true],
  ['floor(NaN)', unary('floor', x(3)), true],
  ['-1 (literal)', unary('negate', f32(1)), false],
  ['1e-30 * 1e-30 (underflow to 0)', binary('mul', x(5), x(5)), true],
  ['1e-30 / 1e30 (underflow)', binary('div', x(5), x(6)), true],
  ['1e-30 * 1e30', binary('mul', x(5), x(6)), false],
  ['1e30 + 1 (absorbs 1)', binary('add', x(6), x(0)), true],
  ['1 + 1e-30 (absorbs 1e-30)', binary('add', x(0), x(5)), true],
  ['1 - 0', binary('sub', x(0), x(1)), false],
  [
    'fma(1e-30, 1e-30, 1) (the product underflows)',
    fma(x(5), x(5), x(0)),
    true,
  ],
  ['fma(1, 1, 1)', fma(x(0), x(0), x(0)), false],
  // Rounding steps near their jump after a division (a GPU's quotient may be a few ULP off).
  [
    'trunc(x / x), x = 2.16e31 (NVIDIA: 0)',
    unary('trunc', binary('div', x(7), x(7))),
    true,
  ],
  ['trunc(6 / 3)', unary('trunc', binary('div', x(9), x(8))), true],
  [
    'trunc(2.5 / 3) (far from a jump)',
    unary('trunc', binary('div', x(10), x(8))),
    false,
  ],
  ['trunc(3) (no division)', unary('trunc', x(8)), false],
  ['floor(6 / 3)', unary('floor', binary('div', x(9), x(8))), true],
  [
    'round(2.5 * 1), no division',
    unary('round', binary('mul', x(10), x(0))),
    false,
  ],
  [
    'round(7.5 / 3)',
    unary('round', binary('div', binary('mul', x(10), x(8)), x(8))),
    true,
  ],
  ['x / x == 1', binary('eq', binary('div', x(7), x(7)), x(0)), true],
  [
    '6 / 3 < 3 (far apart)',
    binary('lt', binary('div', x(9), x(8)), x(8)),
    false,
  ],
  ['3 < 6 (no division)', binary('lt', x(8), x(9)), false],
  ['u32(6 / 3)', cast('f32', cast('u32', binary('div', x(9), x(8)))), true],
  [
    'trunc(3 / 0) (an infinity)',
    unary('trunc', binary('div', x(8), x(1))),
    true,
  ],
];

describe.each<CpuRefCompiler>(['closures', 'generated'])(
  'trackUnbound (%s)',
  (compiler) => {
    it.for(cases)('%s', async ([, value, counts]) => {
      const p = program({
        workgroupSize: [1, 1, 1],
        buffers: [
          readBuffer('x', 0, 'f32'),
          outputBuffer('out', 1, 'f32', 1),
          outputBuffer('flag', 2, 'bool', 1),
        ],
        entry: [
          value.kind === 'binary' &&
          (value.op === 'lt' || value.op === 'gt' || value.op === 'eq')
            ? store('flag', u32(0), value)
            : store('out', u32(0), value),
        ],
      });
      const inputs = [
        new Uint8Array(
          new Float32Array([
            1,
            0,
            Infinity,
            Number.NaN,
            3e38,
            1e-30,
            1e30,
            2.162804317279996e31,
            3,
            6,
            2.5,
          ]).buffer,
        ),
      ];
      const tracked = await new CpuRefBackend({
        compiler,
        trackUnbound: true,
      }).run(p, inputs);
      const plain = await new CpuRefBackend({ compiler }).run(p, inputs);
      if (!tracked.ok || !plain.ok) {
        throw new Error('run failed');
      }
      expect(tracked.value.unbound).toBe(counts ? 1 : 0);
      expect(plain.value.unbound).toBeUndefined();
      // Tracking changes nothing else.
      expect(tracked.value.outputs).toEqual(plain.value.outputs);
    });
  },
);
