import { assertNever } from '@vyre/foundation';
import { dataTypeByteSize, type DataType } from './data-type.ts';

// The size of a workgroup buffer as the WGSL emitter declares it (docs/semantics.md, "Bindings and
// names"): `var<workgroup> b_<name>: array<T, n>`, where 8- and 16-bit elements are packed into u32
// words and every other element is one array element of its WGSL type (bool a u32 word, f16 an f16,
// 64-bit values and vec2u32 a vec2<u32>, vec4u32 a vec4<u32>). The validator checks these sizes
// against Tint's array-count limit (V109) and the target's workgroup storage limit (V139).

/**
 * The most elements a WGSL array of workgroup memory may have: Tint rejects a larger count with
 * "array count must be less than 65536".
 *
 * @internal
 */
export const MAX_WORKGROUP_ARRAY_LENGTH = 65_535;

/**
 * The element count of the WGSL array that holds a workgroup buffer of `count` elements of `element`:
 * `ceil(count * size / 4)` u32 words for 8- and 16-bit elements, `count` otherwise.
 *
 * @param element - the buffer's element type
 * @param count - its element count, a positive integer
 *
 * @internal
 */
export function workgroupArrayLength(element: DataType, count: number): number {
  switch (element) {
    case 'u8':
    case 'i8':
    case 'u16':
    case 'i16':
      return Math.ceil((count * dataTypeByteSize(element)) / 4);
    case 'u32':
    case 'i32':
    case 'f32':
    case 'f16':
    case 'bool':
    case 'u64':
    case 'i64':
    case 'vec2u32':
    case 'vec4u32':
      return count;
    default:
      return assertNever(element, 'workgroupArrayLength');
  }
}

/**
 * The bytes of workgroup memory a workgroup buffer of `count` elements of `element` takes, rounded up
 * to whole 4-byte words: 8- and 16-bit elements packed, f16 2 bytes each, bool and 32-bit elements 4,
 * u64, i64 and vec2u32 8, vec4u32 16.
 *
 * @param element - the buffer's element type
 * @param count - its element count, a positive integer
 *
 * @internal
 */
export function workgroupByteSize(element: DataType, count: number): number {
  return Math.ceil((count * dataTypeByteSize(element)) / 4) * 4;
}
