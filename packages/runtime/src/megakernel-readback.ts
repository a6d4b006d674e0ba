import { err, ok, StackError, type Result } from '@vyre/foundation';
import { CONTROL_MIN_WORDS, SLOT_WORDS } from '@vyre/telemetry';
import { DebugLog } from './debug-log-layout.ts';
import { IoQueue } from './io-queue-layout.ts';

// The strict readback ABI of a megakernel dispatch (vyre `MegakernelReadback`): the four protocol
// buffers come back first, in binding order, then the read-write data buffers. Every length is checked
// against the geometry the kernel was built for; the words land in caller-owned storage when the caller
// passes it, so repeated dispatches allocate nothing.

/**
 * The buffers a megakernel dispatch returns, as words (the data buffers as bytes).
 *
 * @public
 */
export interface MegakernelReadback {
  control: Uint32Array;
  ring: Uint32Array;
  debugLog: Uint32Array;
  ioQueue: Uint32Array;
  /** The read-write data buffers, in declaration order. */
  data: Uint8Array[];
}

/**
 * Bytes read back per buffer of one dispatch (vyre `MegakernelReadbackCounters`).
 *
 * @public
 */
export interface MegakernelReadbackCounters {
  readonly control: number;
  readonly ring: number;
  readonly debugLog: number;
  readonly ioQueue: number;
  readonly data: number;
  readonly total: number;
}

/**
 * The lengths a readback must have.
 *
 * @public
 */
export interface ReadbackShape {
  readonly controlWords: number;
  readonly slotCount: number;
  /** Byte length of each read-write data buffer, in order. */
  readonly dataBytes: readonly number[];
}

/**
 * A readback with storage for `shape`, all zero: pass it to `Megakernel.dispatchInto` and reuse it.
 *
 * @param controlWords - words of the control buffer
 * @param slotCount - ring slots
 * @param dataBytes - byte length of each read-write data buffer
 *
 * @public
 */
export function allocateReadback(
  controlWords: number,
  slotCount: number,
  dataBytes: readonly number[] = [],
): MegakernelReadback {
  return {
    control: new Uint32Array(controlWords),
    ring: new Uint32Array(slotCount * SLOT_WORDS),
    debugLog: new Uint32Array(DebugLog.BUFFER_WORDS),
    ioQueue: new Uint32Array(IoQueue.BUFFER_WORDS),
    data: dataBytes.map((n) => new Uint8Array(n)),
  };
}

/**
 * Bytes per buffer of a readback.
 *
 * @param readback - the readback
 *
 * @public
 */
export function readbackCounters(
  readback: MegakernelReadback,
): MegakernelReadbackCounters {
  const data = readback.data.reduce((sum, d) => sum + d.byteLength, 0);
  const control = readback.control.byteLength;
  const ring = readback.ring.byteLength;
  const debugLog = readback.debugLog.byteLength;
  const ioQueue = readback.ioQueue.byteLength;
  return {
    control,
    ring,
    debugLog,
    ioQueue,
    data,
    total: control + ring + debugLog + ioQueue + data,
  };
}

function malformed(message: string): Result<never> {
  return err(new StackError('RUNTIME_PROTOCOL_MALFORMED', message));
}

/** Why `readback` does not have `shape`, or undefined when it does. */
export function checkReadbackShape(
  readback: MegakernelReadback,
  shape: ReadbackShape,
): Result<never> | undefined {
  const expected: ReadonlyArray<readonly [string, number, number]> = [
    ['control', readback.control.length, shape.controlWords],
    ['ring', readback.ring.length, shape.slotCount * SLOT_WORDS],
    ['debug log', readback.debugLog.length, DebugLog.BUFFER_WORDS],
    ['IO queue', readback.ioQueue.length, IoQueue.BUFFER_WORDS],
    ['data buffer count', readback.data.length, shape.dataBytes.length],
  ];
  for (const [what, found, wanted] of expected) {
    if (found !== wanted) {
      return malformed(
        `the readback's ${what} has ${found} ${what.endsWith('count') ? '' : 'words '}: expected ${wanted} for this megakernel.`,
      );
    }
  }
  for (const [i, bytes] of readback.data.entries()) {
    if (bytes.byteLength !== shape.dataBytes[i]) {
      return malformed(
        `the readback's data buffer ${i} has ${bytes.byteLength} bytes: expected ${String(shape.dataBytes[i])}.`,
      );
    }
  }
  return undefined;
}

/** The bytes of `buffer` (a view, not a copy). */
export const byteView = (buffer: Uint8Array | Uint32Array): Uint8Array =>
  buffer instanceof Uint8Array
    ? buffer
    : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** The byte views of a readback's buffers, in the order the backend returns them. */
export function readbackViews(readback: MegakernelReadback): Uint8Array[] {
  return [
    byteView(readback.control),
    byteView(readback.ring),
    byteView(readback.debugLog),
    byteView(readback.ioQueue),
    ...readback.data,
  ];
}

/** A copy of `bytes` as `words` words, or RUNTIME_PROTOCOL_MALFORMED naming `what` when it has another length. */
export function checkedWords(
  what: string,
  bytes: Uint8Array | undefined,
  words: number,
): Result<Uint32Array> {
  if (bytes?.byteLength !== words * 4) {
    return malformed(
      `the ${what} came back with ${bytes === undefined ? 'no bytes' : `${bytes.byteLength} bytes`}: expected ${words * 4}.`,
    );
  }
  const out = new Uint32Array(words);
  new Uint8Array(out.buffer).set(bytes);
  return ok(out);
}

/**
 * Decodes a backend's outputs for a megakernel into a readback, checking every length.
 *
 * @param outputs - the outputs of the dispatch, in the backend's order
 * @param shape - the lengths the kernel's geometry implies
 * @returns the readback, or RUNTIME_PROTOCOL_MALFORMED naming the first buffer of the wrong size
 *
 * @public
 */
export function decodeReadback(
  outputs: readonly Uint8Array[],
  shape: ReadbackShape,
): Result<MegakernelReadback> {
  if (shape.controlWords < CONTROL_MIN_WORDS) {
    return malformed(
      `a control buffer has at least ${CONTROL_MIN_WORDS} words, found ${shape.controlWords}.`,
    );
  }
  if (outputs.length !== 4 + shape.dataBytes.length) {
    return malformed(
      `the dispatch returned ${outputs.length} buffers: expected the 4 protocol buffers and ${shape.dataBytes.length} read-write data buffers.`,
    );
  }
  const control = checkedWords(
    'control buffer',
    outputs[0],
    shape.controlWords,
  );
  if (!control.ok) {
    return control;
  }
  const ring = checkedWords('ring', outputs[1], shape.slotCount * SLOT_WORDS);
  if (!ring.ok) {
    return ring;
  }
  const debugLog = checkedWords('debug log', outputs[2], DebugLog.BUFFER_WORDS);
  if (!debugLog.ok) {
    return debugLog;
  }
  const ioQueue = checkedWords('IO queue', outputs[3], IoQueue.BUFFER_WORDS);
  if (!ioQueue.ok) {
    return ioQueue;
  }
  const data = outputs.slice(4);
  for (const [i, bytes] of data.entries()) {
    if (bytes.byteLength !== shape.dataBytes[i]) {
      return malformed(
        `data buffer ${i} came back with ${bytes.byteLength} bytes: expected ${String(shape.dataBytes[i])}.`,
      );
    }
  }
  return ok({
    control: control.value,
    ring: ring.value,
    debugLog: debugLog.value,
    ioQueue: ioQueue.value,
    data,
  });
}
