import { BufferUsage } from './webgpu-flags.ts';

// GPU buffers reused across dispatches: power-of-two size classes, split by what the buffer is for,
// with a cap on the bytes kept idle. A dispatch leases the buffers it binds and reads back through, and
// returns them when the device is done with them.

/**
 * What a pooled buffer is for: bound to a shader (and copied to and from), or mapped to read results.
 *
 * @public
 */
export type PoolUsage = 'storage' | 'readback';

/**
 * Counters of the pool of GPU buffers a {@link WebGpuBackend} reuses between dispatches.
 *
 * @public
 */
export interface BufferPoolStats {
  /** GPU buffers created. */
  readonly allocations: number;
  /** Leases served by an idle buffer. */
  readonly hits: number;
  /** Buffers returned to the pool. */
  readonly releases: number;
  /** Returned buffers destroyed because keeping them would pass the retained-bytes cap. */
  readonly evictions: number;
  /** Bytes of idle buffers kept now. */
  readonly retainedBytes: number;
  /** Bytes of buffers leased out now. */
  readonly leasedBytes: number;
}

/** A buffer leased from the pool. */
export interface Lease {
  readonly buffer: GPUBuffer;
  readonly usage: PoolUsage;
  /** The buffer's size: the size class, at least the bytes asked for. */
  readonly size: number;
}

const USAGE_FLAGS: Readonly<Record<PoolUsage, number>> = {
  storage: BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST,
  readback: BufferUsage.MAP_READ | BufferUsage.COPY_DST,
};

const SMALLEST_CLASS = 256;

/** The size class of a request: the next power of two, at least `smallest` bytes (default 256). */
export function sizeClass(
  bytes: number,
  smallest: number = SMALLEST_CLASS,
): number {
  let size = smallest;
  while (size < bytes) {
    size *= 2;
  }
  return size;
}

/** Idle GPU buffers by usage and size class. */
export class BufferPool {
  readonly #device: GPUDevice;
  readonly #maxRetainedBytes: number;
  readonly #idle = new Map<string, GPUBuffer[]>();
  #allocations = 0;
  #hits = 0;
  #releases = 0;
  #evictions = 0;
  #retainedBytes = 0;
  #leasedBytes = 0;

  /**
   * @param device - the device buffers are created on
   * @param maxRetainedBytes - the most bytes of idle buffers kept
   */
  constructor(device: GPUDevice, maxRetainedBytes: number) {
    this.#device = device;
    this.#maxRetainedBytes = maxRetainedBytes;
  }

  /**
   * A buffer of at least `bytes` bytes for `usage`: an idle one of the size class, or a new one. The
   * caller checks `bytes` against the device's `maxBufferSize` and wraps this in an out-of-memory error
   * scope; a new buffer's contents are zero, a reused one's are whatever the last user left.
   */
  acquire(usage: PoolUsage, bytes: number): Lease {
    // Never round past the largest buffer the device allows (a whole number of words).
    const largest = Math.floor(this.#device.limits.maxBufferSize / 4) * 4;
    const size = Math.max(bytes, Math.min(sizeClass(bytes), largest));
    const idle = this.#idle.get(key(usage, size));
    const reused = idle?.pop();
    this.#leasedBytes += size;
    if (reused !== undefined) {
      this.#hits++;
      this.#retainedBytes -= size;
      return { buffer: reused, usage, size };
    }
    this.#allocations++;
    const buffer = this.#device.createBuffer({
      size,
      usage: USAGE_FLAGS[usage],
      label: `vyre ${usage} ${size}`,
    });
    return { buffer, usage, size };
  }

  /** Returns a lease; the device must be done with the buffer (a readback buffer must be unmapped). */
  release(lease: Lease): void {
    this.#releases++;
    this.#leasedBytes -= lease.size;
    if (this.#retainedBytes + lease.size > this.#maxRetainedBytes) {
      this.#evictions++;
      lease.buffer.destroy();
      return;
    }
    const k = key(lease.usage, lease.size);
    const idle = this.#idle.get(k) ?? [];
    idle.push(lease.buffer);
    this.#idle.set(k, idle);
    this.#retainedBytes += lease.size;
  }

  /** Forgets a lease whose buffer is unusable (its device was lost), without keeping it. */
  discard(lease: Lease): void {
    this.#leasedBytes -= lease.size;
    lease.buffer.destroy();
  }

  stats(): BufferPoolStats {
    return {
      allocations: this.#allocations,
      hits: this.#hits,
      releases: this.#releases,
      evictions: this.#evictions,
      retainedBytes: this.#retainedBytes,
      leasedBytes: this.#leasedBytes,
    };
  }

  /** Destroys every idle buffer. */
  clear(): void {
    for (const buffers of this.#idle.values()) {
      for (const buffer of buffers) {
        buffer.destroy();
      }
    }
    this.#idle.clear();
    this.#retainedBytes = 0;
  }
}

function key(usage: PoolUsage, size: number): string {
  return `${usage}:${size}`;
}
