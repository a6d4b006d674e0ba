import { ok, type Result } from '@vyre/foundation';
import { decodeControl } from './control-snapshot.ts';
import { RingStatus } from './ring-status.ts';
import { reserveSlots } from './ring-slot-table.ts';
import type { RingTelemetry, TelemetryScratch } from './ring-telemetry.ts';
import { MAX_RING_SLOTS, SLOT_WORDS, SlotWord } from './slot-layout.ts';
import { malformed, snapshotWords } from './snapshot-bytes.ts';
import { WindowClass, type WindowTelemetry } from './window-telemetry.ts';

/**
 * Options of {@link decodeRingTelemetry}.
 *
 * @public
 */
export interface DecodeRingOptions {
  /** Opcodes whose slots form ticketed windows (`arg0` ticket, `arg1` class) to aggregate. */
  readonly windowOpcodes?: readonly number[];
}

const STATUS_COUNT = 8;
const counts = new Uint32Array(STATUS_COUNT + 1);

/**
 * Decodes a control and a ring snapshot (as read back) into `scratch.telemetry`: the control words, the
 * occupancy by status, every slot's status, opcode, tenant and first three arguments, and the windows
 * of `options.windowOpcodes`. Nothing is allocated per slot; the slot columns grow only when the ring is
 * larger than any decoded before.
 *
 * @param control - the control buffer's bytes
 * @param ring - the ring's bytes (a whole number of 64-byte slots)
 * @param scratch - caller-owned scratch, reused across decodes
 * @param options - window opcodes
 * @returns `scratch.telemetry`, or TELEMETRY_SNAPSHOT_MALFORMED (nothing in `scratch` is trusted then)
 *
 * @public
 */
export function decodeRingTelemetry(
  control: Uint8Array,
  ring: Uint8Array,
  scratch: TelemetryScratch,
  options: DecodeRingOptions = {},
): Result<RingTelemetry> {
  const { telemetry } = scratch;
  const decoded = decodeControl(control, telemetry.control);
  if (!decoded.ok) {
    return decoded;
  }
  const words = snapshotWords('ring', ring, scratch.spare);
  if (!words.ok) {
    return words;
  }
  const w = words.value;
  if (w.length % SLOT_WORDS !== 0) {
    return malformed(
      `the ring snapshot is ${w.length} words: expected a whole number of ${SLOT_WORDS}-word slots, found ${w.length % SLOT_WORDS} word(s) over.`,
    );
  }
  const slotCount = w.length / SLOT_WORDS;
  if (slotCount > MAX_RING_SLOTS) {
    return malformed(
      `the ring snapshot holds ${slotCount} slots: expected at most ${MAX_RING_SLOTS}, found ${slotCount}.`,
    );
  }
  const table = telemetry.slots;
  reserveSlots(table, slotCount);
  const { status, opcode, tenant, arg0, arg1, arg2 } = table;
  counts.fill(0);
  // Word offsets as locals: the loop runs a million times per poll.
  const [st, op, te, a0] = [
    SlotWord.STATUS,
    SlotWord.OPCODE,
    SlotWord.TENANT,
    SlotWord.ARG0,
  ];
  for (let i = 0, base = 0; i < slotCount; i++, base += SLOT_WORDS) {
    const s = w[base + st] as number;
    status[i] = s;
    opcode[i] = w[base + op] as number;
    tenant[i] = w[base + te] as number;
    arg0[i] = w[base + a0] as number;
    arg1[i] = w[base + a0 + 1] as number;
    arg2[i] = w[base + a0 + 2] as number;
    const k = s < STATUS_COUNT ? s : STATUS_COUNT;
    counts[k] = (counts[k] as number) + 1;
  }
  table.count = slotCount;
  const occupancy = telemetry.occupancy;
  occupancy.empty = counts[RingStatus.EMPTY] ?? 0;
  occupancy.published = counts[RingStatus.PUBLISHED] ?? 0;
  occupancy.claimed = counts[RingStatus.CLAIMED] ?? 0;
  occupancy.done = counts[RingStatus.DONE] ?? 0;
  occupancy.waitIo = counts[RingStatus.WAIT_IO] ?? 0;
  occupancy.yield = counts[RingStatus.YIELD] ?? 0;
  occupancy.requeue = counts[RingStatus.REQUEUE] ?? 0;
  occupancy.fault = counts[RingStatus.FAULT] ?? 0;
  occupancy.unknown = counts[STATUS_COUNT] ?? 0;
  decodeWindows(scratch, options.windowOpcodes ?? []);
  return ok(telemetry);
}

function decodeWindows(
  scratch: TelemetryScratch,
  windowOpcodes: readonly number[],
): void {
  const { telemetry, windowIndex } = scratch;
  const windows = telemetry.windows;
  windows.length = 0;
  for (const byTicket of windowIndex.values()) {
    byTicket.clear();
  }
  if (windowOpcodes.length === 0) {
    return;
  }
  if (scratch.windowOpcodes.length < windowOpcodes.length) {
    scratch.windowOpcodes = new Uint32Array(windowOpcodes.length);
  }
  const wanted = scratch.windowOpcodes.subarray(0, windowOpcodes.length);
  wanted.set(windowOpcodes.map((op) => op >>> 0));
  wanted.sort();
  const { count, status, opcode, tenant, arg0, arg1 } = telemetry.slots;
  for (let i = 0; i < count; i++) {
    const s = status[i] as number;
    const op = opcode[i] as number;
    if (s === RingStatus.EMPTY || !includes(wanted, op)) {
      continue;
    }
    const row = windowRow(scratch, tenant[i] as number, arg0[i] as number, op);
    const cls = arg1[i] as number;
    if (cls === WindowClass.REQUIRED) {
      row.requiredSlots++;
    } else if (cls === WindowClass.LOOKAHEAD) {
      row.lookaheadSlots++;
    }
    countStatus(row, s);
  }
  windows.sort((a, b) => a.ticket - b.ticket || a.tenant - b.tenant);
}

function includes(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid] as number;
    if (at === value) {
      return true;
    }
    if (at < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return false;
}

function windowRow(
  scratch: TelemetryScratch,
  tenantId: number,
  ticket: number,
  op: number,
): WindowTelemetry {
  let byTicket = scratch.windowIndex.get(tenantId);
  if (byTicket === undefined) {
    byTicket = new Map();
    scratch.windowIndex.set(tenantId, byTicket);
  }
  const found = byTicket.get(ticket);
  if (found !== undefined) {
    return found;
  }
  const windows = scratch.telemetry.windows;
  const row = scratch.windowPool[windows.length] ?? freshRow();
  scratch.windowPool[windows.length] = row;
  row.ticket = ticket;
  row.tenant = tenantId;
  row.opcode = op;
  row.requiredSlots = 0;
  row.lookaheadSlots = 0;
  row.published = 0;
  row.claimed = 0;
  row.done = 0;
  row.waitIo = 0;
  row.yield = 0;
  row.requeue = 0;
  row.fault = 0;
  windows.push(row);
  byTicket.set(ticket, row);
  return row;
}

function freshRow(): WindowTelemetry {
  return {
    ticket: 0,
    tenant: 0,
    opcode: 0,
    requiredSlots: 0,
    lookaheadSlots: 0,
    published: 0,
    claimed: 0,
    done: 0,
    waitIo: 0,
    yield: 0,
    requeue: 0,
    fault: 0,
  };
}

function countStatus(row: WindowTelemetry, s: number): void {
  switch (s) {
    case RingStatus.PUBLISHED:
      row.published++;
      break;
    case RingStatus.CLAIMED:
      row.claimed++;
      break;
    case RingStatus.DONE:
      row.done++;
      break;
    case RingStatus.WAIT_IO:
      row.waitIo++;
      break;
    case RingStatus.YIELD:
      row.yield++;
      break;
    case RingStatus.REQUEUE:
      row.requeue++;
      break;
    case RingStatus.FAULT:
      row.fault++;
      break;
    default:
      break;
  }
}
