import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import type { VyreBackend } from '@vyre/ir';
import {
  HANDLERS,
  initialBytes,
  MEGAKERNEL_DATA,
  makeWorkload,
  OPCODE_BASE,
  OPCODE_NAMES,
  outputsDifference,
  PerItemDispatcher,
  type Workload,
  type WorkloadOutputs,
} from '@vyre/megakernel-demo';
import {
  Megakernel,
  runWorkItems,
  type DrainProgress,
  type DrainReport,
} from '@vyre/runtime';
import {
  createTelemetryScratch,
  decodeRingTelemetry,
  ringSlotAt,
} from '@vyre/telemetry';
import type { DrainSample, MegakernelPageReport } from './megakernel-report.ts';

// The megakernel page's script: the demo workload (`?n=` items, default 2,000) on the visitor's GPU
// through WebGPU (the CPU reference with a notice when there is no WebGPU or no adapter), drained
// through a ring of 256 slots so that it takes several drains, with each drain's telemetry shown as it
// comes: items done, in the ring and waiting, the ring's slots by status, and the slots each opcode
// finished. Then the result is checked against the CPU reference and, on a GPU, timed against one
// dispatch per item on the same device.

const SLOTS = 256;

function kernel(backend: VyreBackend): Megakernel {
  const made = Megakernel.create(backend, {
    slotCount: SLOTS,
    workgroupSize: 256,
    handlers: HANDLERS,
    dataBuffers: MEGAKERNEL_DATA,
  });
  if (!made.ok) {
    throw new Error(made.error.format());
  }
  return made.value;
}

const scratch = createTelemetryScratch();

/** One drain's telemetry, from the progress the runtime reports (the ring as read back). */
function sample(progress: DrainProgress): DrainSample {
  const bytes = (words: Uint32Array): Uint8Array =>
    new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
  const decoded = decodeRingTelemetry(
    bytes(progress.control),
    bytes(progress.ring),
    scratch,
  );
  const occupancy: Record<string, number> = {};
  const doneByOpcode: Record<string, number> = {};
  if (decoded.ok) {
    const byStatus: Readonly<Record<string, number>> = {
      ...decoded.value.occupancy,
    };
    for (const [status, count] of Object.entries(byStatus)) {
      if (count > 0) {
        occupancy[status] = count;
      }
    }
    const slots = decoded.value.slots;
    for (let i = 0; i < slots.count; i++) {
      const slot = ringSlotAt(slots, i);
      if (slot?.status === 'DONE') {
        const name =
          OPCODE_NAMES[slot.opcode - OPCODE_BASE] ??
          `0x${slot.opcode.toString(16)}`;
        doneByOpcode[name] = (doneByOpcode[name] ?? 0) + 1;
      }
    }
  }
  // The progress counts are from before this drain's slots are reclaimed: add its DONE slots.
  const doneNow = Object.values(doneByOpcode).reduce((a, b) => a + b, 0);
  return {
    drain: progress.drains,
    itemsProcessed: progress.itemsProcessed + doneNow,
    itemsInRing: progress.itemsInRing - doneNow,
    itemsWaiting: progress.itemsWaiting,
    occupancy,
    doneByOpcode,
  };
}

function show(id: string, text: string): void {
  const element = document.getElementById(id);
  if (element !== null) {
    element.textContent = text;
  }
}

function showDrain(s: DrainSample, items: number): void {
  const table = document.querySelector<HTMLTableElement>('table#drains');
  const row = table?.insertRow();
  if (row === undefined) {
    return;
  }
  for (const text of [
    String(s.drain),
    `${s.itemsProcessed} / ${items}`,
    String(s.itemsInRing),
    String(s.itemsWaiting),
    Object.entries(s.occupancy)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    Object.entries(s.doneByOpcode)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  ]) {
    row.insertCell().textContent = text;
  }
  show(
    'progress',
    `drain ${s.drain}: ${s.itemsProcessed} of ${items} items done`,
  );
}

async function runOn(
  backend: VyreBackend,
  workload: Workload,
  onDrain?: (progress: DrainProgress) => void,
): Promise<{ report: DrainReport; outputs: WorkloadOutputs }> {
  const report = await runWorkItems(kernel(backend), workload.items, {
    data: initialBytes(workload),
    ...(onDrain === undefined ? {} : { onDrain }),
  });
  if (!report.ok) {
    throw new Error(report.error.format());
  }
  const [data, hist, sums] = report.value.data;
  if (data === undefined || hist === undefined || sums === undefined) {
    throw new Error('the run returned fewer than 3 data buffers');
  }
  return { report: report.value, outputs: { data, hist, sums } };
}

async function open(): Promise<{
  backend: VyreBackend;
  notice?: string;
  device?: GPUDevice;
}> {
  // Without `navigator.gpu`, `WebGpuBackend.create()` would go on to load Dawn, the Node implementation,
  // and the notice would tell the visitor to run `pnpm install`: say what the browser lacks instead.
  const browserGpu = (navigator as Partial<Navigator>).gpu;
  if (browserGpu === undefined) {
    return {
      backend: new CpuRefBackend(),
      notice:
        'This browser has no WebGPU (no navigator.gpu), so the megakernel runs on the CPU reference.',
    };
  }
  const gpu = await WebGpuBackend.create({ gpu: browserGpu });
  if (gpu.ok) {
    const device = gpu.value.device;
    return device === undefined
      ? { backend: gpu.value }
      : { backend: gpu.value, device };
  }
  return {
    backend: new CpuRefBackend(),
    notice: `WebGPU could not be opened, so the megakernel runs on the CPU reference: ${gpu.error.format()}`,
  };
}

async function run(): Promise<MegakernelPageReport> {
  const n = Number(new URLSearchParams(location.search).get('n') ?? 2000);
  const workload = makeWorkload(n);
  const { backend, notice, device } = await open();
  show('backend', `${backend.id}${notice === undefined ? '' : ` — ${notice}`}`);
  try {
    const drains: DrainSample[] = [];
    const run = await runOn(backend, workload, (progress) => {
      const s = sample(progress);
      drains.push(s);
      showDrain(s, n);
    });
    // Timed again with the pipeline compiled, like one dispatch per item below.
    const start = performance.now();
    const warm = await runOn(backend, workload);
    const megakernelMs = performance.now() - start;
    const reference = new CpuRefBackend();
    let expected: Awaited<ReturnType<typeof runOn>>;
    try {
      expected = await runOn(reference, workload);
    } finally {
      reference.dispose();
    }
    const verified = [run, warm].every(
      (r) =>
        r.report.itemsProcessed === n &&
        outputsDifference(r.outputs, expected.outputs) === undefined,
    );
    let perItemMs: number | undefined;
    if (device !== undefined) {
      const perItem = await PerItemDispatcher.create(device, workload);
      if (perItem.ok) {
        try {
          await perItem.value.run('one-submission'); // compiles its pipelines
          const t = performance.now();
          await perItem.value.run('one-submission');
          perItemMs = performance.now() - t;
        } finally {
          perItem.value.destroy();
        }
      }
    }
    show(
      'result',
      `${n} items in ${run.report.drains} drains of 256 slots: ${megakernelMs.toFixed(1)} ms (a second run, pipeline compiled)` +
        (perItemMs === undefined
          ? ''
          : `; one dispatch per item: ${perItemMs.toFixed(1)} ms (${(perItemMs / megakernelMs).toFixed(1)}×)`) +
        `; ${verified ? 'identical to the CPU reference' : 'DIFFERENT from the CPU reference'}`,
    );
    return {
      kind: 'done',
      backend: backend.id,
      ...(notice === undefined ? {} : { notice }),
      items: n,
      slots: SLOTS,
      drains,
      megakernelMs,
      ...(perItemMs === undefined ? {} : { perItemMs }),
      verified,
    };
  } finally {
    backend.dispose();
  }
}

const report = await run().catch((thrown: unknown): MegakernelPageReport => ({
  kind: 'failed',
  error:
    thrown instanceof Error
      ? `${thrown.name}: ${thrown.message}`
      : String(thrown),
}));
if (report.kind === 'failed') {
  show('result', report.error);
}
window.vyreMegakernelReport = report;
document.body.dataset['state'] = report.kind;
