import { err, ok, StackError, type Result } from '@vyre/foundation';
import type { Lease } from './buffer-pool.ts';
import type { DeviceContext } from './device-context.ts';
import { openErrorScopes } from './error-scopes.ts';
import {
  encodeReadback,
  planReadback,
  sliceReadback,
  type ReadRange,
} from './readback.ts';
import { readPassNanoseconds } from './timestamps.ts';
import { MAP_MODE_READ } from './webgpu-flags.ts';

// The tail every GPU operation shares: record the work, copy what is to be read into one mappable
// buffer, submit once, map once, and hand the leased buffers back to the pool when the device is done
// with them. Errors come back coded: out of memory, validation, device loss, timeout. After a timeout
// the buffers stay out of the pool until the device finishes with them, so nothing reuses a buffer the
// GPU still writes.

/** What one submission is for and how long it may take. */
export interface SubmitOptions {
  readonly label: string;
  readonly timeoutMs?: number;
  /** Measure the compute pass with timestamp queries (when the device has them). */
  readonly timing: boolean;
}

/** The bytes of each requested range, and the pass's device time when measured. */
export interface Submitted {
  readonly reads: Uint8Array[];
  readonly deviceNs?: number;
}

/**
 * Records the work into `encoder` (`timestampWrites` is set when timing is measured), leasing what it
 * needs into `leases`, and returns the ranges to read back afterwards.
 */
export type EncodeWork = (
  encoder: GPUCommandEncoder,
  timestampWrites: GPUComputePassTimestampWrites | undefined,
  leases: Lease[],
) => readonly ReadRange[];

const LOSS_SETTLE_MS = 100;

/** Encodes `work`, reads its ranges back, and submits everything as one command buffer. */
export async function submitAndRead(
  ctx: DeviceContext,
  work: EncodeWork,
  options: SubmitOptions,
): Promise<Result<Submitted>> {
  const { device } = ctx;
  const timestamps = options.timing ? ctx.timestamps : undefined;
  const leases: Lease[] = [];
  // Allocation happens inside the scopes, so that running out of memory comes back as a coded error.
  const closeScopes = openErrorScopes(device, options.label);
  // Pending upload copies come first in the command buffer.
  const encoder = ctx.staging.takeEncoder(options.label);
  const reads = work(encoder, timestamps?.passWrites(), leases);
  const plan = planReadback(reads, timestamps === undefined ? 0 : 16);
  const readback = ctx.pool.acquire('readback', plan.totalBytes);
  leases.push(readback);
  encodeReadback(encoder, plan, readback.buffer);
  timestamps?.encodeResolve(encoder, readback.buffer, plan.extraOffset);
  device.queue.submit([encoder.finish()]);
  ctx.staging.submitted();
  const scoped = closeScopes();
  const mapped = readback.buffer.mapAsync(MAP_MODE_READ, 0, plan.totalBytes);
  const done = Promise.all([mapped, scoped]);

  const outcome = await settleWithin(done, options.timeoutMs);
  if (outcome.kind === 'late') {
    // The device still works on these buffers: return them only when it is done.
    done.then(
      () => {
        readback.buffer.unmap();
        leases.forEach((lease) => ctx.pool.release(lease));
      },
      () => leases.forEach((lease) => ctx.pool.discard(lease)),
    );
    return err(
      new StackError(
        'BACKEND_TIMEOUT',
        `${options.label} did not finish in time: expected results within ${options.timeoutMs ?? 0} ms, found none yet (the device keeps working on it; the backend stays usable).`,
      ),
    );
  }
  if (outcome.kind === 'failed') {
    leases.forEach((lease) => ctx.pool.discard(lease));
    return err(await failure(ctx, scoped, outcome.reason, options.label));
  }
  const [, scopeError] = outcome.value;
  if (scopeError !== undefined) {
    readback.buffer.unmap();
    leases.forEach((lease) => ctx.pool.discard(lease));
    return err(scopeError);
  }
  const range = readback.buffer.getMappedRange(0, plan.totalBytes);
  const result: Submitted = {
    reads: sliceReadback(range, plan),
    ...(timestamps === undefined
      ? {}
      : withDeviceNs(readPassNanoseconds(range, plan.extraOffset))),
  };
  readback.buffer.unmap();
  leases.forEach((lease) => ctx.pool.release(lease));
  return ok(result);
}

function withDeviceNs(ns: number | undefined): { deviceNs?: number } {
  return ns === undefined ? {} : { deviceNs: ns };
}

type Settled<T> =
  | { readonly kind: 'done'; readonly value: T }
  | { readonly kind: 'failed'; readonly reason: unknown }
  | { readonly kind: 'late' };

// Waits for `promise`, at most `timeoutMs` (forever when undefined); the timer never outlives the wait.
async function settleWithin<T>(
  promise: Promise<T>,
  timeoutMs: number | undefined,
): Promise<Settled<T>> {
  const settled = promise.then(
    (value): Settled<T> => ({ kind: 'done', value }),
    (reason: unknown): Settled<T> => ({ kind: 'failed', reason }),
  );
  if (timeoutMs === undefined) {
    return settled;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'late' }), timeoutMs);
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

// Why a submission failed: the device was lost, an error scope caught something, or mapping failed.
async function failure(
  ctx: DeviceContext,
  scoped: Promise<StackError | undefined>,
  reason: unknown,
  label: string,
): Promise<StackError> {
  // A lost device rejects the mapping before `device.lost` has necessarily settled: give it a moment.
  await Promise.race([
    ctx.device.lost,
    new Promise((resolve) => setTimeout(resolve, LOSS_SETTLE_MS)),
  ]);
  if (ctx.lost) {
    return deviceLostError(ctx, label);
  }
  const scopeError = await scoped.catch(() => undefined);
  if (scopeError !== undefined) {
    return scopeError;
  }
  return new StackError(
    'BACKEND_DISPATCH_FAILED',
    `${label} failed on the device: expected its results, found the error "${reason instanceof Error ? reason.message : String(reason)}".`,
    { cause: reason },
  );
}

/** BACKEND_DEVICE_LOST for an operation on a lost device. */
export function deviceLostError(ctx: DeviceContext, label: string): StackError {
  return new StackError(
    'BACKEND_DEVICE_LOST',
    `${label} needs the device, which was lost: expected a live device, found it lost (${ctx.lostMessage || 'no reason given'}).`,
  );
}
