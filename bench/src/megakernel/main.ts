import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import {
  benchSize,
  quantile,
  STRATEGY_LABELS,
  type StrategyRow,
} from '@vyre/megakernel-demo';

// Issue 8's headline: N work items of 8 opcodes over user data buffers, on one WebGPU device, every way
// side by side in one run: (a) one dispatch per item, all in one pass and one submission; (b) one
// submission per item; (c) the megakernel over host data, (c') over resident data (only the control
// buffer and the ring move per drain; the data is uploaded before and read after, as in (a) and (b)),
// (c') encoding its items from descriptor objects inside every timed run, and (c'') over resident data
// with the batch kept on the device as well (ResidentSlotBatch: the ring is armed by a copy on the
// device). The measurement lives in @vyre/megakernel-demo (`benchSize`, also behind `vyre bench`); every
// run's data, histogram and sums are compared with the megakernel on the CPU reference, byte for byte.
// Figures: median wall time of the timed runs (p10, p90), per-item cost, and the ratios.
// Run: pnpm bench:megakernel [--n 10000,100000] [--reps 10] [--json out.json] [--skip-b] [--no-settle]
// (`--skip-b` as in `vyre bench`; `--no-b`, its earlier name, still works for the recorded commands).

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (option('--n') ?? '10000').split(',').map(Number);
const reps = Number(option('--reps') ?? '10');
const jsonPath = option('--json');
const skipB = args.includes('--skip-b') || args.includes('--no-b');
const settle = !args.includes('--no-settle');

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

const rows: StrategyRow[] = [];
const ms = (x: number): string => x.toFixed(3);
for (const n of sizes) {
  const measured = await benchSize(gpu, device, cpu, n, {
    reps,
    settle,
    skipSubmissionEach: skipB,
  });
  if (!measured.ok) {
    console.error(measured.error.format());
    process.exit(1);
  }
  const size = measured.value;
  rows.push(...size.rows);
  const median = (id: StrategyRow['id']): number =>
    size.rows.find((r) => r.id === id)?.medianMs ?? NaN;
  const cr = median('megakernelResident');
  console.log(
    `\nN = ${n} items (${size.slotCount} ring slots, 256 lanes × ${size.workerGroups} workgroups)`,
  );
  console.log(
    `${'strategy'.padEnd(40)}${'wall ms'.padStart(10)}${'p10'.padStart(9)}${'p90'.padStart(9)}${'µs/item'.padStart(10)}${"vs (c')".padStart(10)}  verified`,
  );
  for (const row of size.rows) {
    console.log(
      `${STRATEGY_LABELS[row.id].padEnd(40)}${ms(row.medianMs).padStart(10)}${ms(row.p10Ms).padStart(9)}${ms(row.p90Ms).padStart(9)}${row.perItemUs.toFixed(4).padStart(10)}${(row.medianMs / cr).toFixed(1).padStart(9)}×  ${row.verified ? 'yes' : 'NO'}`,
    );
  }
  const host = size.hostReport;
  const resident = size.residentReport;
  console.log(
    `megakernel breakdown (last run): ${host.drains} drain(s), run ${ms(host.wallTimeNs / 1e6)} ms, publish+reclaim ${ms(host.publishNs / 1e6)} ms, backend dispatch ${ms(host.backendDispatchNs / 1e6)} ms`,
  );
  console.log(
    `megakernel over resident data: runWorkItems median ${ms(quantile(size.residentInsideMs, 0.5))} ms (the rest of (c') uploads the initial data); last run: ${resident.drains} drain(s), run ${ms(resident.wallTimeNs / 1e6)} ms, publish+reclaim ${ms(resident.publishNs / 1e6)} ms, backend dispatch ${ms(resident.backendDispatchNs / 1e6)} ms, ${resident.bytesUploaded} bytes up, ${resident.bytesReadBack} back`,
  );
  const a = median('perItemOneSubmission');
  const b = median('perItemSubmissionEach');
  const c = median('megakernelHost');
  const ce = median('megakernelResidentBatch');
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
        rows: rows.map((r) => ({ ...r, strategy: STRATEGY_LABELS[r.id] })),
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
