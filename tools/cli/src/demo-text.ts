import type { StackError, StackErrorJson } from '@vyre/foundation';
import type { DemoReport } from '@vyre/megakernel-demo';

// What `vyre demo` prints: a table for people, or one JSON object.

/** Where the demo ran, beyond what the report says. */
export interface DemoContext {
  /** The WebGPU adapter's description. */
  readonly adapter: string | undefined;
  /** Why the demo runs on the CPU reference although WebGPU was the default. */
  readonly fallback: StackError | undefined;
}

/** Every megakernel run, and every per-item run when there were any, gave the reference's bytes. */
export function demoVerified(report: DemoReport): boolean {
  return report.verified && (report.perItem?.verified ?? true);
}

const ms = (value: number): string => `${value.toFixed(3)} ms`;
const count = (value: number): string =>
  Math.round(value).toLocaleString('en-US');
const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;
const plural = (value: number, word: string): string =>
  `${value} ${word}${value === 1 ? '' : 's'}`;

function row(label: string, value: string): string {
  return `  ${label.padEnd(13)}${value}`;
}

/** The report as a table for people. */
export function demoText(report: DemoReport, context: DemoContext): string {
  const m = report.megakernel;
  const t = report.telemetry;
  const timed = m.samplesMs.length;
  const histogramItems =
    t.opcodes.find((o) => o.name === 'histogram')?.items ?? 0;
  const lines = [
    `vyre demo: ${count(report.items)} work items of ${t.opcodes.length} opcodes in one megakernel`,
    row(
      'backend',
      context.adapter === undefined
        ? report.backend
        : `${report.backend} (${context.adapter})`,
    ),
    row(
      'items',
      `${count(report.items)} in ${count(report.slotCount)} ring slots (${report.workgroupSize} lanes × ${report.workerGroups} workgroups)`,
    ),
    row(
      'data',
      report.residentData
        ? 'resident buffers, uploaded at the start of every run (per drain only the control buffer and the ring move)'
        : 'host bytes (every buffer uploaded and read back per drain)',
    ),
    row(
      'wall time',
      `${ms(m.medianMs)} (median of ${plural(timed, 'run')}, after a warm-up run that compiles the pipeline)`,
    ),
    row(
      'throughput',
      `${count(m.itemsPerSecond)} items/s, ${m.perItemUs.toFixed(4)} µs per item`,
    ),
  ];
  if (report.perItem === undefined) {
    lines.push(
      row(
        'ratio',
        'needs a GPU: on WebGPU the demo also times one dispatch per item on the same device',
      ),
    );
  } else {
    const a = report.perItem;
    lines.push(
      row(
        'per item',
        `${ms(a.timing.medianMs)}, ${a.timing.perItemUs.toFixed(4)} µs per item: (a) one dispatch per item, all in one submission, on the same device`,
      ),
      row(
        'ratio',
        `(a)/megakernel = ${a.ratio.toFixed(1)}× ${a.ratio >= 1 ? '(the megakernel is faster)' : '(one dispatch per item is faster here)'}`,
      ),
    );
  }
  lines.push(
    row(
      'verified',
      demoVerified(report)
        ? `yes: data, hist and sums equal the megakernel on the CPU reference byte for byte (${plural(report.verifiedRuns, 'run')}${report.perItem === undefined ? '' : ` and ${plural(report.perItem.timing.samplesMs.length + 1, 'per-item run')}`})`
        : `NO: ${report.mismatch ?? `one dispatch per item differs: ${report.perItem?.mismatch ?? ''}`}`,
    ),
    row(
      'telemetry',
      `${plural(t.drains, 'drain')}, ${plural(t.kernelLaunches, 'kernel launch')}, DONE_COUNT ${t.doneCount}, faulted ${t.faulted}, remaining ${t.remaining}`,
    ),
    row(
      '',
      `uploaded ${megabytes(t.bytesUploaded)}${t.initialDataBytes > 0 ? ` (and ${megabytes(t.initialDataBytes)} of initial data before the run)` : ''}, read back ${megabytes(t.bytesReadBack)} (${megabytes(t.bytesMovedPerSecond)}/s); publish and reclaim ${ms(t.publishNs / 1e6)}, backend dispatch ${ms(t.backendDispatchNs / 1e6)}`,
    ),
    row('opcodes', t.opcodes.map((o) => `${o.name} ${o.items}`).join(', ')),
    row(
      '',
      `hist: ${count(t.histogramIncrements)} increments (16 words × ${count(histogramItems)} histogram items)`,
    ),
  );
  return `${lines.join('\n').replaceAll(/ +$/gm, '')}\n`;
}

/** The report as one JSON-ready object. */
export function demoJson(
  report: DemoReport,
  context: DemoContext,
): Record<string, unknown> {
  const fallback: StackErrorJson | undefined = context.fallback?.toJSON();
  return {
    backend: report.backend,
    ...(context.adapter === undefined ? {} : { adapter: context.adapter }),
    ...(fallback === undefined ? {} : { fallback }),
    items: report.items,
    slotCount: report.slotCount,
    workgroupSize: report.workgroupSize,
    workerGroups: report.workerGroups,
    residentData: report.residentData,
    verified: demoVerified(report),
    ...(report.mismatch === undefined ? {} : { mismatch: report.mismatch }),
    verifiedRuns: report.verifiedRuns,
    wallMs: report.megakernel.medianMs,
    samplesMs: report.megakernel.samplesMs,
    itemsPerSecond: report.megakernel.itemsPerSecond,
    perItemUs: report.megakernel.perItemUs,
    referenceMs: report.referenceMs,
    ...(report.perItem === undefined
      ? {}
      : {
          perItemDispatch: {
            strategy: 'one dispatch per item, one submission',
            wallMs: report.perItem.timing.medianMs,
            samplesMs: report.perItem.timing.samplesMs,
            perItemUs: report.perItem.timing.perItemUs,
            verified: report.perItem.verified,
            ...(report.perItem.mismatch === undefined
              ? {}
              : { mismatch: report.perItem.mismatch }),
          },
          ratio: report.perItem.ratio,
        }),
    telemetry: report.telemetry,
  };
}
