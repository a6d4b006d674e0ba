import { ok, type Result } from '@vyre/foundation';
import type { ResidentBuffer, ResidentDispatchStep } from '@vyre/ir';
import { ControlWord, SLOT_WORDS } from '@vyre/telemetry';
import { encodeEmptyDebugLog, encodeEmptyIoQueue } from './encode-control.ts';
import type { Megakernel } from './megakernel.ts';
import {
  byteView,
  checkedWords,
  type MegakernelReadback,
} from './megakernel-readback.ts';
import { armStep, type ResidentSlotBatch } from './resident-batch.ts';
import { writeSpan, type BatchSpan } from './ring-cycle.ts';
import {
  returnProtocolBuffers,
  takeProtocolBuffers,
} from './resident-protocol.ts';

// How one bounded drain moves the host's state to the device and back. Host data: every buffer is
// uploaded and read back (`Megakernel.dispatchInto`), and a lost device is recovered and the drain run
// again from the host's copy. Resident data: the data buffers stay on the device; each drain uploads
// the control buffer and the ring, runs and reads the control buffer back in one submission, and reads
// the ring only when DONE_COUNT says that not every published slot finished. A lost device is reported
// (resident data died with it).

/** The host's copy of a run's state; a drain replaces its arrays with the ones read back. */
export interface HostState {
  control: Uint32Array;
  /** The ring, except the items of `span` when set. */
  ring: Uint32Array;
  /** This drain's items when they were published as a span (not copied into `ring`). */
  span: BatchSpan | undefined;
  /** Host data: every data buffer; resident data: the read-write ones as last read. */
  data: Uint8Array[];
}

/** What one drain did. */
interface DrainResult {
  /** False when the ring was not read: every published slot is DONE. */
  readonly ringRead: boolean;
  readonly kernelLaunches: number;
  readonly recovered: boolean;
  readonly bytesUploaded: number;
  readonly bytesReadBack: number;
}

/** One way of running drains. */
export interface DrainTransport {
  /**
   * Runs one drain of `state` (in place). `inRing` slots are published; `readData` asks for the data
   * buffers (resident transport: the last drain's).
   */
  drain(
    state: HostState,
    inRing: number,
    readData: boolean,
  ): Promise<Result<DrainResult>>;
  /**
   * Frees what the transport holds, or keeps it for the next run when `healthy` (the run ended without
   * an error); returns the spare ring storage it holds, if any.
   */
  close(healthy: boolean): Uint32Array | undefined;
}

/** Drains that upload and read back every buffer (the host's data is the commit point). */
export function hostTransport(
  megakernel: Megakernel,
  state: HostState,
  readWrite: readonly boolean[],
  ringBack: Uint32Array,
): DrainTransport {
  const readback: MegakernelReadback = {
    control: new Uint32Array(state.control.length),
    ring: ringBack,
    debugLog: encodeEmptyDebugLog(),
    ioQueue: encodeEmptyIoQueue(),
    data: state.data
      .filter((_, i) => readWrite[i] === true)
      .map((d) => new Uint8Array(d.byteLength)),
  };
  const debugLog = encodeEmptyDebugLog();
  const ioQueue = encodeEmptyIoQueue();
  return {
    async drain(s) {
      if (s.span !== undefined) {
        writeSpan(s.ring, s.span);
      }
      const stats = await megakernel.dispatchInto(
        {
          control: s.control,
          ring: s.ring,
          debugLog,
          ioQueue,
          data: s.data,
        },
        readback,
      );
      if (!stats.ok) {
        return stats;
      }
      // The readback becomes the host state; the old state is the next drain's readback storage.
      [s.control, readback.control] = [readback.control, s.control];
      [s.ring, readback.ring] = [readback.ring, s.ring];
      let back = 0;
      s.data = s.data.map((bytes, i) => {
        if (readWrite[i] !== true) {
          return bytes;
        }
        const fresh = readback.data[back] ?? bytes;
        readback.data[back++] = bytes;
        return fresh;
      });
      return ok({
        ringRead: true,
        kernelLaunches: stats.value.kernelLaunches,
        recovered: stats.value.recoveredAfterDeviceLoss,
        bytesUploaded: stats.value.inputBytes,
        bytesReadBack: stats.value.readbackBytes,
      });
    },
    close() {
      return readback.ring;
    },
  };
}

// Zeros to upload, shared by every run and never written.
let zeros = new Uint8Array(0);
function zeroBytes(length: number): Uint8Array {
  if (zeros.byteLength < length) {
    zeros = new Uint8Array(length);
  }
  return zeros.subarray(0, length);
}

/**
 * Drains over resident data buffers, with the megakernel's kept protocol buffers (or new ones); reads
 * the read-write data into `dataInto` when given.
 *
 * @returns the transport, or the backend's allocation error
 */
export async function residentTransport(
  megakernel: Megakernel,
  controlWords: number,
  data: readonly ResidentBuffer[],
  readWrite: readonly boolean[],
  dataInto: readonly Uint8Array[] | undefined,
  armFrom?: ResidentSlotBatch,
): Promise<Result<DrainTransport>> {
  const backend = megakernel.backend;
  const taken = await takeProtocolBuffers(megakernel, controlWords);
  if (!taken.ok) {
    return taken;
  }
  const protocol = taken.value;
  const [control, ring, debugLog, ioQueue] = protocol;
  const resources = [control, ring, debugLog, ioQueue, ...data];
  const dataReads = data
    .filter((_, i) => readWrite[i] === true)
    .map((buffer, k) => {
      const into = dataInto?.[k];
      return {
        buffer,
        byteOffset: 0,
        byteLength: buffer.byteLength,
        ...(into === undefined ? {} : { into }),
      };
    });
  const drainStep: ResidentDispatchStep = {
    program: megakernel.program,
    resources,
    config: { gridOverride: [megakernel.workerGroups, 1, 1] as const },
  };
  // The ring as the host holds it, or a span's items straight from the batch's words and the other
  // slots EMPTY (their bytes zero). The smaller part goes first: were a large part's copy pending, a
  // small write into the same buffer would have to submit it first.
  const uploadRing = async (s: HostState): Promise<Result<void>> => {
    const span = s.span;
    if (span === undefined) {
      return backend.uploadResident(ring, byteView(s.ring));
    }
    const spanBytes = span.count * SLOT_WORDS * 4;
    const parts = [
      {
        bytes: byteView(
          span.words.subarray(
            span.first * SLOT_WORDS,
            (span.first + span.count) * SLOT_WORDS,
          ),
        ),
        at: 0,
      },
      { bytes: zeroBytes(s.ring.byteLength - spanBytes), at: spanBytes },
    ].sort((p, q) => p.bytes.byteLength - q.bytes.byteLength);
    for (const part of parts) {
      if (part.bytes.byteLength > 0) {
        const up = await backend.uploadResident(ring, part.bytes, part.at);
        if (!up.ok) {
          return up;
        }
      }
    }
    return ok(undefined);
  };
  return ok({
    async drain(s, inRing, readData) {
      const doneBefore = s.control[ControlWord.DONE_COUNT] ?? 0;
      // The whole resident batch into the empty ring: armed by a copy on the device.
      const span = s.span;
      const arm =
        armFrom !== undefined &&
        span?.first === 0 &&
        span.count === armFrom.batch.count
          ? armStep(armFrom, ring)
          : undefined;
      const up = [
        await backend.uploadResident(control, byteView(s.control)),
        arm === undefined ? await uploadRing(s) : ok(undefined),
      ];
      for (const u of up) {
        if (!u.ok) {
          return u;
        }
      }
      const reads = [
        { buffer: control, byteOffset: 0, byteLength: controlWords * 4 },
        ...(readData ? dataReads : []),
      ];
      const ran = await backend.dispatchSequence(
        arm === undefined ? [drainStep] : [arm, drainStep],
        reads,
      );
      if (!ran.ok) {
        return ran;
      }
      const read = checkedWords(
        'control buffer',
        ran.value.reads[0],
        controlWords,
      );
      if (!read.ok) {
        return read;
      }
      s.control = read.value;
      let readBack = ran.value.reads.reduce((n, r) => n + r.byteLength, 0);
      if (readData) {
        s.data = ran.value.reads.slice(1);
      }
      const done = (s.control[ControlWord.DONE_COUNT] ?? 0) - doneBefore;
      let ringRead = false;
      if (done !== inRing) {
        // Straight into the host's ring (checked against the resident ring's size).
        const downloaded = await backend.dispatchSequence(
          [],
          [
            {
              buffer: ring,
              byteOffset: 0,
              byteLength: s.ring.byteLength,
              into: byteView(s.ring),
            },
          ],
        );
        if (!downloaded.ok) {
          return downloaded;
        }
        readBack += s.ring.byteLength;
        ringRead = true;
      }
      return ok({
        ringRead,
        kernelLaunches: 1,
        recovered: false,
        bytesUploaded:
          s.control.byteLength + (arm === undefined ? s.ring.byteLength : 0),
        bytesReadBack: readBack,
      });
    },
    close(healthy) {
      returnProtocolBuffers(megakernel, protocol, healthy);
      return undefined;
    },
  });
}
