import { f16BitsToF32, f32ToF16Bits } from '@vyre/driver-cpu-ref';
import { err, ok, StackError, type Result } from '@vyre/foundation';
import { storageElementSize, type DataType } from '@vyre/ir';

// Buffer contents as JSON, typed by the buffer's element type, in both directions:
//   u32 i32 u8 i8 u16 i16   integers in the type's range
//   f32 f16                 numbers, or "NaN", "Infinity", "-Infinity" (JSON has no such numbers)
//   bool                    true / false
//   u64 i64                 decimal strings (or safe integers): 64-bit values do not fit a JSON number
//   vec2u32 vec4u32         arrays of 2 or 4 u32 lanes
// Bytes are little-endian, narrow elements packed, the buffer padded to whole 4-byte words, exactly
// as vyre stores them (docs/semantics.md).

/** A buffer element as JSON. */
export type JsonElement = number | string | boolean | readonly number[];

type IntegerElement = 'u32' | 'i32' | 'u16' | 'i16' | 'u8' | 'i8';

const INTEGER_RANGES: Readonly<
  Record<IntegerElement, readonly [number, number]>
> = {
  u32: [0, 0xffff_ffff],
  i32: [-0x8000_0000, 0x7fff_ffff],
  u16: [0, 0xffff],
  i16: [-0x8000, 0x7fff],
  u8: [0, 0xff],
  i8: [-0x80, 0x7f],
};

const SPECIAL_FLOATS: Readonly<Record<string, number>> = {
  NaN: NaN,
  Infinity: Infinity,
  '-Infinity': -Infinity,
};

/** The bytes of `values` in a buffer of `element`s, or a CLI_USAGE error naming the bad element. */
export function encodeValues(
  element: DataType,
  values: readonly unknown[],
  what: string,
): Result<Uint8Array> {
  const size = storageElementSize(element);
  const bytes = new Uint8Array(Math.ceil((values.length * size) / 4) * 4);
  const view = new DataView(bytes.buffer);
  for (const [i, value] of values.entries()) {
    const written = writeElement(view, element, i * size, value);
    if (written !== undefined) {
      return err(
        new StackError(
          'CLI_USAGE',
          `${what}[${i}] does not fit ${element}: expected ${written}, found ${JSON.stringify(value) ?? String(value)}.`,
        ),
      );
    }
  }
  return ok(bytes);
}

// Writes one element; returns what was expected when `value` does not fit.
function writeElement(
  view: DataView,
  element: DataType,
  at: number,
  value: unknown,
): string | undefined {
  switch (element) {
    case 'u32':
    case 'i32':
    case 'u16':
    case 'i16':
    case 'u8':
    case 'i8':
      return writeInteger(view, element, at, value);
    case 'f32':
    case 'f16': {
      const number = typeof value === 'string' ? SPECIAL_FLOATS[value] : value;
      if (typeof number !== 'number') {
        return 'a number, "NaN", "Infinity" or "-Infinity"';
      }
      if (element === 'f32') {
        view.setFloat32(at, number, true);
      } else {
        view.setUint16(at, f32ToF16Bits(Math.fround(number)), true);
      }
      return undefined;
    }
    case 'bool':
      if (typeof value !== 'boolean') {
        return 'true or false';
      }
      view.setUint32(at, value ? 1 : 0, true);
      return undefined;
    case 'u64':
    case 'i64': {
      const parsed = parseBigInt(value);
      const fits =
        parsed !== undefined &&
        (element === 'u64'
          ? BigInt.asUintN(64, parsed) === parsed
          : BigInt.asIntN(64, parsed) === parsed);
      if (parsed === undefined || !fits) {
        return `a decimal string (or safe integer) in the ${element} range`;
      }
      view.setBigUint64(at, BigInt.asUintN(64, parsed), true);
      return undefined;
    }
    case 'vec2u32':
    case 'vec4u32': {
      const lanes = element === 'vec2u32' ? 2 : 4;
      if (
        !Array.isArray(value) ||
        value.length !== lanes ||
        !value.every(
          (lane) =>
            typeof lane === 'number' &&
            Number.isInteger(lane) &&
            lane >= 0 &&
            lane <= 0xffff_ffff,
        )
      ) {
        return `an array of ${lanes} integers in 0..4294967295`;
      }
      (value as number[]).forEach((lane, k) => {
        view.setUint32(at + 4 * k, lane, true);
      });
      return undefined;
    }
  }
}

function writeInteger(
  view: DataView,
  element: IntegerElement,
  at: number,
  value: unknown,
): string | undefined {
  const [min, max] = INTEGER_RANGES[element];
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    return `an integer in ${min}..${max}`;
  }
  if (element === 'u32' || element === 'i32') {
    view.setUint32(at, value >>> 0, true);
  } else if (element === 'u16' || element === 'i16') {
    view.setUint16(at, value & 0xffff, true);
  } else {
    view.setUint8(at, value & 0xff);
  }
  return undefined;
}

function parseBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return BigInt(value);
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    return BigInt(value);
  }
  return undefined;
}

/** The elements of a buffer of `element`s as JSON; trailing padding bytes are ignored. */
export function decodeValues(
  element: DataType,
  bytes: Uint8Array,
): JsonElement[] {
  const size = storageElementSize(element);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.floor(bytes.byteLength / size);
  return Array.from({ length: count }, (_, i) =>
    readElement(view, element, i * size),
  );
}

function readElement(
  view: DataView,
  element: DataType,
  at: number,
): JsonElement {
  switch (element) {
    case 'u32':
      return view.getUint32(at, true);
    case 'i32':
      return view.getInt32(at, true);
    case 'u16':
      return view.getUint16(at, true);
    case 'i16':
      return view.getInt16(at, true);
    case 'u8':
      return view.getUint8(at);
    case 'i8':
      return view.getInt8(at);
    case 'f32':
      return floatJson(view.getFloat32(at, true));
    case 'f16':
      return floatJson(f16BitsToF32(view.getUint16(at, true)));
    case 'bool':
      return view.getUint32(at, true) !== 0;
    case 'u64':
      return view.getBigUint64(at, true).toString();
    case 'i64':
      return view.getBigInt64(at, true).toString();
    case 'vec2u32':
      return [view.getUint32(at, true), view.getUint32(at + 4, true)];
    case 'vec4u32':
      return [0, 1, 2, 3].map((k) => view.getUint32(at + 4 * k, true));
  }
}

// JSON keeps -0 as 0; the bytes (`--out`) are exact.
function floatJson(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}
