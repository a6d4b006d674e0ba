// Reading results back: every range is copied into one mappable buffer, so that a dispatch or a
// sequence maps once. WebGPU copies whole 4-byte words at 4-byte offsets, so each range is widened to
// words and trimmed again on the host.

/** A byte range of a GPU buffer to read. */
export interface ReadRange {
  readonly buffer: GPUBuffer;
  readonly byteOffset: number;
  readonly byteLength: number;
  /** Caller-owned storage of exactly `byteLength` bytes to copy the range into (checked by the caller). */
  readonly into?: Uint8Array;
}

/** Where each range lands in the readback buffer. */
export interface ReadbackPlan {
  /** Bytes of the readback buffer used (a multiple of 8). */
  readonly totalBytes: number;
  readonly copies: readonly {
    readonly source: GPUBuffer;
    readonly sourceOffset: number;
    readonly destinationOffset: number;
    readonly size: number;
  }[];
  /** For each range, where its bytes start in the readback buffer. */
  readonly starts: readonly number[];
  readonly lengths: readonly number[];
  /** For each range, the caller's storage for it, if any. */
  readonly targets: readonly (Uint8Array | undefined)[];
  /** Where 16 bytes of extra data (timestamps) go, 8-aligned, after the ranges. */
  readonly extraOffset: number;
}

const floor4 = (n: number): number => n - (n % 4);
const ceil4 = (n: number): number => Math.ceil(n / 4) * 4;

/** Lays out `ranges` (and, when `extraBytes` > 0, room for that many more) in one readback buffer. */
export function planReadback(
  ranges: readonly ReadRange[],
  extraBytes: number,
): ReadbackPlan {
  let offset = 0;
  const copies: ReadbackPlan['copies'][number][] = [];
  const starts: number[] = [];
  for (const range of ranges) {
    const sourceOffset = floor4(range.byteOffset);
    const end = ceil4(range.byteOffset + range.byteLength);
    starts.push(offset + (range.byteOffset - sourceOffset));
    if (end > sourceOffset) {
      copies.push({
        source: range.buffer,
        sourceOffset,
        destinationOffset: offset,
        size: end - sourceOffset,
      });
    }
    offset += end - sourceOffset;
  }
  const extraOffset = Math.ceil(offset / 8) * 8;
  const totalBytes = Math.max(8, Math.ceil((extraOffset + extraBytes) / 8) * 8);
  return {
    totalBytes,
    copies,
    starts,
    lengths: ranges.map((range) => range.byteLength),
    targets: ranges.map((range) => range.into),
    extraOffset,
  };
}

/** Records the copies of `plan` into `destination`. */
export function encodeReadback(
  encoder: GPUCommandEncoder,
  plan: ReadbackPlan,
  destination: GPUBuffer,
): void {
  for (const copy of plan.copies) {
    encoder.copyBufferToBuffer(
      copy.source,
      copy.sourceOffset,
      destination,
      copy.destinationOffset,
      copy.size,
    );
  }
}

/**
 * Copies each range out of the mapped readback bytes (the copies outlive the unmap): into the range's
 * own storage where it has some (no allocation, and no page faults on fresh memory), else a new array.
 */
export function sliceReadback(
  mapped: ArrayBuffer,
  plan: ReadbackPlan,
): Uint8Array[] {
  const bytes = new Uint8Array(mapped);
  return plan.starts.map((start, i) => {
    const end = start + (plan.lengths[i] ?? 0);
    const into = plan.targets[i];
    if (into === undefined) {
      return bytes.slice(start, end);
    }
    into.set(bytes.subarray(start, end));
    return into;
  });
}
