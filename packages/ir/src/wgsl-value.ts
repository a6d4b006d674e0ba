import { assertNever, InternalError } from '@vyre/foundation';
import type { TypeCheck } from './typing-rules.ts';
import type { ValueType } from './value-type.ts';

// An emitted expression, and the small rules every expression emitter shares.

/**
 * An emitted expression.
 *
 * @internal
 */
export interface WgslValue {
  /** The WGSL text; operators are fully parenthesized. */
  readonly code: string;
  readonly type: ValueType;
  /** Whether `code` is a WGSL const-expression (a literal, or a buffer length that is a literal count). */
  readonly constant: boolean;
  /** Whether it contains an atomic, whose place in the evaluation order is observable. */
  readonly effect: boolean;
  /** Whether it reads or writes memory (a load or an atomic), so that moving it past an atomic matters. */
  readonly memory: boolean;
  /** An upper bound on the nesting of parentheses and calls in `code`. */
  readonly depth: number;
}

/**
 * The deepest nesting of parentheses and calls an emitted expression may reach before it is bound to
 * a temporary; Tint rejects expressions nested about 126 levels deep.
 *
 * @internal
 */
export const MAX_EXPRESSION_DEPTH = 32;

/**
 * A value with no side effect that can be used anywhere: a literal, a local, a builtin.
 *
 * @param code - its WGSL text
 * @param type - its type
 * @param constant - whether `code` is a WGSL const-expression
 *
 * @internal
 */
export function leaf(
  code: string,
  type: ValueType,
  constant: boolean,
): WgslValue {
  return { code, type, constant, effect: false, memory: false, depth: 0 };
}

/**
 * The type a typing rule gives, or an `InternalError`: the validator accepted the program, so a
 * rejection here is a bug.
 *
 * @param check - the typing rule's verdict
 * @param where - the construct being emitted
 *
 * @internal
 */
export function typeOrThrow(check: TypeCheck, where: string): ValueType {
  if (!check.ok) {
    throw new InternalError(
      `emitWgsl met an ill-typed ${where} (${check.issue.code}: ${check.issue.message})`,
    );
  }
  return check.type;
}

/**
 * A value computed at run time from `operands`.
 *
 * @param code - its WGSL text
 * @param type - its type
 * @param operands - the operands it was built from
 * @param nesting - how many parentheses or calls `code` wraps around an operand, at most
 *
 * @internal
 */
export function computed(
  code: string,
  type: ValueType,
  operands: readonly WgslValue[],
  nesting: number,
): WgslValue {
  let effect = false;
  let memory = false;
  let depth = 0;
  for (const operand of operands) {
    effect ||= operand.effect;
    memory ||= operand.memory;
    depth = Math.max(depth, operand.depth);
  }
  return {
    code,
    type,
    constant: false,
    effect,
    memory,
    depth: depth + nesting,
  };
}

/**
 * `value` as a WGSL bool: itself, or `(value != 0u)` for a u32 condition.
 *
 * @param value - a bool or u32 value
 * @param code - the code to use for it (possibly a constant-operand temporary)
 *
 * @internal
 */
export function conditionCode(value: WgslValue, code: string): string {
  switch (value.type) {
    case 'bool':
      return code;
    case 'u32':
      return `(${code} != 0u)`;
    case 'i32':
    case 'f32':
    case 'f16':
    case 'u64':
    case 'i64':
    case 'vec2u32':
    case 'vec4u32':
      throw new InternalError(
        `emitWgsl met a ${value.type} condition, expected bool or u32`,
      );
    default:
      return assertNever(value.type, 'conditionCode');
  }
}

/**
 * `code` without the parentheses around the whole of it, if it has them: at statement level
 * `(a + b)` reads better as `a + b`.
 *
 * @param code - a WGSL expression
 *
 * @internal
 */
export function withoutOuterParens(code: string): string {
  const last = code.length - 1;
  if (code.charCodeAt(0) !== 0x28 || code.charCodeAt(last) !== 0x29) {
    return code;
  }
  let depth = 0;
  for (let i = 0; i < last; i++) {
    const c = code.charCodeAt(i);
    if (c === 0x28) {
      depth += 1;
    } else if (c === 0x29) {
      depth -= 1;
      if (depth === 0) {
        // The first parenthesis closes before the end: `(a) + (b)`.
        return code;
      }
    }
  }
  return code.slice(1, last);
}

/**
 * `code` as one argument of a comma-separated list, without redundant outer parentheses, except
 * around a lone `<`: WGSL reads `f(a < b, c > d)` as the template list `a<b, c>` (its template-list
 * discovery pairs a `<` with a `>` across commas), and Tint rejects it ("parsed as template list";
 * found by differential testing).
 *
 * @param code - a WGSL expression
 *
 * @internal
 */
export function argumentText(code: string): string {
  const inner = withoutOuterParens(code);
  if (inner === code) {
    return code;
  }
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    if (c === 0x28) {
      depth += 1;
    } else if (c === 0x29) {
      depth -= 1;
    } else if (
      depth === 0 &&
      c === 0x3c &&
      inner.charCodeAt(i - 1) !== 0x3c &&
      inner.charCodeAt(i + 1) !== 0x3c &&
      inner.charCodeAt(i + 1) !== 0x3d
    ) {
      // A lone `<` (not `<<` or `<=`) may open a template list that a `>` in a later argument closes.
      return code;
    }
  }
  return inner;
}

/**
 * `value` as a function argument (see {@link argumentText}).
 *
 * @param value - an emitted expression
 *
 * @internal
 */
export function argument(value: WgslValue): string {
  return argumentText(value.code);
}
