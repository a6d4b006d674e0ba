import { sizeClass } from './buffer-pool.ts';
import { BufferUsage, MAP_MODE_WRITE } from './webgpu-flags.ts';

// Uploads of more than a few pages go through staging buffers that stay write-mapped between uses:
// the bytes are copied straight into mapped memory and a buffer-to-buffer copy, recorded in the same
// command buffer as the work that needs them, moves them to the destination. After the submission the
// staging buffer is mapped again in the background and comes back to the pool when the device is done
// with it. `queue.writeBuffer` makes Dawn find staging memory per call instead, which is the slow part
// of large uploads (bench/src/webgpu-upload.ts measures the two side by side). Small uploads keep
// `writeBuffer`.
//
// An upload on its own (`upload`) is not submitted at once: its copy waits in a pending command
// encoder that the next submission starts with (`takeEncoder`), since a submission costs more than
// the copy. Queue order is kept: a small `writeBuffer` to a buffer with a copy pending, and the
// destruction of such a buffer, submit the pending copies first.

/** Uploads smaller than this many bytes use `queue.writeBuffer`. */
const STAGING_MIN_BYTES: number = 64 * 1024;

/**
 * Counters of the write-mapped staging buffers a `WebGpuBackend` uploads through.
 *
 * @public
 */
export interface StagingStats {
  /** Staging buffers created. */
  readonly allocations: number;
  /** Uploads served by a mapped staging buffer already in the pool. */
  readonly hits: number;
  /** Uploads that went through `queue.writeBuffer` (small ones). */
  readonly direct: number;
  /** Bytes of mapped staging buffers waiting in the pool. */
  readonly retainedBytes: number;
}

export class StagingUploader {
  readonly #device: GPUDevice;
  readonly #maxRetainedBytes: number;
  /** Mapped staging buffers by size class. */
  readonly #ready = new Map<number, GPUBuffer[]>();
  /** Staging buffers recorded into a command buffer that is not yet submitted. */
  #recorded: { readonly buffer: GPUBuffer; readonly size: number }[] = [];
  /** Copies of `upload` waiting for the next submission, and the buffers they write. */
  #pending: GPUCommandEncoder | undefined;
  readonly #pendingTargets = new Set<GPUBuffer>();
  #retainedBytes = 0;
  #allocations = 0;
  #hits = 0;
  #direct = 0;
  #closed = false;

  /**
   * @param device - the device
   * @param maxRetainedBytes - the most bytes of mapped staging buffers kept for reuse
   */
  constructor(device: GPUDevice, maxRetainedBytes: number) {
    this.#device = device;
    this.#maxRetainedBytes = maxRetainedBytes;
  }

  /**
   * Writes `data` (a multiple of 4 bytes) into `target` at `targetOffset`: small data through
   * `queue.writeBuffer`, larger data through a mapped staging buffer and a copy recorded into
   * `encoder`. Call {@link StagingUploader.submitted} right after submitting `encoder`'s command buffer
   * (with no await in between), or {@link StagingUploader.abandon} if it is never submitted.
   */
  write(
    encoder: GPUCommandEncoder,
    target: GPUBuffer,
    targetOffset: number,
    data: Uint8Array,
  ): void {
    const bytes = data.byteLength;
    if (bytes < STAGING_MIN_BYTES) {
      this.#direct++;
      this.#device.queue.writeBuffer(target, targetOffset, data);
      return;
    }
    const size = sizeClass(bytes, STAGING_MIN_BYTES);
    let buffer = this.#ready.get(size)?.pop();
    if (buffer === undefined) {
      this.#allocations++;
      buffer = this.#device.createBuffer({
        size,
        usage: BufferUsage.MAP_WRITE | BufferUsage.COPY_SRC,
        mappedAtCreation: true,
        label: `vyre staging ${size}`,
      });
    } else {
      this.#hits++;
      this.#retainedBytes -= size;
    }
    new Uint8Array(buffer.getMappedRange(0, bytes)).set(data);
    buffer.unmap();
    encoder.copyBufferToBuffer(buffer, 0, target, targetOffset, bytes);
    this.#recorded.push({ buffer, size });
  }

  /**
   * Writes `data` into `target` at `targetOffset`, in queue order with every other upload and
   * submission: small data at once, larger data as a copy at the start of the next submission.
   */
  upload(target: GPUBuffer, targetOffset: number, data: Uint8Array): void {
    if (data.byteLength < STAGING_MIN_BYTES) {
      this.flushFor(target);
      this.#direct++;
      this.#device.queue.writeBuffer(target, targetOffset, data);
      return;
    }
    this.#pending ??= this.#device.createCommandEncoder({
      label: 'vyre uploads',
    });
    this.write(this.#pending, target, targetOffset, data);
    this.#pendingTargets.add(target);
  }

  /**
   * The encoder of the next submission: the one holding pending upload copies, or a new one. Submit it
   * and call {@link StagingUploader.submitted} with no await in between.
   */
  takeEncoder(label: string): GPUCommandEncoder {
    const pending = this.#pending;
    this.#pending = undefined;
    this.#pendingTargets.clear();
    return pending ?? this.#device.createCommandEncoder({ label });
  }

  /** Submits the pending upload copies now if one of them writes `target` (before it is written otherwise or destroyed). */
  flushFor(target: GPUBuffer): void {
    if (this.#pendingTargets.has(target)) {
      this.#device.queue.submit([this.takeEncoder('vyre uploads').finish()]);
      this.submitted();
    }
  }

  /** The recorded copies were submitted: map their staging buffers again for reuse. */
  submitted(): void {
    const recorded = this.#recorded;
    this.#recorded = [];
    for (const { buffer, size } of recorded) {
      buffer.mapAsync(MAP_MODE_WRITE).then(
        () => this.#keep(buffer, size),
        () => buffer.destroy(),
      );
    }
  }

  /** The recorded and pending copies will never be submitted: drop their staging buffers. */
  abandon(): void {
    for (const { buffer } of this.#recorded) {
      buffer.destroy();
    }
    this.#recorded = [];
    this.#pending = undefined;
    this.#pendingTargets.clear();
  }

  stats(): StagingStats {
    return {
      allocations: this.#allocations,
      hits: this.#hits,
      direct: this.#direct,
      retainedBytes: this.#retainedBytes,
    };
  }

  /** Destroys every staging buffer; ones still being mapped are destroyed when the mapping settles. */
  clear(): void {
    this.#closed = true;
    this.abandon();
    for (const buffers of this.#ready.values()) {
      for (const buffer of buffers) {
        buffer.destroy();
      }
    }
    this.#ready.clear();
    this.#retainedBytes = 0;
  }

  #keep(buffer: GPUBuffer, size: number): void {
    if (this.#closed || this.#retainedBytes + size > this.#maxRetainedBytes) {
      buffer.destroy();
      return;
    }
    const ready = this.#ready.get(size) ?? [];
    ready.push(buffer);
    this.#ready.set(size, ready);
    this.#retainedBytes += size;
  }
}
