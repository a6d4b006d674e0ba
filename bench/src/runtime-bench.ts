import { cpus } from 'node:os';
import {
  countDoneRingSlots,
  encodeWorkItemsRing,
  publishWorkItems,
  SLOT_WORDS,
  type WorkItem,
} from '@vyre/runtime';

// Issue 8 host-side targets on the 2-core machine: encoding and publishing 1,000,000 work items at
// 20 M items/s or more (into caller-owned ring storage, every item validated first), and reading the
// results of a 1,000,000-slot ring (the DONE count here; the full telemetry decode is bench:telemetry).
// Run: pnpm bench:runtime

const N = 1_000_000;
const items: WorkItem[] = Array.from({ length: N }, (_, i) => ({
  opHandle: 0x4000_0000 + (i % 8),
  inputHandle: i,
  outputHandle: i + 1,
  param: i * 3,
}));
const ring = new Uint32Array(N * SLOT_WORDS);

function time(label: string, runs: number, fn: () => void): number[] {
  fn(); // warm up
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? NaN;
  console.log(`${label.padEnd(44)} median ${median.toFixed(1).padStart(7)} ms`);
  return samples;
}

console.log(
  `\nRuntime host side, ${N.toLocaleString('en-US')} work items; Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
);
const encode = time('encodeWorkItemsRing (validate + write)', 9, () => {
  const result = encodeWorkItemsRing(ring, 0, items);
  if (!result.ok || result.value !== N) {
    throw new Error('encode failed');
  }
});
const encodeMedian = encode[Math.floor(encode.length / 2)] ?? NaN;
console.log(
  `  = ${(N / encodeMedian / 1000).toFixed(1)} M items/s (target ≥ 20 M items/s: ${N / encodeMedian / 1000 >= 20 ? 'met' : 'NOT met'})`,
);
// Side by side: the general publisher (a descriptor object per item, all validated, then written).
const general = time('publishWorkItems (descriptor per item)', 5, () => {
  ring.fill(0);
  const result = publishWorkItems(ring, 0, 0, items);
  if (!result.ok) {
    throw new Error('publish failed');
  }
});
const generalMedian = general[Math.floor(general.length / 2)] ?? NaN;
console.log(
  `  = ${(N / generalMedian / 1000).toFixed(1)} M items/s; the ring encoder is ${(generalMedian / encodeMedian).toFixed(1)}× faster`,
);
const bytes = new Uint8Array(ring.buffer);
for (let i = 0; i < N; i += 2) {
  ring[i * SLOT_WORDS] = 3; // half the slots DONE
}
const decode = time('countDoneRingSlots of 1M slots', 15, () => {
  const done = countDoneRingSlots(bytes);
  if (!done.ok || done.value !== N / 2) {
    throw new Error('count failed');
  }
});
const decodeMedian = decode[Math.floor(decode.length / 2)] ?? NaN;
console.log(`  (target ≤ 20 ms: ${decodeMedian <= 20 ? 'met' : 'NOT met'})`);
