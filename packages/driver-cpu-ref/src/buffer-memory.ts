import type { DataType } from '@vyre/ir';

// The memory of one bound buffer, with a typed view per element width over the same bytes. Narrow
// elements are packed little-endian, exactly as in a WGSL array of u32 words. JavaScript typed
// arrays use the platform's byte order; little-endian is checked once at load.

const LITTLE_ENDIAN =
  new Uint8Array(new Uint32Array([0x01020304]).buffer)[0] === 0x04;
if (!LITTLE_ENDIAN) {
  throw new Error(
    '@vyre/driver-cpu-ref needs a little-endian platform: buffer bytes must match WGSL memory.',
  );
}

/** One buffer's bytes and views, and its element count. */
export class BufferMemory {
  readonly element: DataType;
  /** Elements the program may index (loads and stores at or beyond it are out of bounds). */
  readonly length: number;
  readonly bytes: Uint8Array;
  readonly u32: Uint32Array;
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly u16: Uint16Array;
  readonly i16: Int16Array;
  readonly i8: Int8Array;

  /**
   * @param element - the element type
   * @param length - the element count
   * @param bytes - the memory, a multiple of 4 bytes long, at least `length` elements
   */
  constructor(element: DataType, length: number, bytes: Uint8Array) {
    this.element = element;
    this.length = length;
    this.bytes = bytes;
    const { buffer, byteOffset, byteLength } = bytes;
    this.u32 = new Uint32Array(buffer, byteOffset, byteLength >>> 2);
    this.i32 = new Int32Array(buffer, byteOffset, byteLength >>> 2);
    this.f32 = new Float32Array(buffer, byteOffset, byteLength >>> 2);
    this.u16 = new Uint16Array(buffer, byteOffset, byteLength >>> 1);
    this.i16 = new Int16Array(buffer, byteOffset, byteLength >>> 1);
    this.i8 = new Int8Array(buffer, byteOffset, byteLength);
  }
}
