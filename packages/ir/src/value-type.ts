import type { DataType } from './data-type.ts';

/**
 * The type of a value an expression produces.
 *
 * @remarks
 * Buffers may hold narrower elements (`u8`, `u16`, `i8`, `i16`), but values are never narrower than 32
 * bits: loading a `u8`/`u16` element gives a `u32` (zero-extended), an `i8`/`i16` element an `i32`
 * (sign-extended), and a `bool` element (one u32 word) a `bool` (nonzero is true). `u64`, `i64`,
 * `vec2u32` and `vec4u32` support casts and bitwise operations only.
 *
 * @public
 */
export type ValueType =
  | 'u32'
  | 'i32'
  | 'f32'
  | 'bool'
  | 'u64'
  | 'i64'
  | 'vec2u32'
  | 'vec4u32'
  | 'f16';

/**
 * The type of the value a load of a `type` element produces (and a store of one expects).
 *
 * @param type - a buffer element type
 *
 * @public
 */
export function valueTypeOfElement(type: DataType): ValueType {
  switch (type) {
    case 'u8':
    case 'u16':
    case 'u32':
      return 'u32';
    case 'i8':
    case 'i16':
    case 'i32':
      return 'i32';
    case 'f32':
    case 'bool':
    case 'u64':
    case 'i64':
    case 'vec2u32':
    case 'vec4u32':
    case 'f16':
      return type;
  }
}
