import { err, ok, StackError, type Result } from '@vyre/foundation';
import { PRIORITY_LABELS, STATUS_LABELS } from './metric-labels.ts';
import { runtimeCounters } from './runtime-counters.ts';
import { hostCopyAvoidanceBps } from './runtime-evidence.ts';
import type { TelemetrySample } from './telemetry-sample.ts';
import { isWindowActive } from './window-telemetry.ts';

// The Prometheus text exposition format (version 0.0.4): one HELP and one TYPE line per family, then
// its samples. Names follow Prometheus conventions: a `vyre_` namespace, snake case, base units
// (`_bytes`, `_seconds`), ratios 0..1 as `_ratio`, counters ending in `_total`.

/**
 * Options of {@link toPrometheusText}.
 *
 * @public
 */
export interface PrometheusOptions {
  /** The metric name prefix (default `vyre`). */
  readonly namespace?: string;
}

type Family = {
  readonly name: string;
  readonly type: 'gauge' | 'counter';
  readonly help: string;
  readonly samples: ReadonlyArray<
    readonly [Readonly<Record<string, string>>, number]
  >;
};

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value with `\`, `"` and newlines escaped. */
function escapeLabel(value: string): string {
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('\n', '\\n');
}

/** HELP text with `\` and newlines escaped. */
function escapeHelp(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '+Inf' : '-Inf';
  }
  return String(value);
}

// Exact fractions (the counters' ppm and basis points are rounded down); 0 of an empty ring.
const ratio = (part: number, whole: number): number =>
  whole === 0 ? 0 : part / whole;

function families(sample: TelemetrySample): Family[] {
  const { telemetry } = sample;
  const { control, occupancy } = telemetry;
  const counters = sample.counters ?? runtimeCounters(telemetry);
  const one = (value: number): Family['samples'] => [[{}, value]];
  const out: Family[] = [
    {
      name: 'ring_slots',
      type: 'gauge',
      help: 'Ring slots by status (unknown: a status word that is none of the eight statuses).',
      samples: STATUS_LABELS.map(([label, key]) => [
        { status: label },
        occupancy[key],
      ]),
    },
    {
      name: 'ring_queued_slots',
      type: 'gauge',
      help: 'Ring slots neither empty nor done: published, claimed, waiting, yielded, requeued, faulted or unknown.',
      samples: one(counters.queueDepth),
    },
    {
      name: 'ring_idle_ratio',
      type: 'gauge',
      help: 'Empty ring slots as a fraction of the ring.',
      samples: one(ratio(counters.gpuIdleSlots, counters.totalSlots)),
    },
    {
      name: 'ring_frontier_density_ratio',
      type: 'gauge',
      help: 'Queued ring slots as a fraction of the ring.',
      samples: one(ratio(counters.queueDepth, counters.totalSlots)),
    },
    {
      name: 'ring_occupancy_ratio',
      type: 'gauge',
      help: 'Non-empty ring slots as a fraction of the ring.',
      samples: one(
        ratio(counters.totalSlots - counters.gpuIdleSlots, counters.totalSlots),
      ),
    },
    {
      name: 'ring_unreclaimed_done_slots',
      type: 'gauge',
      help: 'DONE ring slots not yet reclaimed for new work.',
      samples: one(counters.unreclaimedDoneSlots),
    },
    {
      name: 'drained_slots_total',
      type: 'counter',
      help: 'Slots the megakernel has drained (the control buffer DONE_COUNT).',
      samples: one(control.doneCount),
    },
    {
      name: 'epochs_total',
      type: 'counter',
      help: 'Batch fences passed (the control buffer EPOCH).',
      samples: one(control.epoch),
    },
    {
      name: 'shutdown',
      type: 'gauge',
      help: '1 when the control buffer SHUTDOWN flag is set.',
      samples: one(control.shutdown ? 1 : 0),
    },
    {
      name: 'opcode_drained_slots_total',
      type: 'counter',
      help: 'Drained slots per opcode (opcodes 0 to 31, from the control buffer metrics).',
      samples: control.metrics.map(({ opcode, count }) => [
        { opcode: String(opcode) },
        count,
      ]),
    },
    {
      name: 'tenant_fairness_total',
      type: 'counter',
      help: 'Per-tenant fairness counters, by tenant id modulo 32 (nonzero ones).',
      samples: Array.from(control.tenantFairness).flatMap((value, slot) =>
        value === 0 ? [] : [[{ tenant_slot: String(slot) }, value] as const],
      ),
    },
    {
      name: 'tenant_fairness_skew',
      type: 'gauge',
      help: 'Largest minus smallest nonzero tenant fairness counter.',
      samples: one(counters.tenantFairnessSkew),
    },
    {
      name: 'priority_fairness_total',
      type: 'counter',
      help: 'Per-priority fairness counters.',
      samples: PRIORITY_LABELS.map((priority, i) => [
        { priority },
        control.priorityFairness[i] ?? 0,
      ]),
    },
    {
      name: 'windows',
      type: 'gauge',
      help: 'Ticketed windows in the ring, active (unfinished work) or not.',
      samples: [
        [{ state: 'active' }, telemetry.windows.filter(isWindowActive).length],
        [
          { state: 'inactive' },
          telemetry.windows.filter((w) => !isWindowActive(w)).length,
        ],
      ],
    },
  ];
  const { watchdog, dispatch, evidence } = sample;
  if (watchdog !== undefined) {
    out.push(
      {
        name: 'watchdog_stall_suspected',
        type: 'gauge',
        help: '1 when work is queued, nothing drained since the previous sample, and no slot faulted.',
        samples: one(watchdog.suspectedStall ? 1 : 0),
      },
      {
        name: 'watchdog_drained_slots',
        type: 'gauge',
        help: 'Slots drained since the previous sample.',
        samples: one(watchdog.doneDelta),
      },
    );
  }
  if (dispatch !== undefined) {
    out.push(
      {
        name: 'dispatch_latency_seconds',
        type: 'gauge',
        help: 'Host-observed latency of the last megakernel dispatch.',
        samples: one(dispatch.latencyNs / 1e9),
      },
      {
        name: 'dispatch_transfer_bytes',
        type: 'gauge',
        help: 'Bytes of the last dispatch by direction (input, output, readback, moved in all).',
        samples: [
          [{ direction: 'input' }, dispatch.inputBytes],
          [{ direction: 'output' }, dispatch.outputBytes],
          [{ direction: 'readback' }, dispatch.readbackBytes],
          [{ direction: 'moved' }, dispatch.bytesMoved],
        ],
      },
      {
        name: 'dispatch_device_allocation_bytes',
        type: 'gauge',
        help: 'Device memory the last dispatch allocated.',
        samples: one(dispatch.deviceAllocationBytes),
      },
      {
        name: 'dispatch_kernel_launches',
        type: 'gauge',
        help: 'Kernel launches of the last dispatch.',
        samples: one(dispatch.kernelLaunches),
      },
      {
        name: 'dispatch_sync_points',
        type: 'gauge',
        help: 'Host synchronization points of the last dispatch.',
        samples: one(dispatch.syncPoints),
      },
      {
        name: 'dispatch_recovered_after_device_loss',
        type: 'gauge',
        help: '1 when the last dispatch recovered from a lost device.',
        samples: one(dispatch.recoveredAfterDeviceLoss ? 1 : 0),
      },
    );
  }
  if (evidence !== undefined) {
    out.push(
      {
        name: 'resident_device_bytes',
        type: 'gauge',
        help: 'Bytes kept resident on the device.',
        samples: one(evidence.residentDeviceBytes),
      },
      {
        name: 'host_copy_bytes',
        type: 'gauge',
        help: 'Host copy bytes, still needed or avoided by resident handles and device-side IO.',
        samples: [
          [{ kind: 'needed' }, evidence.hostCopyBytes],
          [{ kind: 'avoided' }, evidence.hostCopyAvoidedBytes],
        ],
      },
      {
        name: 'host_copy_avoidance_ratio',
        type: 'gauge',
        help: 'Avoided host copy bytes as a fraction of all host copy bytes.',
        samples: one(hostCopyAvoidanceBps(evidence) / 10_000),
      },
    );
  }
  return out;
}

/**
 * The sample in the Prometheus text exposition format (0.0.4), for a `/metrics` endpoint or a textfile
 * collector. `sample.labels` are added to every sample.
 *
 * @param sample - the sample
 * @param options - the name prefix
 * @returns the text, or TELEMETRY_LABEL_INVALID for a prefix or label name Prometheus does not allow
 *
 * @public
 */
export function toPrometheusText(
  sample: TelemetrySample,
  options: PrometheusOptions = {},
): Result<string> {
  const namespace = options.namespace ?? 'vyre';
  const constant = sample.labels ?? {};
  for (const name of [namespace, ...Object.keys(constant)]) {
    const valid =
      name === namespace
        ? METRIC_NAME.test(name)
        : LABEL_NAME.test(name) && !name.startsWith('__');
    if (!valid) {
      return err(
        new StackError(
          'TELEMETRY_LABEL_INVALID',
          `"${name}" cannot name a Prometheus ${name === namespace ? 'metric prefix' : 'label'}: expected letters, digits and underscores, not starting with a digit${name === namespace ? '' : ' or "__"'}.`,
        ),
      );
    }
  }
  const lines: string[] = [];
  for (const family of families(sample)) {
    const name = `${namespace}_${family.name}`;
    lines.push(`# HELP ${name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${name} ${family.type}`);
    for (const [labels, value] of family.samples) {
      const all = { ...constant, ...labels };
      const text = Object.entries(all)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      lines.push(
        `${name}${text === '' ? '' : `{${text}}`} ${formatValue(value)}`,
      );
    }
  }
  return ok(`${lines.join('\n')}\n`);
}
