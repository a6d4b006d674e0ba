import { isI32, isLength, isU32 } from './int-range.ts';
import { err, type Err } from './result.ts';
import { StackError } from './stack-error.ts';

// Builds the MATH_INVALID_OPERAND error shared by the checked integer and byte-length functions.
// Internal: not exported from the package.

export type IntKind = 'u32' | 'i32' | 'length';

const RANGE: Readonly<Record<IntKind, string>> = {
  u32: 'an integer in 0..4294967295',
  i32: 'an integer in -2147483648..2147483647',
  length: 'an integer in 0..9007199254740991',
};

export function invalidOperand(
  fn: string,
  operand: string,
  kind: IntKind,
  found: unknown,
): Err<StackError> {
  return err(
    new StackError(
      'MATH_INVALID_OPERAND',
      `${fn}: operand ${operand} is not a valid ${kind}: expected ${RANGE[kind]}, found ${describeValue(found)}.`,
    ),
  );
}

export function overflow(
  fn: string,
  kind: IntKind,
  exact: bigint,
): Err<StackError> {
  return err(
    new StackError(
      'MATH_OVERFLOW',
      `${fn} overflowed ${kind}: expected a result that is ${RANGE[kind]}, found ${exact.toString()}.`,
    ),
  );
}

// How a message shows an input of unknown type ("found ..."); never throws, even for symbols.
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `the bigint ${value.toString()}n`;
    case 'string':
      return `the string ${JSON.stringify(value)}`;
    case 'undefined':
      return 'undefined';
    case 'boolean':
    case 'symbol':
    case 'function':
    case 'object':
      return value === null ? 'null' : `a value of type ${typeof value}`;
  }
}

const VALID: Readonly<Record<IntKind, (value: unknown) => boolean>> = {
  u32: isU32,
  i32: isI32,
  length: isLength,
};

// The error for the first invalid operand of a two-operand function; called only after the fast
// validity check failed, so it is off the hot path.
export function invalidOperands(
  fn: string,
  a: number,
  b: number,
  kindA: IntKind,
  kindB: IntKind = kindA,
  names: readonly [string, string] = ['a', 'b'],
): Err<StackError> {
  return VALID[kindA](a)
    ? invalidOperand(fn, names[1], kindB, b)
    : invalidOperand(fn, names[0], kindA, a);
}

export function shiftOutOfRange(fn: string, amount: number): Err<StackError> {
  return err(
    new StackError(
      'MATH_SHIFT_OUT_OF_RANGE',
      `${fn}: the shift amount must be smaller than the bit width: expected 0..31, found ${amount}.`,
    ),
  );
}
