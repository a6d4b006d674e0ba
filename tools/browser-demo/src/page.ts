import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import { planBindings, type DispatchResult, type Program } from '@vyre/ir';
import {
  compareCase,
  compareOutputs,
  operatorCases,
  referenceFor,
} from '@vyre/conformance';
import { demoProgram, demoSeeds } from './demo-program.ts';
import type { DemoColumn, PageReport } from './page-report.ts';

// The page's script: the demo program on `navigator.gpu` through the unchanged WebGPU driver and on the
// CPU reference, shown side by side; then the operator case tables, compared as the conformance tool
// compares them in Node. The result goes into the page and into `window.vyreReport`.

const bytesOf = (words: Uint32Array): Uint8Array =>
  new Uint8Array(words.buffer);

function columns(
  p: Program,
  gpu: DispatchResult,
  cpu: DispatchResult,
): DemoColumn[] {
  const mismatches = compareOutputs(p, cpu.outputs, gpu.outputs);
  return planBindings(p).outputs.map((index, i) => {
    const buffer = p.buffers[index];
    const name = buffer?.name ?? `output ${i}`;
    const [g, c] = [gpu.outputs[i], cpu.outputs[i]].map(
      (bytes) => bytes ?? new Uint8Array(0),
    ) as [Uint8Array, Uint8Array];
    const show = (bytes: Uint8Array): string[] =>
      buffer?.element === 'f32'
        ? Array.from(new Float32Array(bytes.slice().buffer), String)
        : Array.from(new Uint32Array(bytes.slice().buffer), String);
    const identical =
      g.length === c.length && g.every((byte, k) => byte === c[k]);
    return {
      name,
      gpu: show(g),
      cpu: show(c),
      verdict: identical
        ? 'identical'
        : mismatches.some((m) => m.output === name)
          ? 'differ'
          : 'within-window',
    };
  });
}

async function run(): Promise<PageReport> {
  const created = await WebGpuBackend.create();
  if (!created.ok) {
    return { kind: 'failed', error: created.error.format() };
  }
  const gpu = created.value;
  try {
    const seeds = bytesOf(demoSeeds());
    const p = demoProgram();
    const cpu = new CpuRefBackend();
    const onGpu = await gpu.dispatch(p, [seeds]);
    const onCpu = await cpu.dispatch(p, [seeds]);
    if (!onGpu.ok || !onCpu.ok) {
      return {
        kind: 'failed',
        error: (!onGpu.ok
          ? onGpu.error
          : (onCpu as { error: { format(): string } }).error
        ).format(),
      };
    }
    const references = await referenceFor(gpu);
    let agree = 0;
    let skipped = 0;
    const differ: string[] = [];
    for (const entry of operatorCases()) {
      const outcome = await compareCase(gpu, references, entry);
      switch (outcome.kind) {
        case 'agree':
          agree += 1;
          break;
        case 'skipped':
          skipped += 1;
          break;
        case 'differ':
          differ.push(`${entry.name}: ${outcome.details.join('; ')}`);
          break;
      }
    }
    const info = gpu.adapter;
    return {
      kind: 'done',
      adapter:
        info === undefined
          ? 'unknown'
          : [info.vendor, info.architecture, info.description]
              .filter((part) => part !== '')
              .join(' / '),
      columns: columns(p, onGpu.value, onCpu.value),
      cases: { agree, skipped, differ },
    };
  } finally {
    gpu.dispose();
  }
}

function render(report: PageReport): void {
  const status = document.getElementById('status');
  const table = document.querySelector<HTMLTableElement>('table#result');
  if (status === null || table === null) {
    return;
  }
  if (report.kind === 'failed') {
    status.textContent = report.error;
    return;
  }
  status.textContent =
    `${report.adapter}: ${report.columns.map((c) => `${c.name} ${c.verdict}`).join(', ')}; ` +
    `operator cases: ${report.cases.agree} agree, ${report.cases.differ.length} differ, ${report.cases.skipped} skipped`;
  const header = table.insertRow();
  for (const text of [
    'i',
    ...report.columns.flatMap((c) => [`${c.name} (GPU)`, `${c.name} (CPU)`]),
  ]) {
    const cell = document.createElement('th');
    cell.textContent = text;
    header.append(cell);
  }
  const rows = report.columns[0]?.gpu.length ?? 0;
  for (let i = 0; i < rows; i++) {
    const row = table.insertRow();
    row.insertCell().textContent = String(i);
    for (const c of report.columns) {
      row.insertCell().textContent = c.gpu[i] ?? '';
      row.insertCell().textContent = c.cpu[i] ?? '';
    }
  }
}

const report = await run().catch((thrown: unknown): PageReport => ({
  kind: 'failed',
  error:
    thrown instanceof Error
      ? `${thrown.name}: ${thrown.message}`
      : String(thrown),
}));
render(report);
window.vyreReport = report;
document.body.dataset['state'] = report.kind;
