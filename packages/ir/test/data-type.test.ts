import { describe, expect, it } from 'vitest';
import {
  dataTypeByteSize,
  dataTypeFromWireTag,
  DataTypeWireTag,
  type DataType,
} from '../src/index.ts';

// Wire tags and sizes as listed in vyre-spec (see ../shared/reference/vyre-inventory.md §2.1).
const SPEC: ReadonlyArray<readonly [DataType, number, number]> = [
  ['u32', 0x01, 4],
  ['i32', 0x02, 4],
  ['u64', 0x03, 8],
  ['vec2u32', 0x04, 8],
  ['vec4u32', 0x05, 16],
  ['bool', 0x06, 4],
  ['f16', 0x09, 2],
  ['f32', 0x0b, 4],
  ['u8', 0x0e, 1],
  ['u16', 0x0f, 2],
  ['i8', 0x10, 1],
  ['i16', 0x11, 2],
  ['i64', 0x12, 8],
];

describe('DataType', () => {
  it('has exactly the specified types', () => {
    expect(Object.keys(DataTypeWireTag).sort()).toEqual(
      SPEC.map(([name]) => name).sort(),
    );
  });

  it.each(SPEC)(
    '%s has wire tag %i and %i bytes, and decodes from its tag',
    (type, tag, bytes) => {
      expect(DataTypeWireTag[type]).toBe(tag);
      expect(dataTypeByteSize(type)).toBe(bytes);
      expect(dataTypeFromWireTag(tag)).toEqual({ ok: true, value: type });
    },
  );

  it.each([
    ['0 (below the first tag)', 0],
    ['0x07 (Bytes, not supported)', 0x07],
    ['0x13 (one past the last supported tag)', 0x13],
    ['-1', -1],
  ])('rejects tag %s with IR_UNKNOWN_DATA_TYPE', (_name, tag) => {
    const result = dataTypeFromWireTag(tag);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('IR_UNKNOWN_DATA_TYPE');
      expect(result.error.message).toContain(`found ${tag}`);
    }
  });
});
