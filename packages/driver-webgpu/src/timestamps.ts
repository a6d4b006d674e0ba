import { BufferUsage } from './webgpu-flags.ts';

// Device time from timestamp queries: the start and end of the compute pass, resolved into a buffer
// and copied into the readback buffer with the results. Real resolution needs Dawn's
// `timestamp_quantization` feature disabled (the backend's default flags do that in Node).

/** A query set of two timestamps and the buffer they are resolved into. */
export class PassTimestamps {
  readonly querySet: GPUQuerySet;
  readonly #resolve: GPUBuffer;

  constructor(device: GPUDevice) {
    this.querySet = device.createQuerySet({
      type: 'timestamp',
      count: 2,
      label: 'vyre timing',
    });
    this.#resolve = device.createBuffer({
      size: 256,
      usage: BufferUsage.QUERY_RESOLVE | BufferUsage.COPY_SRC,
      label: 'vyre timing resolve',
    });
  }

  /** What `beginComputePass` needs to write both timestamps. */
  passWrites(): GPUComputePassTimestampWrites {
    return {
      querySet: this.querySet,
      beginningOfPassWriteIndex: 0,
      endOfPassWriteIndex: 1,
    };
  }

  /** Records the resolve and a 16-byte copy to `destination` at `offset` (a multiple of 8). */
  encodeResolve(
    encoder: GPUCommandEncoder,
    destination: GPUBuffer,
    offset: number,
  ): void {
    encoder.resolveQuerySet(this.querySet, 0, 2, this.#resolve, 0);
    encoder.copyBufferToBuffer(this.#resolve, 0, destination, offset, 16);
  }

  destroy(): void {
    this.querySet.destroy();
    this.#resolve.destroy();
  }
}

/** The nanoseconds between the two timestamps at `offset` of mapped readback bytes, if both are set. */
export function readPassNanoseconds(
  mapped: ArrayBuffer,
  offset: number,
): number | undefined {
  const view = new DataView(mapped, offset, 16);
  const begin = view.getBigUint64(0, true);
  const end = view.getBigUint64(8, true);
  return end >= begin && begin !== 0n ? Number(end - begin) : undefined;
}
