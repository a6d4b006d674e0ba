import { BinOp } from './bin-op.ts';
import type { DataType } from './data-type.ts';
import type { Literal } from './expr.ts';
import { UnOp } from './un-op.ts';
import type { ValidationCode } from './validation-code.ts';
import { valueTypeOfElement, type ValueType } from './value-type.ts';

// The static typing rules of the IR, one function per expression family. The validator reports what
// they reject (with a location); the emitter and the CPU reference rely on what they accept. They are
// the single definition of the type system: docs/semantics.md describes the same rules for readers.

/**
 * Why a typing rule rejected an expression.
 *
 * @public
 */
export interface TypeIssue {
  /** The validation code the rule reports. */
  readonly code: ValidationCode;
  /** What is wrong, what was expected and what was found. */
  readonly message: string;
}

/**
 * The outcome of a typing rule: the expression's type (possibly with a warning), or why it is ill-typed.
 *
 * @public
 */
export type TypeCheck =
  | {
      readonly ok: true;
      readonly type: ValueType;
      readonly warning?: TypeIssue;
    }
  | { readonly ok: false; readonly issue: TypeIssue };

const ok = (type: ValueType, warning?: TypeIssue): TypeCheck =>
  warning === undefined ? { ok: true, type } : { ok: true, type, warning };
const fail = (code: ValidationCode, message: string): TypeCheck => ({
  ok: false,
  issue: { code, message },
});

const WIDE: ReadonlySet<ValueType> = new Set<ValueType>([
  'u64',
  'i64',
  'vec2u32',
  'vec4u32',
  'f16',
]);
const BITWISE: ReadonlySet<ValueType> = new Set<ValueType>([
  'u32',
  'i32',
  'u64',
  'i64',
  'vec2u32',
  'vec4u32',
]);
const NUMERIC: ReadonlySet<ValueType> = new Set<ValueType>([
  'u32',
  'i32',
  'f32',
]);

/**
 * The type of a literal, or V135 when its value is not representable (f32 literals must be finite and
 * exactly an f32; integers must be in range).
 *
 * @param literal - the literal
 *
 * @public
 */
export function literalType(literal: Literal): TypeCheck {
  switch (literal.type) {
    case 'bool':
      return typeof literal.value === 'boolean'
        ? ok('bool')
        : fail(
            'V135',
            `a bool literal holds ${String((literal as { readonly value: unknown }).value)}: expected true or false`,
          );
    case 'u32':
      return Number.isInteger(literal.value) &&
        literal.value >= 0 &&
        literal.value <= 0xffff_ffff
        ? ok('u32')
        : fail(
            'V135',
            `a u32 literal holds ${String(literal.value)}: expected an integer in 0..4294967295`,
          );
    case 'i32':
      return Number.isInteger(literal.value) &&
        literal.value >= -0x8000_0000 &&
        literal.value <= 0x7fff_ffff
        ? ok('i32')
        : fail(
            'V135',
            `an i32 literal holds ${String(literal.value)}: expected an integer in -2147483648..2147483647`,
          );
    case 'f32':
      return Number.isFinite(literal.value) &&
        Math.fround(literal.value) === literal.value
        ? ok('f32')
        : fail(
            'V135',
            `an f32 literal holds ${String(literal.value)}: expected a finite value that is exactly an f32`,
          );
  }
}

// The rejection for an arithmetic-like operator whose operands are not one of `allowed`.
function operandTypes(
  op: string,
  left: ValueType,
  right: ValueType,
  allowed: ReadonlySet<ValueType>,
): TypeCheck {
  const expected = [...allowed].join(', ');
  for (const side of [left, right]) {
    if (side === 'bool') {
      return fail(
        'V087',
        `${op} has a bool operand: expected ${expected}, found bool`,
      );
    }
    if (WIDE.has(side)) {
      return fail(
        'V084',
        `${op} has a ${side} operand: expected ${expected}, found ${side}`,
      );
    }
  }
  if (left !== right) {
    return fail(
      'V088',
      `${op} mixes ${left} and ${right}: expected two operands of one type (${expected})`,
    );
  }
  return fail('V088', `${op} takes ${expected}: found ${left}`);
}

/**
 * The type of `left op right`, given the operand types.
 *
 * @param op - the operator
 * @param left - the left operand's type
 * @param right - the right operand's type
 *
 * @public
 */
export function binaryType(
  op: BinOp,
  left: ValueType,
  right: ValueType,
): TypeCheck {
  if (!Object.hasOwn(BinOp, op)) {
    return fail(
      'V137',
      `unknown binary operator ${JSON.stringify(op)}: expected one of ${Object.keys(BinOp).join(', ')}`,
    );
  }
  switch (op) {
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'min':
    case 'max':
      return left === right && NUMERIC.has(left)
        ? ok(left)
        : operandTypes(op, left, right, NUMERIC);
    case 'mod':
      if (left === right && (left === 'u32' || left === 'i32')) {
        return ok(left);
      }
      return left === right || !NUMERIC.has(left) || !NUMERIC.has(right)
        ? fail(
            'V089',
            `mod takes u32 or i32 operands: found ${left} and ${right}`,
          )
        : fail(
            'V088',
            `mod mixes ${left} and ${right}: expected two operands of one type`,
          );
    case 'wrappingAdd':
    case 'wrappingSub':
      return left === right && (left === 'u32' || left === 'i32')
        ? ok(left)
        : operandTypes(op, left, right, new Set<ValueType>(['u32', 'i32']));
    case 'bitAnd':
    case 'bitOr':
    case 'bitXor':
      if (left === right && BITWISE.has(left)) {
        return ok(left);
      }
      return BITWISE.has(left) && BITWISE.has(right)
        ? fail(
            'V088',
            `${op} mixes ${left} and ${right}: expected two operands of one type`,
          )
        : fail(
            'V091',
            `${op} takes integer or vector operands: found ${left} and ${right}`,
          );
    case 'shl':
    case 'shr':
      return (left === 'u32' || left === 'i32') && right === 'u32'
        ? ok(left)
        : fail(
            'V094',
            `${op} shifts a u32 or i32 by a u32 amount: found ${left} shifted by ${right}`,
          );
    case 'rotateLeft':
    case 'rotateRight':
      return left === 'u32' && right === 'u32'
        ? ok('u32')
        : fail(
            'V094',
            `${op} rotates a u32 by a u32 amount: found ${left} rotated by ${right}`,
          );
    case 'eq':
    case 'ne':
      return left === right && (NUMERIC.has(left) || left === 'bool')
        ? ok('bool')
        : fail(
            'V096',
            `${op} compares ${left} with ${right}: expected two operands of one type (u32, i32, f32 or bool)`,
          );
    case 'lt':
    case 'gt':
    case 'le':
    case 'ge':
      return left === right && NUMERIC.has(left)
        ? ok('bool')
        : fail(
            'V096',
            `${op} compares ${left} with ${right}: expected two operands of one type (u32, i32 or f32)`,
          );
    case 'and':
    case 'or':
      return (left === 'bool' || left === 'u32') &&
        (right === 'bool' || right === 'u32')
        ? ok('bool')
        : fail(
            'V095',
            `${op} takes bool or u32 operands: found ${left} and ${right}`,
          );
    case 'absDiff':
    case 'mulHigh':
      return left === 'u32' && right === 'u32'
        ? ok('u32')
        : fail('V086', `${op} takes u32 operands: found ${left} and ${right}`);
    case 'saturatingAdd':
    case 'saturatingSub':
    case 'saturatingMul':
      return left === 'u32' && right === 'u32'
        ? ok('u32')
        : fail('V085', `${op} takes u32 operands: found ${left} and ${right}`);
  }
}

/**
 * The type of `op(operand)`, given the operand type.
 *
 * @param op - the operator
 * @param operand - the operand's type
 *
 * @public
 */
export function unaryType(op: UnOp, operand: ValueType): TypeCheck {
  if (!Object.hasOwn(UnOp, op)) {
    return fail(
      'V104',
      `unknown unary operator ${JSON.stringify(op)}: expected one of ${Object.keys(UnOp).join(', ')}`,
    );
  }
  switch (op) {
    case 'negate':
      return operand === 'u32' || operand === 'f32'
        ? ok(operand)
        : fail('V098', `negate takes u32 or f32: found ${operand}`);
    case 'bitNot':
      return BITWISE.has(operand)
        ? ok(operand)
        : fail('V101', `bitNot takes an integer or vector: found ${operand}`);
    case 'popcount':
    case 'clz':
    case 'ctz':
    case 'reverseBits':
      return operand === 'u32' || operand === 'i32'
        ? ok(operand)
        : fail('V101', `${op} takes u32 or i32: found ${operand}`);
    case 'logicalNot':
      return operand === 'bool' || operand === 'u32'
        ? ok('bool')
        : fail('V100', `logicalNot takes bool or u32: found ${operand}`);
    case 'isNan':
    case 'isInf':
    case 'isFinite':
      return operand === 'f32'
        ? ok('bool')
        : fail('V102', `${op} takes f32: found ${operand}`);
    case 'unpack4Low':
    case 'unpack4High':
    case 'unpack8Low':
    case 'unpack8High':
      return operand === 'u32' || operand === 'i32'
        ? ok('u32')
        : fail('V103', `${op} takes u32 or i32: found ${operand}`);
    case 'cos':
    case 'sin':
    case 'tan':
    case 'acos':
    case 'asin':
    case 'atan':
    case 'tanh':
    case 'sinh':
    case 'cosh':
    case 'exp':
    case 'exp2':
    case 'log':
    case 'log2':
    case 'sqrt':
    case 'inverseSqrt':
    case 'reciprocal':
    case 'abs':
    case 'floor':
    case 'ceil':
    case 'round':
    case 'trunc':
    case 'sign':
      return operand === 'f32'
        ? ok('f32')
        : fail('V102', `${op} takes f32: found ${operand}`);
  }
}

const INTEGER_SOURCES: ReadonlySet<ValueType> = new Set<ValueType>([
  'u32',
  'i32',
  'bool',
  'u64',
  'i64',
]);
const INTEGER_TARGETS: ReadonlySet<DataType> = new Set<DataType>([
  'u8',
  'u16',
  'u32',
  'u64',
  'i8',
  'i16',
  'i32',
  'i64',
  'bool',
]);
const BITS: Readonly<Partial<Record<DataType | ValueType, number>>> = {
  u8: 8,
  i8: 8,
  u16: 16,
  i16: 16,
  u32: 32,
  i32: 32,
  u64: 64,
  i64: 64,
};

/**
 * Whether the cast table allows converting a `from` value to `target` (vyre's `validate/cast.rs`).
 *
 * @remarks
 * Identity; integer-like scalars (u32, i32, bool, u64, i64) to any integer-like target (u8 … i64, bool);
 * u32/i32/bool/u64 to vec2u32; u32/i32/bool to vec4u32; vec2u32 to u32/i32/u64/bool; vec4u32 to
 * u32/i32/vec2u32/u64/bool; u32/i32/bool to and from f32; f32 to and from f16.
 *
 * @param from - the value's type
 * @param target - the cast target
 *
 * @public
 */
export function isCastAllowed(from: ValueType, target: DataType): boolean {
  if (from === target) {
    return true;
  }
  if (INTEGER_SOURCES.has(from) && INTEGER_TARGETS.has(target)) {
    return true;
  }
  switch (target) {
    case 'vec2u32':
      return (
        from === 'u32' ||
        from === 'i32' ||
        from === 'bool' ||
        from === 'u64' ||
        from === 'vec4u32'
      );
    case 'vec4u32':
      return from === 'u32' || from === 'i32' || from === 'bool';
    case 'f32':
      return (
        from === 'u32' || from === 'i32' || from === 'bool' || from === 'f16'
      );
    case 'f16':
      return from === 'f32';
    case 'u32':
    case 'i32':
    case 'bool':
      return from === 'f32' || from === 'vec2u32' || from === 'vec4u32';
    case 'u64':
      return from === 'vec2u32' || from === 'vec4u32';
    case 'u8':
    case 'u16':
    case 'i8':
    case 'i16':
    case 'i64':
      return false;
  }
}

/**
 * The type of `cast(target, value)` given the value's type: the value type of `target` (narrow
 * integer targets give u32 or i32), with a V035 warning when an integer cast may discard bits.
 *
 * @param from - the value's type
 * @param target - the cast target
 *
 * @public
 */
export function castType(from: ValueType, target: DataType): TypeCheck {
  if (!isCastAllowed(from, target)) {
    return fail(
      'V012',
      `no cast from ${from} to ${target}: expected a pair from the cast table`,
    );
  }
  const fromBits = BITS[from];
  const toBits = BITS[target];
  const narrows =
    fromBits !== undefined && toBits !== undefined && toBits < fromBits;
  return ok(
    valueTypeOfElement(target),
    narrows
      ? {
          code: 'V035',
          message: `a cast from ${from} to ${target} keeps only the low ${toBits} bits`,
        }
      : undefined,
  );
}

/**
 * The type of `select(cond, ifTrue, ifFalse)`.
 *
 * @param cond - the condition's type (bool or u32)
 * @param ifTrue - the first branch's type
 * @param ifFalse - the second branch's type
 *
 * @public
 */
export function selectType(
  cond: ValueType,
  ifTrue: ValueType,
  ifFalse: ValueType,
): TypeCheck {
  if (cond !== 'bool' && cond !== 'u32') {
    return fail('V123', `a select condition is ${cond}: expected bool or u32`);
  }
  return ifTrue === ifFalse
    ? ok(ifTrue)
    : fail(
        'V029',
        `select branches are ${ifTrue} and ${ifFalse}: expected one type`,
      );
}

/**
 * The type of `fma(a, b, c)`: f32, or V028.
 *
 * @param a - the type of `a`
 * @param b - the type of `b`
 * @param c - the type of `c`
 *
 * @public
 */
export function fmaType(a: ValueType, b: ValueType, c: ValueType): TypeCheck {
  return a === 'f32' && b === 'f32' && c === 'f32'
    ? ok('f32')
    : fail('V028', `fma takes three f32 operands: found ${a}, ${b} and ${c}`);
}

/**
 * Whether a value of type `type` may be a condition (of an if, a select, or a logical operator): a
 * bool, or a u32 where nonzero means true.
 *
 * @param type - the condition's type
 *
 * @public
 */
export function isConditionType(type: ValueType): boolean {
  return type === 'bool' || type === 'u32';
}
