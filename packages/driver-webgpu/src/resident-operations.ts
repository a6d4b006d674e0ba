import { err, ok, StackError, type Result } from '@vyre/foundation';
import {
  checkReadTargets,
  prepareResidentDispatch,
  type DispatchConfig,
  type ResidentBuffer,
  type ResidentDispatchStep,
  type ResidentRange,
  type SequenceResult,
} from '@vyre/ir';
import { compilePipeline } from './compile-pipeline.ts';
import type { DeviceContext } from './device-context.ts';
import { encodeDispatches, type BoundDispatch } from './encode-dispatch.ts';
import { openErrorScopes } from './error-scopes.ts';
import type { ReadRange } from './readback.ts';
import type { ResidentEntry, ResidentRegistry } from './resident-registry.ts';
import { deviceLostError, submitAndRead } from './submission.ts';
import { BufferUsage } from './webgpu-flags.ts';

// Resident buffers on the device: allocation, upload at an offset, download of a range, free, and
// dispatches on them, any number recorded into one command buffer and one submission.

const RESIDENT_USAGE =
  BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;

export class ResidentOperations {
  readonly #registry: ResidentRegistry;
  readonly #live: () => Result<DeviceContext>;

  constructor(registry: ResidentRegistry, live: () => Result<DeviceContext>) {
    this.#registry = registry;
    this.#live = live;
  }

  async allocate(byteLength: number): Promise<Result<ResidentBuffer>> {
    const ctx = this.#live();
    if (!ctx.ok) {
      return ctx;
    }
    const { device, generation } = ctx.value;
    if (
      !Number.isSafeInteger(byteLength) ||
      byteLength <= 0 ||
      byteLength % 4 !== 0
    ) {
      return err(
        new StackError(
          'RESIDENT_RANGE_INVALID',
          `a resident buffer's size must be a positive multiple of 4: expected 4, 8, 12, ..., found ${String(byteLength)}.`,
        ),
      );
    }
    const largest = Math.floor(device.limits.maxBufferSize / 4) * 4;
    if (byteLength > largest) {
      return err(
        new StackError(
          'BACKEND_OUT_OF_MEMORY',
          `a resident buffer of ${byteLength} bytes is larger than the device allows: expected at most maxBufferSize (${largest} bytes), found ${byteLength}.`,
        ),
      );
    }
    const close = openErrorScopes(device, 'allocating a resident buffer');
    const buffer = device.createBuffer({
      size: byteLength,
      usage: RESIDENT_USAGE,
      label: 'vyre resident',
    });
    const failed = await close();
    if (failed !== undefined) {
      buffer.destroy();
      return err(failed);
    }
    return ok(this.#registry.add(buffer, byteLength, generation));
  }

  async upload(
    handle: ResidentBuffer,
    data: Uint8Array,
    byteOffset: number,
  ): Promise<Result<void>> {
    await Promise.resolve();
    const ctx = this.#live();
    if (!ctx.ok) {
      return ctx;
    }
    const entry = this.#range(ctx.value, handle, byteOffset, data.byteLength);
    if (!entry.ok) {
      return entry;
    }
    if (data.byteLength > 0) {
      ctx.value.staging.upload(entry.value.buffer, byteOffset, data);
    }
    return ok(undefined);
  }

  async download(
    handle: ResidentBuffer,
    range?: { readonly byteOffset: number; readonly byteLength: number },
  ): Promise<Result<Uint8Array>> {
    const result = await this.sequence(
      [],
      [
        {
          buffer: handle,
          byteOffset: range?.byteOffset ?? 0,
          byteLength:
            range?.byteLength ?? handle.byteLength - (range?.byteOffset ?? 0),
        },
      ],
      'downloading a resident buffer',
      {},
    );
    return result.ok ? ok(result.value.reads[0] ?? new Uint8Array(0)) : result;
  }

  free(handle: ResidentBuffer): Result<void> {
    const ctx = this.#live();
    if (!ctx.ok) {
      return ctx;
    }
    const entry = this.#registry.resolve(handle, ctx.value.generation);
    if (!entry.ok) {
      return entry;
    }
    // A copy into the buffer may wait for the next submission: submit it before the buffer goes.
    ctx.value.staging.flushFor(entry.value.buffer);
    this.#registry.remove(entry.value);
    return ok(undefined);
  }

  /**
   * Runs `steps` in order as one compute pass, then reads `reads`, all in one submission. Every step is
   * checked and compiled before anything is recorded, so a bad step runs nothing.
   */
  async sequence(
    steps: readonly ResidentDispatchStep[],
    reads: readonly ResidentRange[],
    label: string,
    config: DispatchConfig,
  ): Promise<Result<SequenceResult>> {
    const started = performance.now();
    const live = this.#live();
    if (!live.ok) {
      return live;
    }
    const ctx = live.value;
    const targets = checkReadTargets(reads);
    if (targets !== undefined) {
      return targets;
    }
    const bound: BoundDispatch[] = [];
    for (const [position, step] of steps.entries()) {
      const entries: ResidentEntry[] = [];
      for (const resource of step.resources) {
        const entry = this.#registry.resolve(resource, ctx.generation);
        if (!entry.ok) {
          return entry;
        }
        entries.push(entry.value);
      }
      const prepared = prepareResidentDispatch(
        step.program,
        entries.map((entry) => entry.handle.byteLength),
        step.config ?? {},
        ctx.capabilities,
      );
      if (!prepared.ok) {
        return steps.length === 1
          ? prepared
          : err(inStep(prepared.error, position));
      }
      const compiled = await ctx.pipelines.get(prepared.value.program, (p) =>
        compilePipeline(ctx.device, p, ctx.capabilities),
      );
      if (!compiled.ok) {
        return compiled;
      }
      let next = 0;
      const buffers = step.program.buffers.map((decl) =>
        decl.access === 'workgroup' ? undefined : entries[next++]?.buffer,
      );
      bound.push({
        prepared: prepared.value,
        compiled: compiled.value,
        buffers,
      });
    }
    const ranges: ReadRange[] = [];
    for (const read of reads) {
      const entry = this.#range(
        ctx,
        read.buffer,
        read.byteOffset,
        read.byteLength,
      );
      if (!entry.ok) {
        return entry;
      }
      ranges.push({
        buffer: entry.value.buffer,
        byteOffset: read.byteOffset,
        byteLength: read.byteLength,
        ...(read.into === undefined ? {} : { into: read.into }),
      });
    }
    if (ctx.lost) {
      return err(deviceLostError(ctx, label));
    }
    const submitted = await submitAndRead(
      ctx,
      (encoder, timestampWrites) => {
        if (bound.length > 0) {
          encodeDispatches(ctx.device, encoder, bound, timestampWrites, label);
        }
        return ranges;
      },
      {
        label,
        timing: config.timing === true && bound.length > 0,
        ...(config.timeoutMs === undefined
          ? {}
          : { timeoutMs: config.timeoutMs }),
      },
    );
    if (!submitted.ok) {
      return submitted;
    }
    const wallNs = Math.round((performance.now() - started) * 1e6);
    const { deviceNs } = submitted.value;
    return ok({
      reads: submitted.value.reads,
      timing: deviceNs === undefined ? { wallNs } : { wallNs, deviceNs },
    });
  }

  // The live entry of `handle`, if [byteOffset, byteOffset + byteLength) is a word-aligned range in it.
  #range(
    ctx: DeviceContext,
    handle: ResidentBuffer,
    byteOffset: number,
    byteLength: number,
  ): Result<ResidentEntry> {
    const entry = this.#registry.resolve(handle, ctx.generation);
    if (!entry.ok) {
      return entry;
    }
    const aligned =
      Number.isSafeInteger(byteOffset) &&
      Number.isSafeInteger(byteLength) &&
      byteOffset % 4 === 0 &&
      byteLength % 4 === 0;
    if (
      !aligned ||
      byteOffset < 0 ||
      byteLength < 0 ||
      byteOffset + byteLength > handle.byteLength
    ) {
      return err(
        new StackError(
          'RESIDENT_RANGE_INVALID',
          `a byte range does not fit resident buffer #${handle.handle}: expected a 4-aligned range within 0..${handle.byteLength}, found ${String(byteOffset)}..${String(byteOffset + byteLength)}.`,
        ),
      );
    }
    return entry;
  }
}

// The same error, naming the step of a sequence it came from.
function inStep(error: StackError, position: number): StackError {
  return new StackError(error.code, `step ${position}: ${error.message}`, {
    cause: error,
  });
}
