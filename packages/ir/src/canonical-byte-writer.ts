// The output buffer of the canonical encoder: one growable byte array with little-endian integer and
// string writers. One instance lives for the whole module graph, so fingerprinting allocates no
// per-call buffer.

const INITIAL_CAPACITY = 4096;
// A buffer grown past this is dropped after use rather than kept alive by the module.
const RETAINED_CAPACITY = 1 << 20;

/**
 * A growable byte buffer with the primitive writers of the canonical encoding.
 *
 * @internal
 */
export class CanonicalByteWriter {
  /** The bytes; valid up to `pos`. Replaced (not resized) when it grows. */
  bytes: Uint8Array = new Uint8Array(INITIAL_CAPACITY);
  /** The number of bytes written. */
  pos: number = 0;
  private scratch = new Uint8Array(256);
  private readonly f32 = new Float32Array(1);
  private readonly f32Bits = new Uint32Array(this.f32.buffer);

  /** Makes room for `extra` more bytes. */
  ensure(extra: number): void {
    const needed = this.pos + extra;
    if (needed <= this.bytes.length) {
      return;
    }
    let capacity = this.bytes.length * 2;
    while (capacity < needed) {
      capacity *= 2;
    }
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
  }

  u8(value: number): void {
    this.ensure(1);
    this.bytes[this.pos++] = value;
  }

  /** A u32, little-endian. */
  u32(value: number): void {
    this.ensure(4);
    const bytes = this.bytes;
    const at = this.pos;
    bytes[at] = value;
    bytes[at + 1] = value >>> 8;
    bytes[at + 2] = value >>> 16;
    bytes[at + 3] = value >>> 24;
    this.pos = at + 4;
  }

  /** A non-negative safe integer as a u64, little-endian. */
  u64(value: number): void {
    this.u32(value >>> 0);
    this.u32(Math.floor(value / 0x1_0000_0000));
  }

  /** The IEEE-754 binary32 bit pattern of `value` as a u32 (so -0 and 0 differ). */
  f32Bits32(value: number): void {
    this.f32[0] = value;
    this.u32(this.f32Bits[0] ?? 0);
  }

  /**
   * A u32 byte length, then UTF-8. A lone surrogate (which well-formed text never holds) is written
   * as its own three-byte sequence (generalized UTF-8, "WTF-8") instead of U+FFFD, so distinct
   * strings never share an encoding.
   */
  string(text: string): void {
    const units = text.length;
    this.ensure(4 + 3 * units);
    const bytes = this.bytes;
    const lengthAt = this.pos;
    let at = lengthAt + 4;
    for (let i = 0; i < units; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        bytes[at++] = c;
      } else if (c < 0x800) {
        bytes[at++] = 0xc0 | (c >>> 6);
        bytes[at++] = 0x80 | (c & 0x3f);
      } else {
        const next = i + 1 < units ? text.charCodeAt(i + 1) : 0;
        if (c >= 0xd800 && c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          bytes[at++] = 0xf0 | (c >>> 18);
          bytes[at++] = 0x80 | ((c >>> 12) & 0x3f);
        } else {
          bytes[at++] = 0xe0 | (c >>> 12);
        }
        bytes[at++] = 0x80 | ((c >>> 6) & 0x3f);
        bytes[at++] = 0x80 | (c & 0x3f);
      }
    }
    const length = at - lengthAt - 4;
    bytes[lengthAt] = length;
    bytes[lengthAt + 1] = length >>> 8;
    bytes[lengthAt + 2] = length >>> 16;
    bytes[lengthAt + 3] = length >>> 24;
    this.pos = at;
  }

  /** Compares the written ranges `[aStart, aEnd)` and `[bStart, bEnd)` lexicographically. */
  compare(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
    const bytes = this.bytes;
    const length = Math.min(aEnd - aStart, bEnd - bStart);
    for (let i = 0; i < length; i++) {
      const difference = (bytes[aStart + i] ?? 0) - (bytes[bStart + i] ?? 0);
      if (difference !== 0) {
        return difference;
      }
    }
    return aEnd - aStart - (bEnd - bStart);
  }

  /** Swaps the adjacent written ranges `[start, middle)` and `[middle, end)`. */
  swapAdjacent(start: number, middle: number, end: number): void {
    const firstLength = middle - start;
    if (this.scratch.length < firstLength) {
      this.scratch = new Uint8Array(
        Math.max(firstLength, this.scratch.length * 2),
      );
    }
    const bytes = this.bytes;
    this.scratch.set(bytes.subarray(start, middle));
    bytes.copyWithin(start, middle, end);
    bytes.set(this.scratch.subarray(0, firstLength), end - firstLength);
  }

  /** Empties the buffer, dropping it if it grew large (views taken before stay valid). */
  reset(): void {
    this.pos = 0;
    if (this.bytes.length > RETAINED_CAPACITY) {
      this.bytes = new Uint8Array(INITIAL_CAPACITY);
    }
  }
}
