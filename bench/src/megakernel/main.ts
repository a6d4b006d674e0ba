import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import type { ResidentBuffer, VyreBackend } from '@vyre/ir';
import {
  allocateOutputs,
  allocateWorkloadResident,
  makeWorkload,
  outputsDifference,
  PerItemDispatcher,
  runWorkloadOnMegakernel,
  workloadMegakernel,
  type Workload,
  type WorkloadOutputs,
} from '@vyre/megakernel-demo';
import {
  ResidentSlotBatch,
  SlotBatch,
  type DrainReport,
  type Megakernel,
} from '@vyre/runtime';

// Issue 8's headline: N work items of 8 opcodes over user data buffers, on one WebGPU device, three
// ways side by side in one run: (a) one dispatch per item, all in one pass and one submission; (b) one
// submission per item; (c) the megakernel over host data, and (c') over resident data (only the control
// buffer and the ring move per drain; the data is uploaded before and read after, as in (a) and (b)),
// and (c'') over resident data with the batch kept on the device as well (ResidentSlotBatch: the ring is
// armed by a copy on the device, so only the control buffer moves up besides the data).
// What does not depend on the run is prepared once per size for every strategy: (a) and (b) their
// pipelines, parameter buffer and one bind group per item; (c) and (c') the items encoded as a
// SlotBatch and the output storage; (c'') that batch uploaded once. A further row, (c') from descriptors, encodes the items from
// descriptor objects inside every timed run, to show what that costs. Every run's data, histogram and
// sums are compared with the megakernel on the CPU reference, byte for byte. Figures: median wall time
// of the timed runs, per-item cost, and the ratios. The workload and strategies live in
// @vyre/megakernel-demo (`vyre demo` runs the same workload).
// Run: pnpm bench:megakernel [--n 10000,100000] [--reps 10] [--json out.json] [--no-b] [--no-settle]

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (option('--n') ?? '10000').split(',').map(Number);
const reps = Number(option('--reps') ?? '10');
const jsonPath = option('--json');
const skipB = args.includes('--no-b');
const settle = !args.includes('--no-settle');

function megakernelFor(backend: VyreBackend, n: number): Megakernel {
  const built = workloadMegakernel(backend, n);
  if (!built.ok) {
    throw new Error(built.error.format());
  }
  return built.value;
}

async function runMegakernel(
  mk: Megakernel,
  w: Workload,
  options: {
    readonly resident?: readonly ResidentBuffer[];
    readonly batch?: SlotBatch | ResidentSlotBatch;
    readonly outputs?: WorkloadOutputs;
  } = {},
): Promise<{ readonly report: DrainReport; readonly out: WorkloadOutputs }> {
  const run = await runWorkloadOnMegakernel(mk, w, {
    binByOpcode: process.env['BIN'] === '1',
    ...options,
  });
  if (!run.ok) {
    throw new Error(run.error.format());
  }
  if (run.value.report.itemsProcessed !== w.items.length) {
    throw new Error(
      `the megakernel processed ${run.value.report.itemsProcessed} of ${w.items.length} items`,
    );
  }
  return { report: run.value.report, out: run.value.outputs };
}

const same = (a: WorkloadOutputs, b: WorkloadOutputs): boolean =>
  outputsDifference(a, b) === undefined;

/** The q-quantile (nearest rank) of `xs`. */
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((p, r) => p - r);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN;
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
  `Megakernel vs one dispatch per item: 8 opcodes over user data, ${reps} timed runs per strategy and size${settle ? ', each after an untimed run of the same strategy' : ', interleaved without settling runs'}`,
);
console.log(
  `${adapter}; Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
);

interface Row {
  readonly n: number;
  readonly strategy: string;
  readonly medianMs: number;
  readonly p10Ms: number;
  readonly p90Ms: number;
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
  const m = quantile(samples, 0.5);
  rows.push({
    n,
    strategy,
    medianMs: m,
    p10Ms: quantile(samples, 0.1),
    p90Ms: quantile(samples, 0.9),
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
  const encoded = SlotBatch.encode(w.items, 0);
  if (!encoded.ok) {
    throw new Error(encoded.error.format());
  }
  const batch = encoded.value;
  const hostOptions = { batch, outputs: allocateOutputs(w) };
  let last = await runMegakernel(mk, w, hostOptions); // compiles the pipeline
  let verifiedC = same(last.out, expected);
  const cSamples: number[] = [];
  const residentData = await allocateWorkloadResident(gpu, w);
  if (!residentData.ok) {
    throw new Error(residentData.error.format());
  }
  const residentOptions = {
    batch,
    outputs: allocateOutputs(w),
    resident: residentData.value,
  };
  let lastR = await runMegakernel(mk, w, residentOptions);
  let verifiedR = same(lastR.out, expected);
  const rSamples: number[] = [];
  const rInside: number[] = []; // runWorkItems' own wall time, of every (c') run
  let verifiedD = same(
    (await runMegakernel(mk, w, { resident: residentData.value })).out,
    expected,
  );
  const dSamples: number[] = [];
  // (c'') the batch kept on the device too: a run arms the ring with a copy on the device.
  const uploadedBatch = await ResidentSlotBatch.upload(mk, batch);
  if (!uploadedBatch.ok) {
    throw new Error(uploadedBatch.error.format());
  }
  const armedOptions = {
    batch: uploadedBatch.value,
    outputs: allocateOutputs(w),
    resident: residentData.value,
  };
  let verifiedE = same(
    (await runMegakernel(mk, w, armedOptions)).out,
    expected,
  );
  const eSamples: number[] = [];
  const made = await PerItemDispatcher.create(device, w);
  if (!made.ok) {
    throw new Error(made.error.format());
  }
  const perItem = made.value;
  const aSamples: number[] = [];
  const bSamples: number[] = [];
  let verifiedA = same(await perItem.run('one-submission'), expected);
  let verifiedB =
    skipB || same(await perItem.run('submission-per-item'), expected);
  // Rounds interleave the strategies so that machine noise lands on all of them alike. Unless
  // --no-settle, each timed run follows an untimed run of the same strategy: no strategy then pays for
  // what the one before it left behind (Dawn releases a finished submission's objects during later
  // calls, and V8 collects the garbage later). Results are checked outside the timed window.
  const timed = async <T>(
    samples: number[],
    run: () => Promise<T>,
    check: (result: T) => void,
  ): Promise<void> => {
    if (settle) {
      check(await run());
    }
    const start = performance.now();
    const result = await run();
    samples.push(performance.now() - start);
    check(result);
  };
  for (let r = 0; r < reps; r++) {
    await timed(
      cSamples,
      () => runMegakernel(mk, w, hostOptions),
      (run) => {
        last = run;
        verifiedC &&= same(run.out, expected);
      },
    );
    await timed(
      rSamples,
      () => runMegakernel(mk, w, residentOptions),
      (run) => {
        lastR = run;
        rInside.push(run.report.wallTimeNs / 1e6);
        verifiedR &&= same(run.out, expected);
      },
    );
    await timed(
      dSamples,
      () => runMegakernel(mk, w, { resident: residentData.value }),
      (run) => {
        verifiedD &&= same(run.out, expected);
      },
    );
    await timed(
      eSamples,
      () => runMegakernel(mk, w, armedOptions),
      (run) => {
        verifiedE &&= same(run.out, expected);
      },
    );
    await timed(
      aSamples,
      () => perItem.run('one-submission'),
      (out) => {
        verifiedA &&= same(out, expected);
      },
    );
    if (!skipB && r < Math.max(3, Math.ceil(reps / 3))) {
      await timed(
        bSamples,
        () => perItem.run('submission-per-item'),
        (out) => {
          verifiedB &&= same(out, expected);
        },
      );
    }
  }
  perItem.destroy();
  uploadedBatch.value.free();
  for (const buffer of residentData.value) {
    gpu.freeResident(buffer);
  }
  const c = record(n, '(c) megakernel, host data', cSamples, verifiedC);
  const cr = record(n, "(c') megakernel, resident data", rSamples, verifiedR);
  record(n, "(c') from descriptor objects", dSamples, verifiedD);
  const ce = record(n, "(c'') resident data and batch", eSamples, verifiedE);
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
    `${'strategy'.padEnd(40)}${'wall ms'.padStart(10)}${'p10'.padStart(9)}${'p90'.padStart(9)}${'µs/item'.padStart(10)}${"vs (c')".padStart(10)}  verified`,
  );
  for (const row of rows.filter((x) => x.n === n)) {
    console.log(
      `${row.strategy.padEnd(40)}${row.medianMs.toFixed(3).padStart(10)}${row.p10Ms.toFixed(3).padStart(9)}${row.p90Ms.toFixed(3).padStart(9)}${row.perItemUs.toFixed(4).padStart(10)}${(row.medianMs / cr).toFixed(1).padStart(9)}×  ${row.verified ? 'yes' : 'NO'}`,
    );
  }
  console.log(
    `megakernel breakdown (last run): ${last.report.drains} drain(s), run ${(last.report.wallTimeNs / 1e6).toFixed(3)} ms, publish+reclaim ${(last.report.publishNs / 1e6).toFixed(3)} ms, backend dispatch ${(last.report.backendDispatchNs / 1e6).toFixed(3)} ms`,
  );
  console.log(
    `megakernel over resident data: runWorkItems median ${quantile(rInside, 0.5).toFixed(3)} ms (the rest of (c') uploads the initial data); last run: ${lastR.report.drains} drain(s), run ${(lastR.report.wallTimeNs / 1e6).toFixed(3)} ms, publish+reclaim ${(lastR.report.publishNs / 1e6).toFixed(3)} ms, backend dispatch ${(lastR.report.backendDispatchNs / 1e6).toFixed(3)} ms, ${lastR.report.bytesUploaded} bytes up, ${lastR.report.bytesReadBack} back`,
  );
  console.log(
    `ratios: (a)/(c) = ${(a / c).toFixed(1)}×, (a)/(c') = ${(a / cr).toFixed(1)}×, (a)/(c'') = ${(a / ce).toFixed(1)}×${skipB ? '' : `, (b)/(c) = ${(b / c).toFixed(1)}×, (b)/(c') = ${(b / cr).toFixed(1)}×`}`,
  );
}
if (jsonPath !== undefined) {
  writeFileSync(
    jsonPath,
    JSON.stringify(
      {
        adapter,
        node: process.versions.node,
        cpus: cpus().length,
        reps,
        settle,
        rows,
      },
      null,
      2,
    ),
  );
}
const staging = gpu.stagingStats();
if (staging !== undefined) {
  console.log(
    `\nstaging buffers: ${staging.allocations} created, ${staging.hits} reused, ${staging.direct} small uploads by writeBuffer`,
  );
}
gpu.dispose();
cpu.dispose();
if (rows.some((r) => !r.verified)) {
  console.error('\nsome results differ from the CPU reference');
  process.exit(1);
}
