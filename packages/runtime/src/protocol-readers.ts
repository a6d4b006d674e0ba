import { err, ok, StackError, type Result } from '@vyre/foundation';
import {
  CONTROL_MIN_WORDS,
  ControlWord,
  METRICS_SLOTS,
  RingStatus,
  SLOT_WORDS,
  SlotWord,
  type OpcodeMetric,
} from '@vyre/telemetry';
import { DebugLog } from './debug-log-layout.ts';

// Strict readers of the megakernel's buffers as read back: each checks the bytes' shape first and
// answers RUNTIME_PROTOCOL_MALFORMED, never a guess.

/**
 * One PRINTF record of the debug log.
 *
 * @public
 */
export interface DebugRecord {
  readonly fmtId: number;
  /** The two arguments and the slot's base word. */
  readonly args: readonly [number, number, number];
}

function malformed(message: string): Result<never> {
  return err(new StackError('RUNTIME_PROTOCOL_MALFORMED', message));
}

function wordsOf(what: string, bytes: unknown): Result<Uint32Array> {
  if (!(bytes instanceof Uint8Array)) {
    return malformed(
      `the ${what} must be a Uint8Array as read back, found ${bytes === null ? 'null' : typeof bytes}.`,
    );
  }
  if (bytes.byteLength % 4 !== 0) {
    return malformed(
      `the ${what} is ${bytes.byteLength} bytes: expected whole 4-byte words.`,
    );
  }
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  return ok(
    new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4),
  );
}

function controlOf(bytes: Uint8Array): Result<Uint32Array> {
  const words = wordsOf('control buffer', bytes);
  if (words.ok && words.value.length < CONTROL_MIN_WORDS) {
    return malformed(
      `the control buffer is ${words.value.length} words: expected at least ${CONTROL_MIN_WORDS}.`,
    );
  }
  return words;
}

/**
 * Slots drained so far (DONE_COUNT). @public
 *
 * @param control - the control buffer's bytes
 */
export function readDoneCount(control: Uint8Array): Result<number> {
  const words = controlOf(control);
  return words.ok ? ok(words.value[ControlWord.DONE_COUNT] ?? 0) : words;
}

/**
 * BATCH_FENCE epochs passed (EPOCH). @public
 *
 * @param control - the control buffer's bytes
 */
export function readEpoch(control: Uint8Array): Result<number> {
  const words = controlOf(control);
  return words.ok ? ok(words.value[ControlWord.EPOCH] ?? 0) : words;
}

/**
 * Observable `index` (word OBSERVABLE_BASE + index). @public
 *
 * @param control - the control buffer's bytes
 * @param index - the observable
 */
export function readObservable(
  control: Uint8Array,
  index: number,
): Result<number> {
  const words = controlOf(control);
  if (!words.ok) {
    return words;
  }
  const available = words.value.length - ControlWord.OBSERVABLE_BASE;
  if (!Number.isInteger(index) || index < 0 || index >= available) {
    return malformed(
      `observable ${String(index)} is not in this control buffer: expected 0..${available - 1} (${available} observables).`,
    );
  }
  return ok(words.value[ControlWord.OBSERVABLE_BASE + index] ?? 0);
}

/**
 * The nonzero per-opcode metrics (opcodes 0..31), by opcode. @public
 *
 * @param control - the control buffer's bytes
 */
export function readMetrics(control: Uint8Array): Result<OpcodeMetric[]> {
  const words = controlOf(control);
  if (!words.ok) {
    return words;
  }
  const metrics: OpcodeMetric[] = [];
  for (let opcode = 0; opcode < METRICS_SLOTS; opcode++) {
    const count = words.value[ControlWord.METRICS_BASE + opcode] ?? 0;
    if (count !== 0) {
      metrics.push({ opcode, count });
    }
  }
  return ok(metrics);
}

/**
 * The debug log's records in write order, and how many PRINTFs found it full. @public
 *
 * @param log - the debug log's bytes (257 words)
 */
export function readDebugLog(
  log: Uint8Array,
): Result<{ readonly records: DebugRecord[]; readonly dropped: number }> {
  const words = wordsOf('debug log', log);
  if (!words.ok) {
    return words;
  }
  const w = words.value;
  if (w.length !== DebugLog.BUFFER_WORDS) {
    return malformed(
      `the debug log is ${w.length} words: expected ${DebugLog.BUFFER_WORDS}.`,
    );
  }
  const cursor = w[DebugLog.CURSOR_WORD] ?? 0;
  if (cursor % DebugLog.RECORD_WORDS !== 0) {
    return malformed(
      `the debug log's cursor is ${cursor}: expected a multiple of ${DebugLog.RECORD_WORDS} (whole records).`,
    );
  }
  const reserved = cursor / DebugLog.RECORD_WORDS;
  const count = Math.min(reserved, DebugLog.RECORD_CAPACITY);
  const records: DebugRecord[] = [];
  for (let i = 0; i < count; i++) {
    const base = DebugLog.RECORDS_BASE + i * DebugLog.RECORD_WORDS;
    records.push({
      fmtId: w[base] ?? 0,
      args: [w[base + 1] ?? 0, w[base + 2] ?? 0, w[base + 3] ?? 0],
    });
  }
  return ok({ records, dropped: reserved - count });
}

/**
 * Slots whose status is DONE. @public
 *
 * @param ring - the ring's bytes
 */
export function countDoneRingSlots(ring: Uint8Array): Result<number> {
  const words = wordsOf('ring', ring);
  if (!words.ok) {
    return words;
  }
  const w = words.value;
  if (w.length % SLOT_WORDS !== 0) {
    return malformed(
      `the ring is ${w.length} words: expected whole ${SLOT_WORDS}-word slots.`,
    );
  }
  let done = 0;
  for (let base = SlotWord.STATUS; base < w.length; base += SLOT_WORDS) {
    if (w[base] === RingStatus.DONE) {
      done++;
    }
  }
  return ok(done);
}
