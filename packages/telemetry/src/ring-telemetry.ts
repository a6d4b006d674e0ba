import {
  createControlSnapshot,
  type ControlSnapshot,
} from './control-snapshot.ts';
import { emptyOccupancy, type RingOccupancy } from './ring-occupancy.ts';
import { createRingSlotTable, type RingSlotTable } from './ring-slot-table.ts';
import type { WindowTelemetry } from './window-telemetry.ts';

/**
 * Everything host-visible about a megakernel run from one control and ring snapshot (vyre
 * `RingTelemetry`).
 *
 * @public
 */
export interface RingTelemetry {
  readonly control: ControlSnapshot;
  readonly occupancy: RingOccupancy;
  readonly slots: RingSlotTable;
  /** The ticketed windows of the requested window opcodes, by ticket then tenant. */
  readonly windows: WindowTelemetry[];
}

/**
 * Caller-owned scratch for repeated decodes (vyre `TelemetryDecodeScratch`): the decoded telemetry
 * itself, its slot columns and window rows, and the window accumulators. A supervisor polling at high
 * frequency keeps one and decodes into it, so a poll allocates nothing once capacities have grown.
 *
 * @public
 */
export interface TelemetryScratch {
  readonly telemetry: RingTelemetry;
  /** Window rows kept for reuse (the live ones are `telemetry.windows`). */
  readonly windowPool: WindowTelemetry[];
  /** tenant → ticket → row, cleared (not freed) per decode. */
  readonly windowIndex: Map<number, Map<number, WindowTelemetry>>;
  /** The window opcodes of the last decode, sorted. */
  windowOpcodes: Uint32Array;
  /** Where a misaligned snapshot is copied to be read as words. */
  readonly spare: { words: Uint32Array };
}

/**
 * Empty scratch, optionally with room for `slotCapacity` slots already reserved.
 *
 * @param slotCapacity - slots to reserve
 *
 * @public
 */
export function createTelemetryScratch(slotCapacity = 0): TelemetryScratch {
  return {
    telemetry: {
      control: createControlSnapshot(),
      occupancy: emptyOccupancy(),
      slots: createRingSlotTable(slotCapacity),
      windows: [],
    },
    windowPool: [],
    windowIndex: new Map(),
    windowOpcodes: new Uint32Array(0),
    spare: { words: new Uint32Array(0) },
  };
}
