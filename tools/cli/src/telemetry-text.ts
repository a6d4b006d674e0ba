import type { RingTelemetry, RuntimeCounters } from '@vyre/telemetry';

// `vyre telemetry`'s table for people: the control buffer's counters, the ring's occupancy by status,
// the runtime counters and the per-opcode metrics.

const count = (n: number): string => n.toLocaleString('en-US');
const row = (name: string, value: string): string =>
  `  ${name.padEnd(13)}${value}`;

const OCCUPANCY_ORDER = [
  'empty',
  'published',
  'claimed',
  'done',
  'waitIo',
  'yield',
  'requeue',
  'fault',
  'unknown',
] as const;

/** The decoded snapshot as a table. */
export function telemetryText(
  telemetry: RingTelemetry,
  counters: RuntimeCounters,
  source: string,
): string {
  const { control, occupancy } = telemetry;
  const statuses = OCCUPANCY_ORDER.filter((s) => occupancy[s] > 0)
    .map((s) => `${s} ${count(occupancy[s])}`)
    .join(', ');
  const metrics = control.metrics
    .map((m) => `${opcodeName(m.opcode)} ${count(m.count)}`)
    .join(', ');
  return [
    `vyre telemetry: ${source}`,
    row(
      'control',
      `DONE_COUNT ${count(control.doneCount)}, EPOCH ${count(control.epoch)}, SHUTDOWN ${control.shutdown ? 'set' : 'clear'}`,
    ),
    row(
      'ring',
      `${count(counters.totalSlots)} slots: ${statuses === '' ? 'none' : statuses}`,
    ),
    row(
      'queue',
      `depth ${count(counters.queueDepth)}, idle ${count(counters.gpuIdleSlots)} (${(counters.gpuIdlePpm / 10_000).toFixed(2)} %), occupancy proxy ${(counters.occupancyProxyBps / 100).toFixed(2)} %`,
    ),
    row(
      'drained',
      `${count(counters.drainedSlots)} (${count(counters.unreclaimedDoneSlots)} DONE slots not yet reclaimed), faulted ${count(counters.faultSlots)}, requeued ${count(counters.requeueSlots)}`,
    ),
    row(
      'fairness',
      `tenants ${count(counters.tenantFairnessTotal)} (skew ${count(counters.tenantFairnessSkew)}), priorities ${count(counters.priorityFairnessTotal)}`,
    ),
    row(
      'metrics',
      metrics === '' ? 'none (built-in opcodes 0..31 only)' : metrics,
    ),
    '',
  ].join('\n');
}

// The metrics table counts opcodes 0..31: the built-ins by name.
const BUILTIN_NAMES = [
  'NOP',
  'STORE_U32',
  'ATOMIC_ADD',
  'LOAD_U32',
  'COMPARE_SWAP',
  'MEMCPY',
  'DFA_STEP',
  'BATCH_FENCE',
];

function opcodeName(opcode: number): string {
  return BUILTIN_NAMES[opcode] ?? `opcode ${opcode}`;
}
