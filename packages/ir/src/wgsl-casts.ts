import { assertNever, InternalError } from '@vyre/foundation';
import type { DataType } from './data-type.ts';
import { castType } from './typing-rules.ts';
import type { WgslEmitContext } from './wgsl-emit-context.ts';
import type { WgslHelper } from './wgsl-helper-library.ts';
import {
  argument,
  computed,
  typeOrThrow,
  type WgslValue,
} from './wgsl-value.ts';
import type { ValueType } from './value-type.ts';

// Conversions (docs/semantics.md, "Conversions"). Integer-like values go through their low 32 bits;
// conversions that WGSL leaves open (f32 to integers, integers to f32) call pinned helpers.

// How an inline cast writes the operand `x` (already subject to the constant-operand rule).
type Template = (x: string) => string;

// The low 32 bits of an integer-like value, as a u32.
function lowWord(from: ValueType): Template | undefined {
  switch (from) {
    case 'u32':
      return (x) => x;
    case 'i32':
      return (x) => `bitcast<u32>(${x})`;
    case 'bool':
      return (x) => `select(0u, 1u, ${x})`;
    case 'u64':
    case 'i64':
    case 'vec2u32':
    case 'vec4u32':
      return (x) => `${x}.x`;
    case 'f32':
    case 'f16':
      return undefined;
    default:
      return assertNever(from, 'lowWord');
  }
}

// Sign-extends the low `bits` bits of an integer-like value to an i32.
function signExtend(from: ValueType, bits: number): Template | undefined {
  const shift = `${32 - bits}u`;
  if (from === 'i32') {
    return (x) => `((${x} << ${shift}) >> ${shift})`;
  }
  if (from === 'bool') {
    return (x) => `select(0i, 1i, ${x})`;
  }
  const low = lowWord(from);
  return low === undefined
    ? undefined
    : (x) => `((bitcast<i32>(${low(x)}) << ${shift}) >> ${shift})`;
}

// A test for "any bit set".
function nonzero(from: ValueType): Template | undefined {
  switch (from) {
    case 'u32':
      return (x) => `(${x} != 0u)`;
    case 'i32':
      return (x) => `(${x} != 0i)`;
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return (x) => `any(${x} != vec2<u32>())`;
    case 'vec4u32':
      return (x) => `any(${x} != vec4<u32>())`;
    case 'f32':
      // ±0 is false and NaN true, tested on the bits so that no NaN assumption can interfere.
      return (x) => `((bitcast<u32>(${x}) & 0x7fffffffu) != 0u)`;
    case 'bool':
    case 'f16':
      return undefined;
    default:
      return assertNever(from, 'nonzero');
  }
}

// To a 64-bit value, (low, high): zero-extended, sign-extended for i32.
function toWide(from: ValueType): Template | WgslHelper | undefined {
  switch (from) {
    case 'u32':
      return (x) => `vec2<u32>(${x}, 0u)`;
    case 'i32':
      return 'i32_to_i64';
    case 'bool':
      return (x) => `vec2<u32>(select(0u, 1u, ${x}), 0u)`;
    case 'vec4u32':
      return (x) => `${x}.xy`;
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return (x) => x;
    case 'f32':
    case 'f16':
      return undefined;
    default:
      return assertNever(from, 'toWide');
  }
}

function toVec4(from: ValueType): Template | undefined {
  if (from === 'vec4u32') {
    return (x) => x;
  }
  if (from === 'f32' || from === 'f16') {
    return undefined;
  }
  const low = lowWord(from);
  return low === undefined
    ? undefined
    : (x) => `vec4<u32>(${low(x)}, 0u, 0u, 0u)`;
}

function toF32(from: ValueType): Template | WgslHelper | undefined {
  switch (from) {
    case 'u32':
      return 'u32_to_f32';
    case 'i32':
      return 'i32_to_f32';
    case 'bool':
      return (x) => `select(0.0f, 1.0f, ${x})`;
    case 'f16':
      return (x) => `f32(${x})`;
    case 'f32':
      return (x) => x;
    case 'u64':
    case 'i64':
    case 'vec2u32':
    case 'vec4u32':
      return undefined;
    default:
      return assertNever(from, 'toF32');
  }
}

// How to convert a `from` value to `target`: inline, through a helper, or not at all.
function conversion(
  from: ValueType,
  target: DataType,
): Template | WgslHelper | undefined {
  switch (target) {
    case 'u32':
      return from === 'f32' ? 'f32_to_u32' : lowWord(from);
    case 'i32': {
      if (from === 'f32') {
        return 'f32_to_i32';
      }
      if (from === 'bool') {
        return (x) => `select(0i, 1i, ${x})`;
      }
      const low = lowWord(from);
      return low === undefined ? undefined : (x) => `bitcast<i32>(${low(x)})`;
    }
    case 'u8':
    case 'u16': {
      if (from === 'bool') {
        return (x) => `select(0u, 1u, ${x})`;
      }
      const low = lowWord(from);
      const mask = target === 'u8' ? '0xffu' : '0xffffu';
      return low === undefined ? undefined : (x) => `(${low(x)} & ${mask})`;
    }
    case 'i8':
      return signExtend(from, 8);
    case 'i16':
      return signExtend(from, 16);
    case 'bool':
      return from === 'bool' ? (x) => x : nonzero(from);
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return toWide(from);
    case 'vec4u32':
      return toVec4(from);
    case 'f32':
      return toF32(from);
    case 'f16':
      return from === 'f32' ? (x) => `f16(${x})` : undefined;
    default:
      return assertNever(target, 'conversion');
  }
}

/**
 * Emits `cast(target, value)` on an already emitted value.
 *
 * @param ctx - the emission state
 * @param target - the cast target
 * @param value - the emitted operand
 *
 * @internal
 */
export function emitCast(
  ctx: WgslEmitContext,
  target: DataType,
  value: WgslValue,
): WgslValue {
  const type = typeOrThrow(castType(value.type, target), `cast to ${target}`);
  if (type === 'f16' || value.type === 'f16') {
    ctx.usesF16 = true;
  }
  if (value.type === target) {
    return value;
  }
  const how = conversion(value.type, target);
  if (how === undefined) {
    throw new InternalError(
      `emitWgsl has no conversion from ${value.type} to ${target}, which the cast table allows`,
    );
  }
  if (typeof how === 'string') {
    return computed(`${ctx.helper(how)}(${argument(value)})`, type, [value], 1);
  }
  const code = how(ctx.firstOperand([value]));
  // At most four levels: `((bitcast<i32>(bitcast<u32>(x)) << 24u) >> 24u)`.
  return computed(code, type, [value], 4);
}
