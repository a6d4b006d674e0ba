import { ringStatusName, type RingStatusName } from './ring-status.ts';

/**
 * The decoded slots of a ring as columns (one typed array per field), so that decoding a million slots
 * allocates nothing per slot; {@link ringSlotAt} gives one slot as an object.
 *
 * @remarks
 * Arrays may be longer than `count` (their capacity, reused across decodes); only the first `count`
 * entries are this snapshot's.
 *
 * @public
 */
export interface RingSlotTable {
  /** Slots decoded. */
  count: number;
  /** Raw status words (see `ringStatusName`). */
  status: Uint32Array;
  opcode: Uint32Array;
  tenant: Uint32Array;
  /** The first three argument words. */
  arg0: Uint32Array;
  arg1: Uint32Array;
  arg2: Uint32Array;
}

/**
 * One ring slot (vyre `RingSlotSnapshot`).
 *
 * @public
 */
export interface RingSlotSnapshot {
  readonly slotIndex: number;
  readonly status: RingStatusName;
  /** The status word as read (useful when `status` is `'UNKNOWN'`). */
  readonly rawStatus: number;
  readonly tenant: number;
  readonly opcode: number;
  readonly argsPrefix: readonly [number, number, number];
}

/**
 * An empty table with room for `capacity` slots.
 *
 * @param capacity - slots to reserve
 *
 * @public
 */
export function createRingSlotTable(capacity = 0): RingSlotTable {
  return {
    count: 0,
    status: new Uint32Array(capacity),
    opcode: new Uint32Array(capacity),
    tenant: new Uint32Array(capacity),
    arg0: new Uint32Array(capacity),
    arg1: new Uint32Array(capacity),
    arg2: new Uint32Array(capacity),
  };
}

/** Grows `table` to hold at least `slots` (geometrically, keeping nothing: decoding rewrites it). */
export function reserveSlots(table: RingSlotTable, slots: number): void {
  if (table.status.length >= slots) {
    return;
  }
  const capacity = Math.max(
    slots,
    Math.min(table.status.length * 2, 0x7fff_ffff),
  );
  table.status = new Uint32Array(capacity);
  table.opcode = new Uint32Array(capacity);
  table.tenant = new Uint32Array(capacity);
  table.arg0 = new Uint32Array(capacity);
  table.arg1 = new Uint32Array(capacity);
  table.arg2 = new Uint32Array(capacity);
}

/**
 * Slot `index` of the table as an object, or `undefined` past `count`.
 *
 * @param table - the decoded slots
 * @param index - a slot index
 *
 * @public
 */
export function ringSlotAt(
  table: RingSlotTable,
  index: number,
): RingSlotSnapshot | undefined {
  if (!Number.isInteger(index) || index < 0 || index >= table.count) {
    return undefined;
  }
  const raw = table.status[index] ?? 0;
  return {
    slotIndex: index,
    status: ringStatusName(raw),
    rawStatus: raw,
    tenant: table.tenant[index] ?? 0,
    opcode: table.opcode[index] ?? 0,
    argsPrefix: [
      table.arg0[index] ?? 0,
      table.arg1[index] ?? 0,
      table.arg2[index] ?? 0,
    ],
  };
}
