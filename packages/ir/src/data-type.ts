import { err, ok, StackError, type Result } from '@vyre/foundation';

/**
 * The wire tag of every scalar and vector element type the IR supports, as in vyre's `vyre-spec`.
 *
 * @remarks
 * Tags are part of the fingerprint and never change. `u64` and `i64` exist for bitwise operations and
 * casts only; `f16` requires the backend's shader-f16 capability. Bool is stored as one u32 word
 * (0 or 1), never bit-packed.
 *
 * @public
 */
export const DataTypeWireTag = {
  u32: 0x01,
  i32: 0x02,
  u64: 0x03,
  vec2u32: 0x04,
  vec4u32: 0x05,
  bool: 0x06,
  f16: 0x09,
  f32: 0x0b,
  u8: 0x0e,
  u16: 0x0f,
  i8: 0x10,
  i16: 0x11,
  i64: 0x12,
} as const;

/**
 * An element type of a buffer or a value: a key of {@link DataTypeWireTag}.
 *
 * @public
 */
export type DataType = keyof typeof DataTypeWireTag;

const BYTE_SIZE: Readonly<Record<DataType, number>> = {
  u32: 4,
  i32: 4,
  u64: 8,
  vec2u32: 8,
  vec4u32: 16,
  bool: 4,
  f16: 2,
  f32: 4,
  u8: 1,
  u16: 2,
  i8: 1,
  i16: 2,
  i64: 8,
};

const BY_TAG: ReadonlyMap<number, DataType> = new Map(
  Object.entries(DataTypeWireTag).map(([name, tag]) => [tag, name as DataType]),
);

/**
 * The size of one element of `type` in bytes (vyre's `size_bytes`); bool is one 4-byte word.
 *
 * @param type - an element type
 *
 * @public
 */
export function dataTypeByteSize(type: DataType): number {
  return BYTE_SIZE[type];
}

/**
 * The data type with wire tag `tag`, or `IR_UNKNOWN_DATA_TYPE`.
 *
 * @param tag - a data type wire tag
 *
 * @example
 * ```ts
 * import { dataTypeFromWireTag } from '@vyre/ir';
 * dataTypeFromWireTag(0x0b); // ok('f32')
 * ```
 *
 * @public
 */
export function dataTypeFromWireTag(tag: number): Result<DataType> {
  const type = BY_TAG.get(tag);
  if (type !== undefined) {
    return ok(type);
  }
  const known = [...BY_TAG.keys()]
    .map((t) => `0x${t.toString(16).padStart(2, '0')}`)
    .join(', ');
  return err(
    new StackError(
      'IR_UNKNOWN_DATA_TYPE',
      `unknown data type wire tag: expected one of ${known}, found ${String(tag)}.`,
    ),
  );
}
