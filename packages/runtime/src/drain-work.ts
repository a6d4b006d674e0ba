import { err, nowMs, ok, StackError, type Result } from '@vyre/foundation';
import {
  bufferRole,
  type BufferDecl,
  type Program,
  type VyreBackend,
} from '@vyre/ir';
import { ControlWord, RingStatus, SLOT_WORDS, SlotWord } from '@vyre/telemetry';
import {
  controlWords,
  encodeControl,
  encodeEmptyDebugLog,
  encodeEmptyIoQueue,
  MAX_TENANTS,
} from './encode-control.ts';
import {
  INTERPRETED_OPCODES,
  interpretedMegakernel,
  type OpcodeHandler,
} from './megakernel-program.ts';
import {
  checkDescriptor,
  writeSlot,
  type SlotDescriptor,
} from './publish-slot.ts';

// The host side of a run: publish as many items as the ring has free slots, dispatch one bounded
// drain, read the ring back, account for every slot, reclaim the finished ones and refill, until every
// item is done or faulted, or the wall-time limit passes. Nothing is lost: every item ends processed,
// faulted (with a reason) or remaining, and the runtime checks that they add up after every drain.

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
 * Options of {@link drainWorkItems}.
 *
 * @public
 */
export interface DrainOptions {
  /** Ring slots (default 1024). */
  readonly slots?: number;
  /** Lanes per workgroup (default 256). */
  readonly workgroupSize?: number;
  /** Workgroups per dispatch (default: enough for one slot per lane, at most 1024). */
  readonly workgroups?: number;
  /** The tenant of every item (default 0; authorized in the control buffer). */
  readonly tenant?: number;
  /** Give up after this long; items not yet finished are reported remaining (default 60 s). */
  readonly maxWallTimeMs?: number;
  /** Observable words in the control buffer (default 0). */
  readonly observableSlots?: number;
  /** User opcodes and their bodies (see `interpretedMegakernel`). */
  readonly handlers?: readonly OpcodeHandler[];
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
  /** Bounded drains dispatched. */
  readonly drains: number;
  readonly wallTimeNs: number;
  /** The control buffer after the last drain. */
  readonly control: Uint32Array;
  /** The data buffers after the last drain, in the order given. */
  readonly data: readonly Uint8Array[];
}

const bytesOf = (words: Uint32Array): Uint8Array =>
  new Uint8Array(words.buffer, words.byteOffset, words.byteLength);

function wordsOf(
  bytes: Uint8Array | undefined,
  length: number,
): Uint32Array<ArrayBuffer> | undefined {
  if (bytes?.byteLength !== length * 4) {
    return undefined;
  }
  const words = new Uint32Array(length);
  new Uint8Array(words.buffer).set(bytes);
  return words;
}

function protocolError(message: string): Result<never> {
  return err(new StackError('RUNTIME_PROTOCOL_MALFORMED', message));
}

/**
 * Runs `items` through the interpreted megakernel on `backend`, refilling the ring between bounded
 * drains.
 *
 * @param backend - any backend
 * @param items - the work, in order
 * @param options - ring size, geometry, tenant, time limit
 * @returns the report, or the first error (a refused item before anything runs, a backend error, or
 *   RUNTIME_PROTOCOL_MALFORMED when the slots do not add up)
 *
 * @public
 */
export async function drainWorkItems(
  backend: VyreBackend,
  items: readonly SlotDescriptor[],
  options: DrainOptions = {},
): Promise<Result<DrainReport>> {
  const started = nowMs();
  const slots = options.slots ?? 1024;
  const size = options.workgroupSize ?? 256;
  const tenant = options.tenant ?? 0;
  const workgroups =
    options.workgroups ?? Math.min(1024, Math.max(1, Math.ceil(slots / size)));
  const deadline = started + (options.maxWallTimeMs ?? 60_000);
  if (!Number.isInteger(tenant) || tenant < 0 || tenant >= MAX_TENANTS) {
    return err(
      new StackError(
        'RUNTIME_PUBLISH_REFUSED',
        `drainWorkItems authorizes tenants 0 to ${MAX_TENANTS - 1}: found ${String(tenant)}.`,
      ),
    );
  }
  for (const [i, item] of items.entries()) {
    const problem = checkDescriptor(item, tenant, `item ${i}`);
    if (problem !== undefined) {
      return problem;
    }
  }
  let control = new Uint32Array(controlWords(options.observableSlots ?? 0));
  const encoded = encodeControl(control, {
    tenantCount: tenant + 1,
    observableSlots: options.observableSlots ?? 0,
  });
  if (!encoded.ok) {
    return encoded;
  }
  const ring = new Uint32Array(slots * SLOT_WORDS);
  const owner = new Int32Array(slots).fill(-1); // the item in each slot
  const built = interpretedMegakernel({
    workgroupSize: size,
    workgroups,
    handlers: options.handlers ?? [],
    dataBuffers: (options.data ?? []).map((d) => d.buffer),
  });
  if (!built.ok) {
    return built;
  }
  const program: Program = built.value;
  const known = new Set([
    ...INTERPRETED_OPCODES,
    ...(options.handlers ?? []).map((h) => h.opcode),
  ]);
  let data = (options.data ?? []).map((d) => d.bytes);
  const roles = (options.data ?? []).map((d) => bufferRole(d.buffer));
  if (roles.some((role) => role === 'output' || role === 'workgroup')) {
    return err(
      new StackError(
        'RUNTIME_PUBLISH_REFUSED',
        'data buffers must be inputs (read-only, uniform or read-write): a buffer the backend allocates would start zeroed at every drain.',
      ),
    );
  }
  const faulted: FaultedItem[] = [];
  let next = 0;
  let processed = 0;
  let inRing = 0;
  let drains = 0;
  let doneCount = 0;
  while ((next < items.length || inRing > 0) && nowMs() < deadline) {
    for (let slot = 0; slot < slots && next < items.length; slot++) {
      if (owner[slot] === -1) {
        writeSlot(ring, slot, tenant, items[next] as SlotDescriptor);
        owner[slot] = next++;
        inRing++;
      }
    }
    const result = await backend.dispatch(
      program,
      [
        bytesOf(control),
        bytesOf(ring),
        bytesOf(encodeEmptyDebugLog()),
        bytesOf(encodeEmptyIoQueue()),
        ...data,
      ],
      { gridOverride: [workgroups, 1, 1] },
    );
    if (!result.ok) {
      return result;
    }
    drains++;
    const newControl = wordsOf(result.value.outputs[0], control.length);
    const newRing = wordsOf(result.value.outputs[1], ring.length);
    if (newControl === undefined || newRing === undefined) {
      return protocolError(
        `the drain returned buffers of the wrong size: expected ${control.length * 4} and ${ring.length * 4} bytes.`,
      );
    }
    control = newControl;
    ring.set(newRing);
    // Read-write data buffers come back (in order, after the protocol buffers); read-only ones stay.
    let back = 4;
    data = data.map((bytes, i) =>
      roles[i] === 'inputOutput'
        ? (result.value.outputs[back++] ?? bytes)
        : bytes,
    );
    let doneNow = 0;
    for (let slot = 0; slot < slots; slot++) {
      const item = owner[slot] ?? -1;
      if (item === -1) {
        continue;
      }
      const status = ring[slot * SLOT_WORDS + SlotWord.STATUS];
      if (status === RingStatus.DONE || status === RingStatus.FAULT) {
        if (status === RingStatus.DONE) {
          doneNow++;
        } else {
          const op = ring[slot * SLOT_WORDS + SlotWord.OPCODE] ?? 0;
          faulted.push({
            item,
            reason: known.has(op) ? 'tenantNotAuthorized' : 'unknownOpcode',
          });
        }
        // Reclaimed by the host, which owns the ring between drains.
        ring.fill(0, slot * SLOT_WORDS, (slot + 1) * SLOT_WORDS);
        owner[slot] = -1;
        inRing--;
      } else if (status !== RingStatus.PUBLISHED) {
        return protocolError(
          `slot ${slot} is in status ${String(status)} after a drain: expected DONE, FAULT or PUBLISHED (the drain is bounded, so nothing stays claimed).`,
        );
      }
    }
    processed += doneNow;
    const reported = control[ControlWord.DONE_COUNT] ?? 0;
    if (reported - doneCount !== doneNow) {
      return protocolError(
        `DONE_COUNT moved by ${reported - doneCount} in a drain that finished ${doneNow} slots: expected them to agree.`,
      );
    }
    doneCount = reported;
    if (
      doneNow === 0 &&
      faulted.length === 0 &&
      inRing > 0 &&
      (control[ControlWord.SHUTDOWN] ?? 0) !== 0
    ) {
      break; // SHUTDOWN: nothing more will run.
    }
  }
  const remaining = items.length - processed - faulted.length;
  if (remaining !== items.length - next + inRing) {
    return protocolError(
      `items do not add up: ${items.length} given, ${processed} processed, ${faulted.length} faulted, ${remaining} remaining, but ${items.length - next} never published and ${inRing} still in the ring.`,
    );
  }
  return ok({
    itemsProcessed: processed,
    faulted,
    itemsRemaining: remaining,
    publishedItems: next,
    drains,
    wallTimeNs: Math.round((nowMs() - started) * 1e6),
    control,
    data,
  });
}
