import { assertNever, InternalError } from '@vyre/foundation';
import { binaryType, type BinOp, type ValueType } from '@vyre/ir';
import {
  isTruthy,
  type Value,
  type WordPair,
  type WordQuad,
} from './cpu-value.ts';
import { isZeroLikeF32 } from './f32-bits.ts';

// The binary operators with the semantics docs/semantics.md pins. Every function is specialized to
// one (operator, operand types) and allocates nothing for 32-bit scalars; the casts from `Value` only
// restate what the typing rules already guarantee.

/** A binary operator specialized to its operand types. */
export type BinaryFn = (a: Value, b: Value) => Value;

type ByType = Readonly<Partial<Record<ValueType, BinaryFn>>>;

const U32_MAX = 0xffff_ffff;
const I32_MIN = -0x8000_0000;

// --- Arithmetic: u32 and i32 wrap modulo 2^32; f32 is IEEE with one rounding ---------------------

const addU32: BinaryFn = (a, b) => ((a as number) + (b as number)) >>> 0;
const addI32: BinaryFn = (a, b) => ((a as number) + (b as number)) | 0;
// The double sum of two f32 values is exact or within half an f64 ulp, and rounding it to f32 gives
// the correctly rounded f32 sum (double rounding is innocuous for +, -, * and / of f32 operands).
const addF32: BinaryFn = (a, b) => Math.fround((a as number) + (b as number));
const subU32: BinaryFn = (a, b) => ((a as number) - (b as number)) >>> 0;
const subI32: BinaryFn = (a, b) => ((a as number) - (b as number)) | 0;
const subF32: BinaryFn = (a, b) => Math.fround((a as number) - (b as number));
const mulU32: BinaryFn = (a, b) => Math.imul(a as number, b as number) >>> 0;
const mulI32: BinaryFn = (a, b) => Math.imul(a as number, b as number);
const mulF32: BinaryFn = (a, b) => Math.fround((a as number) * (b as number));

// `x % y` is exact in JavaScript, so `x - x % y` is an exact multiple of `y` and the division is exact.
const divU32: BinaryFn = (a, b) => {
  const x = a as number;
  const y = b as number;
  return y === 0 ? U32_MAX : (x - (x % y)) / y;
};
const divI32: BinaryFn = (a, b) => {
  const x = a as number;
  const y = b as number;
  if (y === 0 || (y === -1 && x === I32_MIN)) {
    return x;
  }
  // `| 0` turns the -0 of a zero quotient with a negative operand into 0.
  return ((x - (x % y)) / y) | 0;
};
// x / ±0 is ±∞ with the sign of x, whatever the sign of the zero (GPUs do not keep the sign of a zero,
// so IEEE's dependence on it cannot be reproduced there); 0 / 0 and NaN / 0 are NaN.
const divF32: BinaryFn = (a, b) => {
  const x = a as number;
  const y = b as number;
  if (isZeroLikeF32(y)) {
    return isZeroLikeF32(x) || x !== x ? NaN : x > 0 ? Infinity : -Infinity;
  }
  return Math.fround(x / y);
};
const modU32: BinaryFn = (a, b) => {
  const y = b as number;
  return y === 0 ? 0 : (a as number) % y;
};
// JavaScript's `%` takes the dividend's sign; `| 0` turns its -0 (e.g. MIN % -1, -4 % 2) into 0.
const modI32: BinaryFn = (a, b) => {
  const y = b as number;
  return y === 0 ? 0 : ((a as number) % y) | 0;
};

const minInt: BinaryFn = (a, b) => ((a as number) < (b as number) ? a : b);
const maxInt: BinaryFn = (a, b) => ((a as number) > (b as number) ? a : b);
// A NaN operand yields the other; equal operands are ±0 when they differ at all, and min prefers -0
// (the WGSL helper ORs the bits), max +0 (it ANDs them).
const minF32: BinaryFn = (a, b) => {
  const x = a as number;
  const y = b as number;
  if (x !== x) {
    return y;
  }
  if (y !== y || x < y) {
    return x;
  }
  if (x === y && x === 0 && 1 / x < 0) {
    return x;
  }
  return y;
};
const maxF32: BinaryFn = (a, b) => {
  const x = a as number;
  const y = b as number;
  if (x !== x) {
    return y;
  }
  if (y !== y || x > y) {
    return x;
  }
  if (x === y && x === 0 && 1 / x > 0) {
    return x;
  }
  return y;
};

// --- Bitwise: lane-wise on 64-bit and vector values -----------------------------------------------

const bitAndU32: BinaryFn = (a, b) => ((a as number) & (b as number)) >>> 0;
const bitAndI32: BinaryFn = (a, b) => (a as number) & (b as number);
const bitAndPair: BinaryFn = (a, b) => {
  const x = a as WordPair;
  const y = b as WordPair;
  return [(x[0] & y[0]) >>> 0, (x[1] & y[1]) >>> 0];
};
const bitAndQuad: BinaryFn = (a, b) => {
  const x = a as WordQuad;
  const y = b as WordQuad;
  return [
    (x[0] & y[0]) >>> 0,
    (x[1] & y[1]) >>> 0,
    (x[2] & y[2]) >>> 0,
    (x[3] & y[3]) >>> 0,
  ];
};
const bitOrU32: BinaryFn = (a, b) => ((a as number) | (b as number)) >>> 0;
const bitOrI32: BinaryFn = (a, b) => (a as number) | (b as number);
const bitOrPair: BinaryFn = (a, b) => {
  const x = a as WordPair;
  const y = b as WordPair;
  return [(x[0] | y[0]) >>> 0, (x[1] | y[1]) >>> 0];
};
const bitOrQuad: BinaryFn = (a, b) => {
  const x = a as WordQuad;
  const y = b as WordQuad;
  return [
    (x[0] | y[0]) >>> 0,
    (x[1] | y[1]) >>> 0,
    (x[2] | y[2]) >>> 0,
    (x[3] | y[3]) >>> 0,
  ];
};
const bitXorU32: BinaryFn = (a, b) => ((a as number) ^ (b as number)) >>> 0;
const bitXorI32: BinaryFn = (a, b) => (a as number) ^ (b as number);
const bitXorPair: BinaryFn = (a, b) => {
  const x = a as WordPair;
  const y = b as WordPair;
  return [(x[0] ^ y[0]) >>> 0, (x[1] ^ y[1]) >>> 0];
};
const bitXorQuad: BinaryFn = (a, b) => {
  const x = a as WordQuad;
  const y = b as WordQuad;
  return [
    (x[0] ^ y[0]) >>> 0,
    (x[1] ^ y[1]) >>> 0,
    (x[2] ^ y[2]) >>> 0,
    (x[3] ^ y[3]) >>> 0,
  ];
};

// --- Shifts and rotates: the amount is taken & 31 -------------------------------------------------

const shlU32: BinaryFn = (a, b) =>
  ((a as number) << ((b as number) & 31)) >>> 0;
const shlI32: BinaryFn = (a, b) => (a as number) << ((b as number) & 31);
const shrU32: BinaryFn = (a, b) => (a as number) >>> ((b as number) & 31);
const shrI32: BinaryFn = (a, b) => (a as number) >> ((b as number) & 31);
const rotateLeftU32: BinaryFn = (a, b) => {
  const x = a as number;
  const s = (b as number) & 31;
  return ((x << s) | (x >>> ((32 - s) & 31))) >>> 0;
};
const rotateRightU32: BinaryFn = (a, b) => {
  const x = a as number;
  const s = (b as number) & 31;
  return ((x >>> s) | (x << ((32 - s) & 31))) >>> 0;
};

// --- Comparisons and logic ------------------------------------------------------------------------

// Numbers of one type compare exactly (IEEE for f32: NaN is unordered, -0 equals +0); bools by identity.
const eq: BinaryFn = (a, b) => a === b;
const ne: BinaryFn = (a, b) => a !== b;
const lt: BinaryFn = (a, b) => (a as number) < (b as number);
const gt: BinaryFn = (a, b) => (a as number) > (b as number);
const le: BinaryFn = (a, b) => (a as number) <= (b as number);
const ge: BinaryFn = (a, b) => (a as number) >= (b as number);
// Both operands are already evaluated (no short circuit); a u32 operand is true when nonzero.
const andBool: BinaryFn = (a, b) => a === true && b === true;
const orBool: BinaryFn = (a, b) => a === true || b === true;
const andCondition: BinaryFn = (a, b) => isTruthy(a) && isTruthy(b);
const orCondition: BinaryFn = (a, b) => isTruthy(a) || isTruthy(b);

// --- u32-only operators ---------------------------------------------------------------------------

const absDiffU32: BinaryFn = (a, b) => {
  const x = a as number;
  const y = b as number;
  return x > y ? x - y : y - x;
};
// The high word of the 64-bit product, exactly: split `a` into 16-bit limbs so that each partial
// product stays below 2^48 (exact in a double), and carry the low limb's high part into the high one.
function mulHighU32(a: number, b: number): number {
  const low = (a & 0xffff) * b;
  const high = (a >>> 16) * b + Math.floor(low / 0x1_0000);
  return Math.floor(high / 0x1_0000);
}
const mulHigh: BinaryFn = (a, b) => mulHighU32(a as number, b as number);
const saturatingAddU32: BinaryFn = (a, b) => {
  const s = (a as number) + (b as number);
  return s > U32_MAX ? U32_MAX : s;
};
const saturatingSubU32: BinaryFn = (a, b) => {
  const x = a as number;
  const y = b as number;
  return y > x ? 0 : x - y;
};
// A double product below 2^53 is exact; one at or above 2^32 can only round to a value at or above
// 2^32 (2^32 is a double), so the comparison with U32_MAX is exact either way.
const saturatingMulU32: BinaryFn = (a, b) => {
  const p = (a as number) * (b as number);
  return p > U32_MAX ? U32_MAX : p;
};

// --- Selection ------------------------------------------------------------------------------------

const ADD: ByType = { u32: addU32, i32: addI32, f32: addF32 };
const SUB: ByType = { u32: subU32, i32: subI32, f32: subF32 };
const MUL: ByType = { u32: mulU32, i32: mulI32, f32: mulF32 };
const DIV: ByType = { u32: divU32, i32: divI32, f32: divF32 };
const MOD: ByType = { u32: modU32, i32: modI32 };
const MIN: ByType = { u32: minInt, i32: minInt, f32: minF32 };
const MAX: ByType = { u32: maxInt, i32: maxInt, f32: maxF32 };
const WRAPPING_ADD: ByType = { u32: addU32, i32: addI32 };
const WRAPPING_SUB: ByType = { u32: subU32, i32: subI32 };
const BIT_AND: ByType = {
  u32: bitAndU32,
  i32: bitAndI32,
  u64: bitAndPair,
  i64: bitAndPair,
  vec2u32: bitAndPair,
  vec4u32: bitAndQuad,
};
const BIT_OR: ByType = {
  u32: bitOrU32,
  i32: bitOrI32,
  u64: bitOrPair,
  i64: bitOrPair,
  vec2u32: bitOrPair,
  vec4u32: bitOrQuad,
};
const BIT_XOR: ByType = {
  u32: bitXorU32,
  i32: bitXorI32,
  u64: bitXorPair,
  i64: bitXorPair,
  vec2u32: bitXorPair,
  vec4u32: bitXorQuad,
};
const SHL: ByType = { u32: shlU32, i32: shlI32 };
const SHR: ByType = { u32: shrU32, i32: shrI32 };
const EQUALITY: ByType = { u32: eq, i32: eq, f32: eq, bool: eq };
const INEQUALITY: ByType = { u32: ne, i32: ne, f32: ne, bool: ne };

// The implementation for an operator and its left operand type; the typing rules have already fixed
// the right operand's type (equal to the left, or u32 for shift amounts).
function select(
  op: BinOp,
  left: ValueType,
  right: ValueType,
): BinaryFn | undefined {
  switch (op) {
    case 'add':
      return ADD[left];
    case 'sub':
      return SUB[left];
    case 'mul':
      return MUL[left];
    case 'div':
      return DIV[left];
    case 'mod':
      return MOD[left];
    case 'min':
      return MIN[left];
    case 'max':
      return MAX[left];
    case 'wrappingAdd':
      return WRAPPING_ADD[left];
    case 'wrappingSub':
      return WRAPPING_SUB[left];
    case 'bitAnd':
      return BIT_AND[left];
    case 'bitOr':
      return BIT_OR[left];
    case 'bitXor':
      return BIT_XOR[left];
    case 'shl':
      return SHL[left];
    case 'shr':
      return SHR[left];
    case 'rotateLeft':
      return rotateLeftU32;
    case 'rotateRight':
      return rotateRightU32;
    case 'eq':
      return EQUALITY[left];
    case 'ne':
      return INEQUALITY[left];
    case 'lt':
      return lt;
    case 'gt':
      return gt;
    case 'le':
      return le;
    case 'ge':
      return ge;
    case 'and':
      return left === 'bool' && right === 'bool' ? andBool : andCondition;
    case 'or':
      return left === 'bool' && right === 'bool' ? orBool : orCondition;
    case 'absDiff':
      return absDiffU32;
    case 'mulHigh':
      return mulHigh;
    case 'saturatingAdd':
      return saturatingAddU32;
    case 'saturatingSub':
      return saturatingSubU32;
    case 'saturatingMul':
      return saturatingMulU32;
    default:
      return assertNever(op, 'binaryImpl');
  }
}

/**
 * The pinned implementation of `left op right` for operands of the given types.
 *
 * @remarks
 * Selected once per IR node; the returned function is called per invocation. Throws InternalError for
 * a combination the typing rules reject (the validator reports those before anything runs).
 *
 * @param op - the operator
 * @param left - the left operand's value type
 * @param right - the right operand's value type
 */
export function binaryImpl(
  op: BinOp,
  left: ValueType,
  right: ValueType,
): BinaryFn {
  const check = binaryType(op, left, right);
  if (!check.ok) {
    throw new InternalError(
      `binaryImpl was asked for ${op} on ${left} and ${right}, which the typing rules reject: ${check.issue.message}`,
    );
  }
  const impl = select(op, left, right);
  if (impl === undefined) {
    throw new InternalError(
      `binaryImpl has no implementation of ${op} on ${left} and ${right}, which the typing rules accept`,
    );
  }
  return impl;
}
