import { err, nowMs, ok, StackError, type Result } from '@vyre/foundation';
import type { BufferDecl, ResidentBuffer, VyreBackend } from '@vyre/ir';
import { ControlWord, SLOT_WORDS, SlotWord } from '@vyre/telemetry';
import {
  controlWords,
  encodeControl,
  encodePriorityOffsets,
  MAX_TENANTS,
} from './encode-control.ts';
import { Megakernel } from './megakernel.ts';
import type { OpcodeHandler } from './megakernel-program.ts';
import {
  hostTransport,
  residentTransport,
  type DrainTransport,
  type HostState,
} from './drain-transport.ts';
import { returnRingScratch, takeRingScratch } from './ring-scratch.ts';
import type { MegakernelVariant } from './megakernel-variant.ts';
import { refused, type SlotDescriptor } from './publish-slot.ts';
import { ensureImage, ResidentSlotBatch } from './resident-batch.ts';
import { batchWords, SlotBatch } from './slot-batch.ts';
import { SlotFeeder } from './slot-feeder.ts';
import {
  clearStale,
  fillFreeSlots,
  publishSpan,
  reclaimFinished,
} from './ring-cycle.ts';

// The host side of a run: publish as many items as the ring has free slots, dispatch one bounded
// drain, account for every slot, reclaim the finished ones and refill, until every item is done or
// faulted, or the wall-time limit passes. Nothing is lost: every item ends processed, faulted (with a
// reason) or remaining, and the runtime checks that they add up after every drain. The host copy of
// the ring and data is the commit point: a drain whose device is lost is recovered and run again from
// it, so no item runs to completion twice.

/**
 * Why a slot faulted, as the host can tell from the slot and the control buffer.
 *
 * @public
 */
export type FaultReason = 'tenantNotAuthorized' | 'unknownOpcode';

/**
 * One faulted item.
 *
 * @public
 */
export interface FaultedItem {
  /** The item's index in the input list. */
  readonly item: number;
  readonly reason: FaultReason;
}

/**
 * Where a run stands after a drain, for live telemetry.
 *
 * @public
 */
export interface DrainProgress {
  /** Drains completed. */
  readonly drains: number;
  readonly itemsProcessed: number;
  readonly itemsFaulted: number;
  /** Items published and not yet finished. */
  readonly itemsInRing: number;
  /** Items not yet published. */
  readonly itemsWaiting: number;
  /** The control buffer as read back (valid during the call). */
  readonly control: Uint32Array;
  /**
   * The ring as read back, before reclaiming (valid during the call); when `ringRead` is false (a
   * resident run whose DONE_COUNT showed every published slot finished) it is not the device's ring
   * but the host's copy, which lacks the items of a drain into an empty ring (those are uploaded
   * straight from the batch's words).
   */
  readonly ring: Uint32Array;
  readonly ringRead: boolean;
}

/**
 * How to run items on a megakernel.
 *
 * @public
 */
export interface RunOptions {
  /** The tenant of every item (default 0; authorized in the control buffer). */
  readonly tenant?: number;
  /** Give up after this long; items not yet finished are reported remaining (default 60 s). */
  readonly maxWallTimeMs?: number;
  /** Observable words in the control buffer (default 0). */
  readonly observableSlots?: number;
  /** Contents of the kernel's data buffers, in declaration order (kept across drains and returned). */
  readonly data?: readonly Uint8Array[];
  /**
   * Caller-owned storage for the final contents of the read-write data buffers, one per read-write
   * buffer in declaration order, each exactly as long as its buffer: the report's `data` holds these
   * arrays, so a caller that runs again allocates nothing (`DISPATCH_OUTPUT_STORAGE` when they do not
   * fit; nothing runs then).
   */
  readonly dataInto?: readonly Uint8Array[];
  /**
   * The kernel's data buffers as resident buffers instead (one per declared data buffer): they stay on
   * the device, each drain uploads only the control buffer and the ring and reads back only the
   * control buffer (the ring too when not every published slot finished), and the read-write ones are
   * read at the last drain into the report's `data`. A lost device is reported, not recovered.
   */
  readonly residentData?: readonly ResidentBuffer[];
  /** Publish items grouped by opcode (stable), so neighbouring lanes run the same opcode. */
  readonly binByOpcode?: boolean;
  /** Called after every drain. */
  readonly onDrain?: (progress: DrainProgress) => void;
}

/**
 * Options of {@link drainWorkItems}: the kernel's geometry and opcodes, and the run's options.
 *
 * @public
 */
export interface DrainOptions extends Omit<
  RunOptions,
  'data' | 'residentData'
> {
  /** Ring slots (default 1024). */
  readonly slots?: number;
  /** Lanes per workgroup (default: 256, or the slot count when smaller). */
  readonly workgroupSize?: number;
  /** Workgroups per dispatch (default: enough for one slot per lane, at most 1024). */
  readonly workgroups?: number;
  /** User opcodes and their bodies (see `interpretedMegakernel`). */
  readonly handlers?: readonly OpcodeHandler[];
  /** Which megakernel (default interpreted). */
  readonly variant?: MegakernelVariant;
  /** Data buffers the handlers use, with their contents (kept across drains and returned). */
  readonly data?: readonly {
    readonly buffer: BufferDecl;
    readonly bytes: Uint8Array;
  }[];
}

/**
 * What a run did with its items (every item is in exactly one of processed, faulted or remaining).
 *
 * @public
 */
export interface DrainReport {
  readonly itemsProcessed: number;
  readonly faulted: readonly FaultedItem[];
  /** Items never published or still published when the run stopped. */
  readonly itemsRemaining: number;
  readonly publishedItems: number;
  /** Bounded drains completed. */
  readonly drains: number;
  /** Dispatches issued, counting the ones a lost device cut short. */
  readonly kernelLaunches: number;
  /** A drain lost the device; the backend was recovered and the drain run again. */
  readonly recoveredAfterDeviceLoss: boolean;
  readonly wallTimeNs: number;
  /** Host time publishing slots and reclaiming finished ones. */
  readonly publishNs: number;
  /** Time in the backend's dispatches (upload, run, read back). */
  readonly backendDispatchNs: number;
  /** Bytes handed to the backend across all drains. */
  readonly bytesUploaded: number;
  /** Bytes read back across all drains. */
  readonly bytesReadBack: number;
  /** The control buffer after the last drain. */
  readonly control: Uint32Array;
  /** The data buffers after the last drain, in declaration order. */
  readonly data: readonly Uint8Array[];
}

function protocolError(message: string): Result<never> {
  return err(new StackError('RUNTIME_PROTOCOL_MALFORMED', message));
}

/** The work of a run as a validated batch: `items` itself, or `items` encoded for the tenant. */
function batchFor(
  items: readonly SlotDescriptor[] | SlotBatch,
  tenant: number | undefined,
): Result<SlotBatch> {
  if (
    items instanceof SlotBatch &&
    tenant !== undefined &&
    tenant !== items.tenant
  ) {
    return refused(
      `the run's tenant is ${String(tenant)} but its batch was encoded for tenant ${items.tenant}: expected the same tenant (leave the tenant option out to use the batch's).`,
    );
  }
  const owner = items instanceof SlotBatch ? items.tenant : (tenant ?? 0);
  if (!Number.isInteger(owner) || owner < 0 || owner >= MAX_TENANTS) {
    return refused(
      `a run authorizes tenants 0 to ${MAX_TENANTS - 1}: found ${String(owner)}.`,
    );
  }
  return items instanceof SlotBatch
    ? ok(items)
    : SlotBatch.encode(items, owner);
}

/**
 * The report's data: the state's; with `dataInto`, a host run's read-write buffers are copied into the
 * caller's storage and reported as it.
 */
function finalData(
  data: Uint8Array[],
  dataInto: readonly Uint8Array[] | undefined,
  host: boolean,
  readWrite: readonly boolean[],
): readonly Uint8Array[] {
  // A resident run read straight into `dataInto` (or read nothing, when it stopped early).
  if (dataInto === undefined || !host) {
    return data;
  }
  let next = 0;
  return data.map((bytes, i) => {
    if (readWrite[i] !== true) {
      return bytes;
    }
    const into = dataInto[next++] ?? bytes;
    into.set(bytes);
    return into;
  });
}

/** Why `dataInto` cannot take the read-write buffers of `lengths`, or undefined when it can. */
function checkDataInto(
  dataInto: readonly Uint8Array[],
  lengths: readonly number[],
): Result<never> | undefined {
  const fits =
    dataInto.length === lengths.length &&
    dataInto.every(
      (into, i) => into instanceof Uint8Array && into.byteLength === lengths[i],
    );
  return fits
    ? undefined
    : err(
        new StackError(
          'DISPATCH_OUTPUT_STORAGE',
          `the run's dataInto does not fit its read-write data buffers: expected byte lengths [${lengths.join(', ')}], found [${dataInto.map((d) => (d instanceof Uint8Array ? String(d.byteLength) : typeof d)).join(', ')}].`,
        ),
      );
}

/**
 * Runs `items` on `megakernel`, refilling its ring between bounded drains.
 *
 * @param megakernel - the kernel (its slot count is the ring's)
 * @param items - the work, in order: descriptors, a batch encoded once with `SlotBatch.encode` (its
 *   tenant is the run's; published by copying words), or a `ResidentSlotBatch` of this megakernel (over
 *   resident data its ring is armed by a copy on the device; a freed one, or one of another megakernel,
 *   is refused with RUNTIME_PUBLISH_REFUSED)
 * @param options - tenant, time limit, data, binning, progress callback
 * @returns the report, or the first error (a refused item before anything runs, a backend error that
 *   recovery could not cure, or RUNTIME_PROTOCOL_MALFORMED when the slots do not add up)
 *
 * @public
 */
export async function runWorkItems(
  megakernel: Megakernel,
  items: readonly SlotDescriptor[] | SlotBatch | ResidentSlotBatch,
  options: RunOptions = {},
): Promise<Result<DrainReport>> {
  const started = nowMs();
  const armFrom = items instanceof ResidentSlotBatch ? items : undefined;
  if (armFrom !== undefined && armFrom.megakernel !== megakernel) {
    return refused(
      'the resident batch was uploaded for another megakernel: expected this one (upload it with ResidentSlotBatch.upload for this megakernel).',
    );
  }
  if (armFrom !== undefined) {
    // Refuses a freed batch; after a device loss, uploads the image to the new device.
    const live = await ensureImage(armFrom);
    if (!live.ok) {
      return live;
    }
  }
  const batched = batchFor(
    items instanceof ResidentSlotBatch ? items.batch : items,
    options.tenant,
  );
  if (!batched.ok) {
    return batched;
  }
  const batch = batched.value;
  const words = batchWords(batch);
  const tenant = batch.tenant;
  const slots = megakernel.slotCount;
  if (megakernel.partitionsByPriority && slots < 5) {
    return err(
      new StackError(
        'RUNTIME_GEOMETRY_INVALID',
        `a priority megakernel splits its ring into 5 partitions: expected at least 5 slots, found ${slots}.`,
      ),
    );
  }
  const deadline = started + (options.maxWallTimeMs ?? 60_000);
  const observables = options.observableSlots ?? 0;
  let control: Uint32Array = new Uint32Array(controlWords(observables));
  const encoded = encodeControl(control, {
    tenantCount: tenant + 1,
    observableSlots: observables,
  });
  if (!encoded.ok) {
    return encoded;
  }
  encodePriorityOffsets(control, slots);
  const readWrite = megakernel.dataBuffers.map(
    (d) => d.access === 'readWrite' || d.access === 'writeOnly',
  );
  const resident = options.residentData;
  const hostData = options.data ?? [];
  if (resident !== undefined && hostData.length > 0) {
    return err(
      new StackError(
        'RUNTIME_PUBLISH_REFUSED',
        'a run takes its data either as host bytes (data) or as resident buffers (residentData): expected one of them, found both.',
      ),
    );
  }
  if (
    resident !== undefined &&
    resident.length !== megakernel.dataBuffers.length
  ) {
    return err(
      new StackError(
        'RUNTIME_PROTOCOL_MALFORMED',
        `${resident.length} resident data buffers were given: expected one per declared data buffer (${megakernel.dataBuffers.length}).`,
      ),
    );
  }
  const dataInto = options.dataInto;
  if (dataInto !== undefined) {
    const lengths = (resident ?? hostData).flatMap((d, i) =>
      readWrite[i] === true ? [d.byteLength] : [],
    );
    const problem = checkDataInto(dataInto, lengths);
    if (problem !== undefined) {
      return problem;
    }
  }
  const scratch = takeRingScratch(megakernel, slots);
  const owner = scratch.owner; // the item in each slot
  const state: HostState = {
    control,
    ring: scratch.ring,
    span: undefined,
    // The caller's read-write bytes are copied: drains swap arrays with the readback, and the caller's
    // own must never become a readback target.
    data:
      resident === undefined
        ? hostData.map((d, i) => (readWrite[i] === true ? d.slice() : d))
        : [],
  };
  let transport: DrainTransport;
  if (resident === undefined) {
    transport = hostTransport(megakernel, state, readWrite, scratch.ringBack);
  } else {
    const made = await residentTransport(
      megakernel,
      control.length,
      resident,
      readWrite,
      dataInto,
      armFrom,
    );
    if (!made.ok) {
      returnRingScratch(megakernel, scratch);
      return made;
    }
    transport = made.value;
  }
  // `healthy`: the run ended without an error, so what the transport holds on the device may be kept.
  const finish = (healthy: boolean): void => {
    scratch.ring = state.ring;
    scratch.ringBack = transport.close(healthy) ?? scratch.ringBack;
    scratch.clean = inRing === 0;
    returnRingScratch(megakernel, scratch);
  };
  const feeder = new SlotFeeder(batch, {
    binByOpcode: options.binByOpcode ?? false,
    ...(megakernel.partitionsByPriority
      ? {
          partitions: control.subarray(
            ControlWord.PRIORITY_OFFSETS_BASE,
            ControlWord.PRIORITY_OFFSETS_BASE + 5,
          ),
        }
      : {}),
  });
  const faulted: FaultedItem[] = [];
  let publishMs = 0;
  let dispatchMs = 0;
  let processed = 0;
  let inRing = 0;
  let drains = 0;
  let launches = 0;
  let uploaded = 0;
  let readBack = 0;
  let recovered = false;
  let doneCount = 0;
  while ((feeder.waiting > 0 || inRing > 0) && nowMs() < deadline) {
    const publishStart = nowMs();
    // Into an empty ring, items in input order are published as a span: the transport uploads their
    // words from the batch, with no copy into the host's ring.
    const spanning = inRing === 0 && feeder.sequential;
    if (spanning && scratch.stale > 0) {
      // The host transport uploads the whole host ring: no stale PUBLISHED status may stay in it.
      clearStale(state.ring, owner, scratch.stale);
      scratch.stale = 0;
    }
    const span = spanning ? publishSpan(owner, feeder, words) : undefined;
    if (span === undefined) {
      inRing += fillFreeSlots(state.ring, owner, feeder, words);
      if (scratch.stale > 0) {
        clearStale(state.ring, owner, scratch.stale);
        scratch.stale = 0;
      }
    } else {
      inRing += span.count;
    }
    state.span = span;
    const dispatchStart = nowMs();
    publishMs += dispatchStart - publishStart;
    const drained = await transport.drain(state, inRing, feeder.waiting === 0);
    state.span = undefined;
    dispatchMs += nowMs() - dispatchStart;
    if (!drained.ok) {
      inRing = -1; // the storage is not clean
      finish(false);
      return drained;
    }
    drains++;
    launches += drained.value.kernelLaunches;
    uploaded += drained.value.bytesUploaded;
    readBack += drained.value.bytesReadBack;
    recovered ||= drained.value.recovered;
    control = state.control;
    options.onDrain?.({
      drains,
      itemsProcessed: processed,
      itemsFaulted: faulted.length,
      itemsInRing: inRing,
      itemsWaiting: feeder.waiting,
      control,
      ring: state.ring,
      ringRead: drained.value.ringRead,
    });
    const reclaimStart = nowMs();
    const ring = state.ring;
    const swept = reclaimFinished(
      ring,
      owner,
      drained.value.ringRead,
      inRing,
      (slot, item) => {
        faulted.push({
          item,
          reason: megakernel.knowsOpcode(
            ring[slot * SLOT_WORDS + SlotWord.OPCODE] ?? 0,
          )
            ? 'tenantNotAuthorized'
            : 'unknownOpcode',
        });
      },
    );
    inRing -= swept.reclaimed;
    // A span's items were never written into the host's ring: nothing there is stale.
    if (swept.leftStale && span === undefined) {
      scratch.stale = slots;
    }
    if (swept.badSlot >= 0) {
      const status = ring[swept.badSlot * SLOT_WORDS + SlotWord.STATUS];
      inRing = -1; // the storage is not clean
      finish(false);
      return protocolError(
        `slot ${swept.badSlot} is in status ${String(status)} after a drain: expected DONE, FAULT or PUBLISHED (the drain is bounded, so nothing stays claimed).`,
      );
    }
    const doneNow = swept.done;
    publishMs += nowMs() - reclaimStart;
    processed += doneNow;
    const reported = control[ControlWord.DONE_COUNT] ?? 0;
    if (reported - doneCount !== doneNow) {
      finish(false);
      return protocolError(
        `DONE_COUNT moved by ${reported - doneCount} in a drain that finished ${doneNow} slots: expected them to agree.`,
      );
    }
    doneCount = reported;
    if (
      doneNow === 0 &&
      inRing > 0 &&
      (control[ControlWord.SHUTDOWN] ?? 0) !== 0
    ) {
      break; // SHUTDOWN: nothing more will run.
    }
  }
  finish(true);
  const remaining = batch.count - processed - faulted.length;
  if (remaining !== feeder.waiting + inRing) {
    return protocolError(
      `items do not add up: ${batch.count} given, ${processed} processed, ${faulted.length} faulted, ${remaining} remaining, but ${feeder.waiting} never published and ${inRing} still in the ring.`,
    );
  }
  return ok({
    itemsProcessed: processed,
    faulted,
    itemsRemaining: remaining,
    publishedItems: batch.count - feeder.waiting,
    drains,
    kernelLaunches: launches,
    recoveredAfterDeviceLoss: recovered,
    wallTimeNs: Math.round((nowMs() - started) * 1e6),
    publishNs: Math.round(publishMs * 1e6),
    backendDispatchNs: Math.round(dispatchMs * 1e6),
    bytesUploaded: uploaded,
    bytesReadBack: readBack,
    control,
    data: finalData(state.data, dataInto, resident === undefined, readWrite),
  });
}

/**
 * Builds a megakernel for the options and runs `items` on it (see {@link runWorkItems}).
 *
 * @param backend - any backend
 * @param items - the work, in order
 * @param options - ring size, geometry, opcodes, data, tenant, time limit
 * @returns the report, or the first error
 *
 * @public
 */
export async function drainWorkItems(
  backend: VyreBackend,
  items: readonly SlotDescriptor[] | SlotBatch,
  options: DrainOptions = {},
): Promise<Result<DrainReport>> {
  const batched = batchFor(items, options.tenant);
  if (!batched.ok) {
    return batched;
  }
  const slots = options.slots ?? 1024;
  const built = Megakernel.create(backend, {
    slotCount: slots,
    workgroupSize: options.workgroupSize ?? Math.min(256, slots),
    ...(options.workgroups === undefined
      ? {}
      : { workgroups: options.workgroups }),
    handlers: options.handlers ?? [],
    dataBuffers: (options.data ?? []).map((d) => d.buffer),
    ...(options.variant === undefined ? {} : { variant: options.variant }),
  });
  if (!built.ok) {
    return built;
  }
  return runWorkItems(built.value, batched.value, {
    ...options,
    data: (options.data ?? []).map((d) => d.bytes),
  });
}
