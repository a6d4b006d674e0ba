import { AtomicOp, type AtomicOp as AtomicOpName } from '@vyre/ir';
import { InternalError } from '@vyre/foundation';
import { describe, expect, it } from 'vitest';
import { atomicImpl } from '../src/pinned-atomic.ts';
import {
  operandPairs,
  randomU32s,
  show,
  U32_WITNESSES,
} from './pinned-witnesses.ts';

// Atomic updates (the value stored; the interpreter returns the old value) against BigInt models of
// docs/semantics.md, "Atomics".

type Model = (old: bigint, value: bigint, expected: bigint) => bigint;
const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);

const MODELS: readonly [AtomicOpName, Model][] = [
  ['add', (o, v) => u32(o + v)],
  ['or', (o, v) => o | v],
  ['and', (o, v) => o & v],
  ['xor', (o, v) => o ^ v],
  ['min', (o, v) => (o < v ? o : v)],
  ['max', (o, v) => (o > v ? o : v)],
  ['exchange', (_o, v) => v],
  ['compareExchange', (o, v, e) => (o === e ? v : o)],
  ['fetchNand', (o, v) => u32(~(o & v))],
  ['lruUpdate', (o, v) => (o > v ? o : v)],
];

describe('pinned atomics', () => {
  it('models every operator but compareExchangeWeak', () => {
    expect(MODELS.map(([op]) => op).sort()).toEqual(
      Object.keys(AtomicOp)
        .filter((op) => op !== 'compareExchangeWeak')
        .sort(),
    );
  });

  it.each(MODELS.map(([op, model], i) => [op, model, i] as const))(
    '%s stores what the model says',
    (op, model, i) => {
      const impl = atomicImpl(op);
      const expectations = randomU32s(0x8000 + i, 12 * 12 + 256);
      for (const [j, [old, value]] of operandPairs(
        U32_WITNESSES,
        randomU32s,
        0x8100 + i,
      ).entries()) {
        // compareExchange: `expected` equal to `old` every other time, arbitrary otherwise.
        const expected = j % 2 === 0 ? old : (expectations[j] ?? 0);
        const want = Number(
          model(BigInt(old), BigInt(value), BigInt(expected)),
        );
        expect(
          impl(old, value, op === 'compareExchange' ? expected : undefined),
          `${op}(${show(old)}, ${show(value)}, ${show(expected)})`,
        ).toBe(want);
      }
    },
  );

  it.each([
    ['add wraps', 'add', 0xffffffff, 2, undefined, 1],
    ['min is unsigned', 'min', 0x80000000, 1, undefined, 1],
    ['max is unsigned', 'max', 0x80000000, 1, undefined, 0x80000000],
    ['lruUpdate is max', 'lruUpdate', 5, 9, undefined, 9],
    [
      'fetchNand of all ones is 0',
      'fetchNand',
      0xffffffff,
      0xffffffff,
      undefined,
      0,
    ],
    [
      'fetchNand with 0 is all ones',
      'fetchNand',
      0x12345678,
      0,
      undefined,
      0xffffffff,
    ],
    ['compareExchange stores on a match', 'compareExchange', 7, 9, 7, 9],
    [
      'compareExchange keeps the old value on a mismatch',
      'compareExchange',
      7,
      9,
      8,
      7,
    ],
    ['exchange stores the value', 'exchange', 7, 0, undefined, 0],
  ] as const)('%s', (_name, op, old, value, expected, stored) => {
    expect(atomicImpl(op)(old, value, expected)).toBe(stored);
  });

  it('rejects compareExchangeWeak, which the validator rejects', () => {
    expect(() => atomicImpl('compareExchangeWeak')).toThrow(InternalError);
    expect(() => atomicImpl('compareExchangeWeak')).toThrow(
      /compareExchangeWeak.*expected compareExchange/,
    );
  });
});
