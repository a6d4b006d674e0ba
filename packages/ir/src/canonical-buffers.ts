import type { BufferDecl } from './buffer-decl.ts';
import type { CanonicalByteWriter } from './canonical-byte-writer.ts';
import { ACCESS_TAGS, DATA_TYPE_TAGS, tagOf } from './canonical-tags.ts';
import { checkBool, checkLength, checkU32 } from './canonical-value-domain.ts';

// Buffer declarations in the canonical encoding: their bytes and their canonical order.

/**
 * Writes one buffer declaration (docs/program-json.md, "Canonical bytes").
 *
 * @internal
 */
export function writeBuffer(
  out: CanonicalByteWriter,
  buffer: BufferDecl,
): void {
  out.string(buffer.name);
  out.u32(checkU32(buffer.binding, 'a buffer binding'));
  out.u8(tagOf(ACCESS_TAGS, buffer.access, 'buffer access mode'));
  out.u8(tagOf(DATA_TYPE_TAGS, buffer.element, 'data type'));
  out.u32(checkU32(buffer.count, 'a buffer count'));
  out.u8(checkBool(buffer.output, 'a buffer output flag'));
  out.u8(checkBool(buffer.liveOut, 'a buffer liveOut flag'));
  const range = buffer.outputByteRange;
  if (range === undefined) {
    out.u8(0);
  } else {
    out.u8(1);
    out.u64(checkLength(range.start, 'an output byte range start'));
    out.u64(checkLength(range.end, 'an output byte range end'));
  }
}

/**
 * Buffers in canonical order: by name compared as UTF-8 bytes, and buffers with equal names (which
 * the validator rejects) by their canonical bytes. Returns `buffers` itself when already in order.
 * Comparing may write past `out.pos`; nothing before it changes.
 *
 * @internal
 */
export function sortBuffersCanonically(
  out: CanonicalByteWriter,
  buffers: readonly BufferDecl[],
): readonly BufferDecl[] {
  const compare = (a: BufferDecl, b: BufferDecl): number =>
    compareBuffers(out, a, b);
  for (let i = 1; i < buffers.length; i++) {
    const previous = buffers[i - 1];
    const current = buffers[i];
    if (
      previous !== undefined &&
      current !== undefined &&
      compare(previous, current) > 0
    ) {
      return [...buffers].sort(compare);
    }
  }
  return buffers;
}

function compareBuffers(
  out: CanonicalByteWriter,
  a: BufferDecl,
  b: BufferDecl,
): number {
  const byName = compareNames(out, a.name, b.name);
  if (byName !== 0 || a === b) {
    return byName;
  }
  // Equal names: order by the whole encoding, written past the current end and dropped.
  const start = out.pos;
  writeBuffer(out, a);
  const middle = out.pos;
  writeBuffer(out, b);
  const order = out.compare(start, middle, middle, out.pos);
  out.pos = start;
  return order;
}

// Below U+D800, UTF-16 code units and code points agree, so the first differing unit decides; anything
// else compares the encoded bytes. (A shorter string that is a prefix of the other sorts first either way.)
function compareNames(out: CanonicalByteWriter, a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x < 0xd800 && y < 0xd800) {
        return x - y;
      }
      const start = out.pos;
      out.string(a);
      const middle = out.pos;
      out.string(b);
      // Skip the length prefixes: names compare by their bytes alone.
      const order = out.compare(start + 4, middle, middle + 4, out.pos);
      out.pos = start;
      return order;
    }
  }
  return a.length - b.length;
}
