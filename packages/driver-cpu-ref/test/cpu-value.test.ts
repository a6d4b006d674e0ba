import { InternalError } from '@vyre/foundation';
import type { ValueType } from '@vyre/ir';
import { describe, expect, it } from 'vitest';
import { isTruthy, zeroOf } from '../src/cpu-value.ts';

describe('cpu values', () => {
  it.each([
    ['u32', 0],
    ['i32', 0],
    ['f32', 0],
    ['f16', 0],
    ['bool', false],
    ['u64', [0, 0]],
    ['i64', [0, 0]],
    ['vec2u32', [0, 0]],
    ['vec4u32', [0, 0, 0, 0]],
  ] as const satisfies readonly (readonly [ValueType, unknown])[])(
    'the zero of %s is %j',
    (type, zero) => {
      expect(zeroOf(type)).toStrictEqual(zero);
      // +0, never -0.
      if (typeof zero === 'number') {
        expect(zeroOf(type)).toBe(0);
      }
    },
  );

  it('shares frozen zero tuples', () => {
    expect(Object.isFrozen(zeroOf('u64'))).toBe(true);
    expect(Object.isFrozen(zeroOf('vec4u32'))).toBe(true);
  });

  it.each([
    [true, true],
    [false, false],
    [0, false],
    [1, true],
    [0x80000000, true],
    [0xffffffff, true],
  ])('isTruthy(%s) is %s', (v, expected) => {
    expect(isTruthy(v)).toBe(expected);
  });

  it('rejects vectors as conditions', () => {
    expect(() => isTruthy([0, 0])).toThrow(InternalError);
  });
});
