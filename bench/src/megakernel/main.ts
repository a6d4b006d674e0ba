import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import type { VyreBackend } from '@vyre/ir';
import { Megakernel, runWorkItems, type DrainReport } from '@vyre/runtime';
import { PerItemDispatcher, type PerItemMode } from './per-item-dispatch.ts';
import {
  HANDLERS,
  MEGAKERNEL_DATA,
  makeWorkload,
  type Workload,
} from './workload.ts';

// Issue 8's headline: N work items of 8 opcodes over user data buffers, on one WebGPU device, three
// ways side by side in one run: (a) one dispatch per item, all in one pass and one submission; (b) one
// submission per item; (c) the megakernel. Every run's data, histogram and sums are compared with the
// megakernel on the CPU reference, byte for byte. Figures: median wall time of the timed runs, per-item
// cost, and (a)/(c), (b)/(c).
// Run: pnpm bench:megakernel [--n 10000,100000] [--reps 10] [--json out.json] [--no-b]

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (option('--n') ?? '10000').split(',').map(Number);
const reps = Number(option('--reps') ?? '10');
const jsonPath = option('--json');
const skipB = args.includes('--no-b');

interface Outputs {
  readonly data: Uint8Array;
  readonly hist: Uint8Array;
  readonly sums: Uint8Array;
}

const bytes = (w: Uint32Array): Uint8Array =>
  new Uint8Array(w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength));

function megakernelFor(backend: VyreBackend, n: number): Megakernel {
  const built = Megakernel.create(backend, {
    slotCount: Math.ceil(n / 256) * 256,
    workgroupSize: 256,
    handlers: HANDLERS,
    dataBuffers: MEGAKERNEL_DATA,
  });
  if (!built.ok) {
    throw new Error(built.error.format());
  }
  return built.value;
}

async function runMegakernel(
  mk: Megakernel,
  w: Workload,
): Promise<{ readonly report: DrainReport; readonly out: Outputs }> {
  const report = await runWorkItems(mk, w.items, {
    data: [bytes(w.data), bytes(w.hist), bytes(w.sums)],
    binByOpcode: process.env['BIN'] === '1',
  });
  if (!report.ok) {
    throw new Error(report.error.format());
  }
  const [data, hist, sums] = report.value.data;
  if (
    report.value.itemsProcessed !== w.items.length ||
    data === undefined ||
    hist === undefined ||
    sums === undefined
  ) {
    throw new Error(
      `the megakernel processed ${report.value.itemsProcessed} of ${w.items.length} items`,
    );
  }
  return { report: report.value, out: { data, hist, sums } };
}

function same(a: Outputs, b: Outputs): boolean {
  const eq = (x: Uint8Array, y: Uint8Array): boolean =>
    x.byteLength === y.byteLength && x.every((v, i) => v === y[i]);
  return eq(a.data, b.data) && eq(a.hist, b.hist) && eq(a.sums, b.sums);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

const created = await WebGpuBackend.create();
if (!created.ok) {
  console.error(created.error.format());
  process.exit(1);
}
const gpu = created.value;
const device = gpu.device;
if (device === undefined) {
  throw new Error('no device');
}
const cpu = new CpuRefBackend();
const adapter = gpu.adapter?.description ?? 'unknown adapter';
console.log(
  `Megakernel vs one dispatch per item: 8 opcodes over user data, ${reps} timed runs per strategy and size`,
);
console.log(
  `${adapter}; Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
);

interface Row {
  readonly n: number;
  readonly strategy: string;
  readonly medianMs: number;
  readonly perItemUs: number;
  readonly verified: boolean;
}
const rows: Row[] = [];
const record = (
  n: number,
  strategy: string,
  samples: number[],
  ok: boolean,
) => {
  const m = median(samples);
  rows.push({
    n,
    strategy,
    medianMs: m,
    perItemUs: (m * 1000) / n,
    verified: ok,
  });
  return m;
};

for (const n of sizes) {
  const w = makeWorkload(n);
  // The oracle: the megakernel on the CPU reference.
  const expected = (await runMegakernel(megakernelFor(cpu, n), w)).out;

  const mk = megakernelFor(gpu, n);
  let last = await runMegakernel(mk, w); // compiles the pipeline
  let verifiedC = same(last.out, expected);
  const cSamples: number[] = [];
  const perItem = await PerItemDispatcher.create(device, w);
  const aSamples: number[] = [];
  const bSamples: number[] = [];
  let verifiedA = same(await perItem.run('one-submission'), expected);
  let verifiedB =
    skipB || same(await perItem.run('submission-per-item'), expected);
  const timeRun = async (mode: PerItemMode): Promise<number> => {
    const start = performance.now();
    const out = await perItem.run(mode);
    const ms = performance.now() - start;
    if (mode === 'one-submission') {
      verifiedA &&= same(out, expected);
    } else {
      verifiedB &&= same(out, expected);
    }
    return ms;
  };
  // Rounds interleave the strategies so that machine noise lands on all of them alike.
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    last = await runMegakernel(mk, w);
    cSamples.push(performance.now() - start);
    verifiedC &&= same(last.out, expected);
    aSamples.push(await timeRun('one-submission'));
    if (!skipB && r < Math.max(3, Math.ceil(reps / 3))) {
      bSamples.push(await timeRun('submission-per-item'));
    }
  }
  perItem.destroy();
  const c = record(n, '(c) megakernel', cSamples, verifiedC);
  const a = record(
    n,
    '(a) dispatch per item, one submission',
    aSamples,
    verifiedA,
  );
  const b = skipB
    ? NaN
    : record(n, '(b) submission per item', bSamples, verifiedB);
  console.log(
    `\nN = ${n} items (${Math.ceil(n / 256) * 256} ring slots, 256 lanes × ${mk.workerGroups} workgroups)`,
  );
  console.log(
    `${'strategy'.padEnd(40)}${'wall ms'.padStart(10)}${'µs/item'.padStart(10)}${'vs (c)'.padStart(10)}  verified`,
  );
  for (const row of rows.filter((x) => x.n === n)) {
    console.log(
      `${row.strategy.padEnd(40)}${row.medianMs.toFixed(3).padStart(10)}${row.perItemUs.toFixed(4).padStart(10)}${(row.medianMs / c).toFixed(1).padStart(9)}×  ${row.verified ? 'yes' : 'NO'}`,
    );
  }
  console.log(
    `megakernel breakdown (last run): ${last.report.drains} drain(s), publish+reclaim ${(last.report.publishNs / 1e6).toFixed(3)} ms, backend dispatch ${(last.report.backendDispatchNs / 1e6).toFixed(3)} ms`,
  );
  console.log(
    `ratios: (a)/(c) = ${(a / c).toFixed(1)}×${skipB ? '' : `, (b)/(c) = ${(b / c).toFixed(1)}×`}`,
  );
}
if (jsonPath !== undefined) {
  writeFileSync(
    jsonPath,
    JSON.stringify(
      { adapter, node: process.versions.node, cpus: cpus().length, reps, rows },
      null,
      2,
    ),
  );
}
gpu.dispose();
cpu.dispose();
if (rows.some((r) => !r.verified)) {
  console.error('\nsome results differ from the CPU reference');
  process.exit(1);
}
