import { assertNever } from '@vyre/foundation';
import type { ValueType } from './value-type.ts';

// How each value type is spelled in WGSL, and its zero (what an out-of-bounds load yields).

/**
 * The WGSL type that holds a value of `type` (64-bit values are `vec2<u32>` as (low, high)).
 *
 * @param type - a value type
 *
 * @internal
 */
export function wgslValueType(type: ValueType): string {
  switch (type) {
    case 'u32':
    case 'i32':
    case 'f32':
    case 'bool':
    case 'f16':
      return type;
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return 'vec2<u32>';
    case 'vec4u32':
      return 'vec4<u32>';
    default:
      return assertNever(type, 'wgslValueType');
  }
}

/**
 * The WGSL spelling of the zero of `type`.
 *
 * @param type - a value type
 *
 * @internal
 */
export function wgslZero(type: ValueType): string {
  switch (type) {
    case 'u32':
      return '0u';
    case 'i32':
      return '0i';
    case 'f32':
      return '0.0f';
    case 'f16':
      return '0.0h';
    case 'bool':
      return 'false';
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return 'vec2<u32>()';
    case 'vec4u32':
      return 'vec4<u32>()';
    default:
      return assertNever(type, 'wgslZero');
  }
}
