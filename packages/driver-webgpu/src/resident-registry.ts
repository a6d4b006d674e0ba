import { err, ok, StackError, type Result } from '@vyre/foundation';
import type { ResidentBuffer } from '@vyre/ir';

// Resident buffers are opaque handles: the registry maps each live handle to its GPU buffer and the
// device generation it was allocated in, and refuses freed, foreign, copied and stale handles.

/** A live resident buffer. */
export interface ResidentEntry {
  readonly handle: ResidentBuffer;
  readonly buffer: GPUBuffer;
  readonly generation: number;
}

export class ResidentRegistry {
  readonly #backendId: string;
  readonly #entries = new Map<number, ResidentEntry>();
  /** Handles of buffers on devices that were lost (for a precise error). */
  readonly #stale = new Set<number>();
  #next = 1;

  constructor(backendId: string) {
    this.#backendId = backendId;
  }

  /** Registers `buffer` and returns its handle. */
  add(
    buffer: GPUBuffer,
    byteLength: number,
    generation: number,
  ): ResidentBuffer {
    const handle: ResidentBuffer = Object.freeze({
      backendId: this.#backendId,
      handle: this.#next++,
      byteLength,
    });
    this.#entries.set(handle.handle, { handle, buffer, generation });
    return handle;
  }

  /** The entry of `handle`, if it is live, this backend's own, and from device `generation`. */
  resolve(handle: ResidentBuffer, generation: number): Result<ResidentEntry> {
    const entry = this.#entries.get(handle.handle);
    const found =
      handle.backendId !== this.#backendId
        ? `a handle of backend "${handle.backendId}"`
        : entry === undefined
          ? this.#stale.has(handle.handle)
            ? 'a handle from a device that was lost (allocate it again after recover())'
            : 'a freed or unknown handle'
          : entry.handle !== handle
            ? 'a copy of the handle'
            : entry.generation !== generation
              ? 'a handle from a device that was lost (allocate it again after recover())'
              : undefined;
    if (found !== undefined || entry === undefined) {
      return err(
        new StackError(
          'RESIDENT_HANDLE_INVALID',
          `resident buffer ${handle.backendId}#${handle.handle} cannot be used: expected a live handle this backend allocated on its current device, found ${found ?? 'none'}.`,
        ),
      );
    }
    return ok(entry);
  }

  /** Forgets `handle` and destroys its buffer. */
  remove(entry: ResidentEntry): void {
    this.#entries.delete(entry.handle.handle);
    entry.buffer.destroy();
  }

  /** Bytes of resident buffers on device `generation`. */
  bytes(generation: number): number {
    let total = 0;
    for (const entry of this.#entries.values()) {
      if (entry.generation === generation) {
        total += entry.handle.byteLength;
      }
    }
    return total;
  }

  /** Forgets every buffer not on device `generation` (its device is gone); their handles stay refused. */
  dropOtherGenerations(generation: number): void {
    for (const [number, entry] of this.#entries) {
      if (entry.generation !== generation) {
        this.#entries.delete(number);
        this.#stale.add(number);
        entry.buffer.destroy();
      }
    }
  }

  /** Destroys every buffer and forgets every handle. */
  clear(): void {
    for (const entry of this.#entries.values()) {
      entry.buffer.destroy();
    }
    this.#entries.clear();
  }
}
