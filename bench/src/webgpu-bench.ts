import { cpus } from 'node:os';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import {
  add,
  gidX,
  load,
  outputBuffer,
  program,
  readBuffer,
  store,
  u32,
} from '@vyre/ir';

// Issue 5 targets: the round trip of a tiny program through WebGpuBackend.dispatch (upload, dispatch,
// read back) has p50 ≤ 0.2 ms on lavapipe and ≤ 0.1 ms on an NVIDIA H100; a second dispatch of the same
// program creates no pipeline and no GPU buffer. Side by side in one run: the same work written
// directly against WebGPU with every object created in advance (the floor any backend can reach),
// and a dispatch on resident buffers with no upload.
// Run: pnpm bench:webgpu

const ITERATIONS = 2_000;
const WARMUP = 200;

function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) {
    await fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

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

const tiny = program({
  workgroupSize: [64, 1, 1],
  buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 4)],
  entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
});
const input = new Uint8Array(new Uint32Array([1, 2, 3, 4]).buffer);

// The first dispatch compiles and allocates; the second must do neither.
const first = await gpu.dispatch(tiny, [input]);
if (!first.ok) {
  throw new Error(first.error.format());
}
const pipelinesBefore = gpu.pipelineCacheStats();
const poolBefore = gpu.bufferPoolStats();
const second = await gpu.dispatch(tiny, [input]);
if (!second.ok) {
  throw new Error(second.error.format());
}
const pipelinesAfter = gpu.pipelineCacheStats();
const poolAfter = gpu.bufferPoolStats();
const words = new Uint32Array(
  second.value.outputs[0]?.buffer ?? new ArrayBuffer(0),
);
if (words.join(',') !== '2,3,4,5') {
  throw new Error(`wrong result: ${words.join(',')}`);
}

// The floor: the same shader, buffers and bind group made once, then write, dispatch, copy, map.
const module = device.createShaderModule({
  code: `@group(0) @binding(0) var<storage, read> input: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x < arrayLength(&out)) { out[gid.x] = input[gid.x] + 1u; }
}`,
});
const pipeline = await device.createComputePipelineAsync({
  layout: 'auto',
  compute: { module, entryPoint: 'main' },
});
const storage = 0x80 | 0x04 | 0x08;
const inBuffer = device.createBuffer({ size: 16, usage: storage });
const outBuffer = device.createBuffer({ size: 16, usage: storage });
const readBack = device.createBuffer({ size: 16, usage: 0x01 | 0x08 });
const bindGroup = device.createBindGroup({
  layout: pipeline.getBindGroupLayout(0),
  entries: [
    { binding: 0, resource: { buffer: inBuffer } },
    { binding: 1, resource: { buffer: outBuffer } },
  ],
});
async function raw(): Promise<Uint8Array> {
  device?.queue.writeBuffer(inBuffer, 0, input);
  const encoder = device?.createCommandEncoder();
  if (encoder === undefined || device === undefined) {
    throw new Error('no device');
  }
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(1);
  pass.end();
  encoder.copyBufferToBuffer(outBuffer, 0, readBack, 0, 16);
  device.queue.submit([encoder.finish()]);
  await readBack.mapAsync(0x0001);
  const bytes = new Uint8Array(readBack.getMappedRange()).slice();
  readBack.unmap();
  return bytes;
}

const residentIn = await gpu.allocateResident(16);
const residentOut = await gpu.allocateResident(16);
if (!residentIn.ok || !residentOut.ok) {
  throw new Error('resident allocation failed');
}
const [inHandle, outHandle] = [residentIn.value, residentOut.value];
await gpu.uploadResident(inHandle, input);
async function resident(): Promise<unknown> {
  const result = await gpu.dispatchSequence(
    [{ program: tiny, resources: [inHandle, outHandle] }],
    [{ buffer: outHandle, byteOffset: 0, byteLength: 16 }],
  );
  if (!result.ok) {
    throw new Error(result.error.format());
  }
  return result.value;
}

// Interleave the strategies in rounds so that machine noise lands on all of them alike.
const results = new Map<string, number[]>([
  ['WebGpuBackend.dispatch', []],
  ['resident sequence (no upload)', []],
  ['raw WebGPU (objects made once)', []],
]);
const strategies: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [
  ['WebGpuBackend.dispatch', () => gpu.dispatch(tiny, [input])],
  ['resident sequence (no upload)', resident],
  ['raw WebGPU (objects made once)', raw],
];
for (let round = 0; round < 4; round++) {
  for (const [name, fn] of strategies) {
    results.get(name)?.push(...(await time(fn)));
  }
}

const adapter = gpu.adapter?.description ?? 'unknown adapter';
console.log(
  `\nWebGPU round trip of a tiny program (4 words in, 4 out): ${ITERATIONS * 4} timed runs per strategy`,
);
console.log(
  `${adapter}; Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
);
console.log(
  `${'strategy'.padEnd(34)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`,
);
for (const [name, samples] of results) {
  const { p50, p99 } = percentiles(samples);
  console.log(
    `${name.padEnd(34)}${p50.toFixed(3).padStart(9)}${p99.toFixed(3).padStart(9)}`,
  );
}
const backendP50 = percentiles(results.get('WebGpuBackend.dispatch') ?? []).p50;
const rawP50 = percentiles(
  results.get('raw WebGPU (objects made once)') ?? [],
).p50;
console.log(`backend / raw p50: ${(backendP50 / rawP50).toFixed(2)}×`);
console.log(
  `second dispatch of the same program: ${(pipelinesAfter?.misses ?? 0) - (pipelinesBefore?.misses ?? 0)} pipelines compiled, ${(poolAfter?.allocations ?? 0) - (poolBefore?.allocations ?? 0)} GPU buffers created (pool hits ${(poolAfter?.hits ?? 0) - (poolBefore?.hits ?? 0)})`,
);
gpu.dispose();
for (const buffer of [inBuffer, outBuffer, readBack]) {
  buffer.destroy();
}
