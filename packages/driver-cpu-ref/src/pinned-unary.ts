import { assertNever, InternalError } from '@vyre/foundation';
import { unaryType, type UnOp, type ValueType } from '@vyre/ir';
import type { Value, WordPair, WordQuad } from './cpu-value.ts';
import { isZeroLikeF32 } from './f32-bits.ts';

// The unary operators with the semantics docs/semantics.md pins. f32 results are rounded once with
// Math.fround: exact for negate, abs, floor, ceil, round, trunc and sign, correctly rounded for sqrt
// and reciprocal (a double result rounded to f32 is the correctly rounded f32 result for these), and
// within the doc's 128-ULP window for the transcendentals, which JavaScript computes in double.

/** A unary operator specialized to its operand type. */
export type UnaryFn = (a: Value) => Value;

type ByType = Readonly<Partial<Record<ValueType, UnaryFn>>>;

// --- Integers -------------------------------------------------------------------------------------

const negateU32: UnaryFn = (a) => (0 - (a as number)) >>> 0;
const bitNotU32: UnaryFn = (a) => ~(a as number) >>> 0;
const bitNotI32: UnaryFn = (a) => ~(a as number);
const bitNotPair: UnaryFn = (a) => {
  const x = a as WordPair;
  return [~x[0] >>> 0, ~x[1] >>> 0];
};
const bitNotQuad: UnaryFn = (a) => {
  const x = a as WordQuad;
  return [~x[0] >>> 0, ~x[1] >>> 0, ~x[2] >>> 0, ~x[3] >>> 0];
};
const logicalNotBool: UnaryFn = (a) => !(a as boolean);
const logicalNotU32: UnaryFn = (a) => a === 0;

// Counts and reversals see the 32 bits; their results fit both u32 and i32 except reverseBits.
function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x5555_5555);
  v = (v & 0x3333_3333) + ((v >>> 2) & 0x3333_3333);
  v = (v + (v >>> 4)) & 0x0f0f_0f0f;
  return Math.imul(v, 0x0101_0101) >>> 24;
}
function reverseBits32(x: number): number {
  let v = ((x >>> 1) & 0x5555_5555) | ((x & 0x5555_5555) << 1);
  v = ((v >>> 2) & 0x3333_3333) | ((v & 0x3333_3333) << 2);
  v = ((v >>> 4) & 0x0f0f_0f0f) | ((v & 0x0f0f_0f0f) << 4);
  v = ((v >>> 8) & 0x00ff_00ff) | ((v & 0x00ff_00ff) << 8);
  return (v >>> 16) | (v << 16);
}
const popcount: UnaryFn = (a) => popcount32(a as number);
const clz: UnaryFn = (a) => Math.clz32(a as number);
// `x & -x` isolates the lowest set bit; Math.clz32 reads it as a u32 (so 0x80000000 gives 0).
const ctz: UnaryFn = (a) => {
  const x = a as number;
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
};
const reverseBitsU32: UnaryFn = (a) => reverseBits32(a as number) >>> 0;
const reverseBitsI32: UnaryFn = (a) => reverseBits32(a as number) | 0;
// `>>>` reads an i32 operand's bits as a u32; the masked result is a u32 for either operand type.
const unpack4Low: UnaryFn = (a) => (a as number) & 0xf;
const unpack4High: UnaryFn = (a) => ((a as number) >>> 4) & 0xf;
const unpack8Low: UnaryFn = (a) => (a as number) & 0xff;
const unpack8High: UnaryFn = (a) => (a as number) >>> 24;

// --- f32 ------------------------------------------------------------------------------------------

const negateF32: UnaryFn = (a) => -(a as number);
const abs: UnaryFn = (a) => Math.abs(a as number);
const floor: UnaryFn = (a) => Math.floor(a as number);
const ceil: UnaryFn = (a) => Math.ceil(a as number);
const trunc: UnaryFn = (a) => Math.trunc(a as number);
// Math.round breaks ties toward +Infinity (and keeps -0 for -0.5 .. -0); a tie it rounded up to an odd
// integer goes down to the even one instead. Ties only occur below 2^23, where `r - x` is exact.
const round: UnaryFn = (a) => {
  const x = a as number;
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
};
// ±1 with the operand's sign for every nonzero (subnormals included); ±0 and NaN are returned as is.
const sign: UnaryFn = (a) => {
  const x = a as number;
  if (x > 0) {
    return 1;
  }
  return x < 0 ? -1 : x;
};
const sqrt: UnaryFn = (a) => Math.fround(Math.sqrt(a as number));
const inverseSqrt: UnaryFn = (a) => Math.fround(1 / Math.sqrt(a as number));
// 1 / ±0 is +∞: the sign of a zero is ignored, and a subnormal counts as a zero, as in division.
const reciprocal: UnaryFn = (a) =>
  isZeroLikeF32(a as number) ? Infinity : Math.fround(1 / (a as number));
const cos: UnaryFn = (a) => Math.fround(Math.cos(a as number));
const sin: UnaryFn = (a) => Math.fround(Math.sin(a as number));
const tan: UnaryFn = (a) => Math.fround(Math.tan(a as number));
const acos: UnaryFn = (a) => Math.fround(Math.acos(a as number));
const asin: UnaryFn = (a) => Math.fround(Math.asin(a as number));
const atan: UnaryFn = (a) => Math.fround(Math.atan(a as number));
const tanh: UnaryFn = (a) => Math.fround(Math.tanh(a as number));
const sinh: UnaryFn = (a) => Math.fround(Math.sinh(a as number));
const cosh: UnaryFn = (a) => Math.fround(Math.cosh(a as number));
const exp: UnaryFn = (a) => Math.fround(Math.exp(a as number));
const exp2: UnaryFn = (a) => Math.fround(2 ** (a as number));
const log: UnaryFn = (a) => Math.fround(Math.log(a as number));
const log2: UnaryFn = (a) => Math.fround(Math.log2(a as number));
const isNan: UnaryFn = (a) => a !== a;
const isInf: UnaryFn = (a) => a === Infinity || a === -Infinity;
const isFiniteF32: UnaryFn = (a) => Number.isFinite(a);

// --- Selection ------------------------------------------------------------------------------------

const NEGATE: ByType = { u32: negateU32, f32: negateF32 };
const BIT_NOT: ByType = {
  u32: bitNotU32,
  i32: bitNotI32,
  u64: bitNotPair,
  i64: bitNotPair,
  vec2u32: bitNotPair,
  vec4u32: bitNotQuad,
};
const LOGICAL_NOT: ByType = { bool: logicalNotBool, u32: logicalNotU32 };
const REVERSE_BITS: ByType = { u32: reverseBitsU32, i32: reverseBitsI32 };

// The implementation of `op` on `operand`, or undefined where there is none; unaryImpl has already
// checked the typing rules, so only the operand types they accept are distinguished.
function select(op: UnOp, operand: ValueType): UnaryFn | undefined {
  switch (op) {
    case 'negate':
      return NEGATE[operand];
    case 'bitNot':
      return BIT_NOT[operand];
    case 'logicalNot':
      return LOGICAL_NOT[operand];
    case 'popcount':
      return popcount;
    case 'clz':
      return clz;
    case 'ctz':
      return ctz;
    case 'reverseBits':
      return REVERSE_BITS[operand];
    case 'unpack4Low':
      return unpack4Low;
    case 'unpack4High':
      return unpack4High;
    case 'unpack8Low':
      return unpack8Low;
    case 'unpack8High':
      return unpack8High;
    case 'abs':
      return abs;
    case 'floor':
      return floor;
    case 'ceil':
      return ceil;
    case 'round':
      return round;
    case 'trunc':
      return trunc;
    case 'sign':
      return sign;
    case 'sqrt':
      return sqrt;
    case 'inverseSqrt':
      return inverseSqrt;
    case 'reciprocal':
      return reciprocal;
    case 'cos':
      return cos;
    case 'sin':
      return sin;
    case 'tan':
      return tan;
    case 'acos':
      return acos;
    case 'asin':
      return asin;
    case 'atan':
      return atan;
    case 'tanh':
      return tanh;
    case 'sinh':
      return sinh;
    case 'cosh':
      return cosh;
    case 'exp':
      return exp;
    case 'exp2':
      return exp2;
    case 'log':
      return log;
    case 'log2':
      return log2;
    case 'isNan':
      return isNan;
    case 'isInf':
      return isInf;
    case 'isFinite':
      return isFiniteF32;
    default:
      return assertNever(op, 'unaryImpl');
  }
}

/**
 * The pinned implementation of `op(operand)` for an operand of the given type.
 *
 * @remarks
 * Selected once per IR node; the returned function is called per invocation. Throws InternalError for
 * a combination the typing rules reject.
 *
 * @param op - the operator
 * @param operand - the operand's value type
 */
export function unaryImpl(op: UnOp, operand: ValueType): UnaryFn {
  const check = unaryType(op, operand);
  if (!check.ok) {
    throw new InternalError(
      `unaryImpl was asked for ${op} on ${operand}, which the typing rules reject: ${check.issue.message}`,
    );
  }
  const impl = select(op, operand);
  if (impl === undefined) {
    throw new InternalError(
      `unaryImpl has no implementation of ${op} on ${operand}, which the typing rules accept`,
    );
  }
  return impl;
}
