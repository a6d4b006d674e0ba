import { ok, type Result } from '@vyre/foundation';
import type { ResidentBuffer, VyreBackend } from '@vyre/ir';
import { SLOT_WORDS } from '@vyre/telemetry';
import { DebugLog } from './debug-log-layout.ts';
import { encodeEmptyDebugLog, encodeEmptyIoQueue } from './encode-control.ts';
import { IoQueue } from './io-queue-layout.ts';
import type { Megakernel } from './megakernel.ts';
import { byteView } from './megakernel-readback.ts';

// The protocol buffers of a run over resident data (control, ring, debug log, IO queue) live on the
// device and are kept with their megakernel between runs: allocating four buffers per run costs more
// than the run's own round trip. A run takes them (a concurrent run allocates its own), empties the
// debug log and IO queue, and gives them back when it ends well; after an error they are freed, since
// the device may be gone. They are freed when their megakernel is garbage-collected, and with the
// backend.

/** Control, ring, debug log and IO queue, in the megakernel's binding order. */
export type ProtocolBuffers = readonly [
  ResidentBuffer,
  ResidentBuffer,
  ResidentBuffer,
  ResidentBuffer,
];

interface Kept {
  readonly backend: VyreBackend;
  buffers: ProtocolBuffers | undefined;
}

const kept = new WeakMap<Megakernel, Kept>();
const freeWhenCollected = new FinalizationRegistry<Kept>((holder) => {
  freeAll(holder.backend, holder.buffers ?? []);
});

function freeAll(
  backend: VyreBackend,
  buffers: readonly ResidentBuffer[],
): void {
  for (const buffer of buffers) {
    backend.freeResident(buffer);
  }
}

/**
 * Protocol buffers for a resident run of `megakernel` with a control buffer of `controlWords` words,
 * the debug log and IO queue emptied: the kept ones when free and of the right sizes, else new ones.
 *
 * @returns the buffers, or the backend's allocation or upload error
 */
export async function takeProtocolBuffers(
  megakernel: Megakernel,
  controlWords: number,
): Promise<Result<ProtocolBuffers>> {
  const backend = megakernel.backend;
  const sizes = [
    controlWords * 4,
    megakernel.slotCount * SLOT_WORDS * 4,
    DebugLog.BUFFER_WORDS * 4,
    IoQueue.BUFFER_WORDS * 4,
  ];
  const holder = kept.get(megakernel);
  const reuse = holder?.buffers;
  if (holder !== undefined) {
    holder.buffers = undefined;
  }
  if (reuse !== undefined) {
    if (reuse.every((buffer, i) => buffer.byteLength === sizes[i])) {
      // Kept handles of a device that has since been replaced fail here: allocate new ones then.
      if ((await emptyLogAndQueue(backend, reuse)).ok) {
        return ok(reuse);
      }
    }
    freeAll(backend, reuse);
  }
  const fresh: ResidentBuffer[] = [];
  for (const size of sizes) {
    const allocated = await backend.allocateResident(size);
    if (!allocated.ok) {
      freeAll(backend, fresh);
      return allocated;
    }
    fresh.push(allocated.value);
  }
  const buffers = fresh as unknown as ProtocolBuffers;
  const emptied = await emptyLogAndQueue(backend, buffers);
  if (!emptied.ok) {
    freeAll(backend, buffers);
    return emptied;
  }
  return ok(buffers);
}

/** Gives protocol buffers back after a run: kept when `healthy` and none are kept yet, else freed. */
export function returnProtocolBuffers(
  megakernel: Megakernel,
  buffers: ProtocolBuffers,
  healthy: boolean,
): void {
  let holder = kept.get(megakernel);
  if (holder === undefined) {
    holder = { backend: megakernel.backend, buffers: undefined };
    kept.set(megakernel, holder);
    freeWhenCollected.register(megakernel, holder);
  }
  if (healthy && holder.buffers === undefined) {
    holder.buffers = buffers;
  } else {
    freeAll(megakernel.backend, buffers);
  }
}

// Uploaded run after run and never written: made once (fresh arrays per run cost more than their upload).
const EMPTY_LOG: Uint8Array = byteView(encodeEmptyDebugLog());
const EMPTY_QUEUE: Uint8Array = byteView(encodeEmptyIoQueue());

async function emptyLogAndQueue(
  backend: VyreBackend,
  [, , debugLog, ioQueue]: ProtocolBuffers,
): Promise<Result<void>> {
  const log = await backend.uploadResident(debugLog, EMPTY_LOG);
  return log.ok ? backend.uploadResident(ioQueue, EMPTY_QUEUE) : log;
}
