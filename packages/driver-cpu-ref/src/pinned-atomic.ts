import { assertNever, InternalError } from '@vyre/foundation';
import type { AtomicOp } from '@vyre/ir';

// Atomic read-modify-write on a u32 element (docs/semantics.md, "Atomics"). The function gives the
// value to store; the interpreter returns the old value to the expression itself.

/** The new value of an atomic's element, given the old value, the operand and (for compareExchange) `expected`. */
export type AtomicFn = (
  old: number,
  value: number,
  expected: number | undefined,
) => number;

const add: AtomicFn = (old, value) => (old + value) >>> 0;
const or: AtomicFn = (old, value) => (old | value) >>> 0;
const and: AtomicFn = (old, value) => (old & value) >>> 0;
const xor: AtomicFn = (old, value) => (old ^ value) >>> 0;
// Unsigned, as both operands are u32.
const min: AtomicFn = (old, value) => (old < value ? old : value);
const max: AtomicFn = (old, value) => (old > value ? old : value);
const exchange: AtomicFn = (_old, value) => value;
// Strong: stores only when the old value equals `expected`, and never fails otherwise.
const compareExchange: AtomicFn = (old, value, expected) =>
  old === expected ? value : old;
const fetchNand: AtomicFn = (old, value) => ~(old & value) >>> 0;

/**
 * The pinned update of an atomic operator.
 *
 * @remarks
 * `lruUpdate` is `max`. `compareExchangeWeak` throws InternalError: the validator rejects it (V056),
 * since a spurious failure would make results depend on the hardware.
 *
 * @param op - the atomic operator
 */
export function atomicImpl(op: AtomicOp): AtomicFn {
  switch (op) {
    case 'add':
      return add;
    case 'or':
      return or;
    case 'and':
      return and;
    case 'xor':
      return xor;
    case 'min':
      return min;
    case 'max':
    case 'lruUpdate':
      return max;
    case 'exchange':
      return exchange;
    case 'compareExchange':
      return compareExchange;
    case 'fetchNand':
      return fetchNand;
    case 'compareExchangeWeak':
      throw new InternalError(
        'atomicImpl was asked for compareExchangeWeak, which the validator rejects (V056): expected compareExchange',
      );
    default:
      return assertNever(op, 'atomicImpl');
  }
}
