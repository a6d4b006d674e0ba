import { ok, type Result } from '@vyre/foundation';
import {
  CONTROL_MIN_WORDS,
  ControlWord,
  METRICS_SLOTS,
  PRIORITY_FAIRNESS_SLOTS,
  TENANT_FAIRNESS_SLOTS,
} from './control-layout.ts';
import { malformed, snapshotWords } from './snapshot-bytes.ts';

/**
 * One opcode's drained-slot count from the control buffer's metrics table.
 *
 * @public
 */
export interface OpcodeMetric {
  opcode: number;
  count: number;
}

/**
 * The control buffer, decoded (vyre `ControlSnapshot`).
 *
 * @public
 */
export interface ControlSnapshot {
  /** Whether SHUTDOWN is set (any nonzero word). */
  shutdown: boolean;
  /** Slots drained so far (DONE_COUNT). */
  doneCount: number;
  /** BATCH_FENCE epochs passed (EPOCH). */
  epoch: number;
  /** The nonzero per-opcode metrics, by opcode (opcodes 0..31). */
  readonly metrics: OpcodeMetric[];
  /** Cumulative per-tenant fairness counters (32, by `tenant % 32`). */
  readonly tenantFairness: Uint32Array;
  /** Cumulative per-priority fairness counters (5, CRITICAL … IDLE). */
  readonly priorityFairness: Uint32Array;
}

/**
 * A zeroed control snapshot to decode into; reuse it across polls.
 *
 * @public
 */
export function createControlSnapshot(): ControlSnapshot {
  return {
    shutdown: false,
    doneCount: 0,
    epoch: 0,
    metrics: [],
    tenantFairness: new Uint32Array(TENANT_FAIRNESS_SLOTS),
    priorityFairness: new Uint32Array(PRIORITY_FAIRNESS_SLOTS),
  };
}

const spare = { words: new Uint32Array(0) };

/**
 * Decodes a control buffer's bytes (at least {@link CONTROL_MIN_WORDS} words, as read back) into `into`,
 * reusing its arrays and metric objects, so that polling allocates nothing once the metrics table has
 * been seen full.
 *
 * @param bytes - the control buffer
 * @param into - the snapshot to overwrite
 * @returns `into`, or TELEMETRY_SNAPSHOT_MALFORMED for bytes that are not a control buffer
 *
 * @public
 */
export function decodeControl(
  bytes: Uint8Array,
  into: ControlSnapshot,
): Result<ControlSnapshot> {
  const words = snapshotWords('control', bytes, spare);
  if (!words.ok) {
    return words;
  }
  const w = words.value;
  if (w.length < CONTROL_MIN_WORDS) {
    return malformed(
      `the control snapshot is ${w.length} words: expected at least ${CONTROL_MIN_WORDS} (everything before OBSERVABLE_BASE), found ${w.length}.`,
    );
  }
  into.shutdown = (w[ControlWord.SHUTDOWN] ?? 0) !== 0;
  into.doneCount = w[ControlWord.DONE_COUNT] ?? 0;
  into.epoch = w[ControlWord.EPOCH] ?? 0;
  let metrics = 0;
  for (let opcode = 0; opcode < METRICS_SLOTS; opcode++) {
    const count = w[ControlWord.METRICS_BASE + opcode] ?? 0;
    if (count !== 0) {
      const entry = into.metrics[metrics];
      if (entry === undefined) {
        into.metrics.push({ opcode, count });
      } else {
        entry.opcode = opcode;
        entry.count = count;
      }
      metrics++;
    }
  }
  into.metrics.length = metrics;
  into.tenantFairness.set(
    w.subarray(
      ControlWord.TENANT_FAIRNESS_BASE,
      ControlWord.TENANT_FAIRNESS_BASE + TENANT_FAIRNESS_SLOTS,
    ),
  );
  into.priorityFairness.set(
    w.subarray(
      ControlWord.PRIORITY_FAIRNESS_BASE,
      ControlWord.PRIORITY_FAIRNESS_BASE + PRIORITY_FAIRNESS_SLOTS,
    ),
  );
  return ok(into);
}
