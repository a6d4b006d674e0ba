import { describe, expect, it } from 'vitest';
import { BufferUsage, MapMode } from './webgpu-constants.ts';
import { acquireGpuTestDevice } from './gpu-test-device.ts';

// One real compute shader through Dawn: wrapping u32 arithmetic, a shift, a select, and an atomic
// counter, checked word for word against values computed here in JavaScript.
const SHADER = /* wgsl */ `
@group(0) @binding(0) var<storage, read> input: array<u32>;
@group(0) @binding(1) var<storage, read_write> output: array<u32>;
@group(0) @binding(2) var<storage, read_write> counter: atomic<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= arrayLength(&input)) {
    return;
  }
  let x = input[i];
  output[i] = (x * 2654435761u + i) ^ select(x >> 3u, 0xdeadbeefu, x == 0u);
  atomicAdd(&counter, 1u);
}
`;

const N = 1000; // not a multiple of 64: the last workgroup's bounds guard is exercised

function expected(x: number, i: number): number {
  const mixed = (Math.imul(x, 2654435761) + i) >>> 0;
  return (mixed ^ (x === 0 ? 0xdeadbeef : x >>> 3)) >>> 0;
}

describe('WebGPU smoke test (Dawn)', { tags: ['gpu'] }, () => {
  it('runs a compute shader and reads back exact values', async ({ skip }) => {
    const { adapter, device } = await acquireGpuTestDevice(skip);
    try {
      expect(adapter.info.description.length).toBeGreaterThan(0);
      const input = new Uint32Array(N);
      for (let i = 0; i < N; i++) {
        input[i] = i === 7 ? 0 : Math.imul(i + 1, 0x9e3779b9) >>> 0;
      }
      input[1] = 0xffffffff;

      const module = device.createShaderModule({ code: SHADER });
      const info = await module.getCompilationInfo();
      expect(info.messages.map((m) => `${m.type}: ${m.message}`)).toEqual([]);
      const pipeline = await device.createComputePipelineAsync({
        layout: 'auto',
        compute: { module },
      });

      const inputBuffer = device.createBuffer({
        size: N * 4,
        usage: BufferUsage.STORAGE | BufferUsage.COPY_DST,
      });
      device.queue.writeBuffer(inputBuffer, 0, input);
      const outputBuffer = device.createBuffer({
        size: N * 4,
        usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC,
      });
      const counterBuffer = device.createBuffer({
        size: 4,
        usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC,
      });
      const readback = device.createBuffer({
        size: N * 4 + 4,
        usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST,
      });

      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: inputBuffer } },
          { binding: 1, resource: { buffer: outputBuffer } },
          { binding: 2, resource: { buffer: counterBuffer } },
        ],
      });
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(Math.ceil(N / 64));
      pass.end();
      encoder.copyBufferToBuffer(outputBuffer, 0, readback, 0, N * 4);
      encoder.copyBufferToBuffer(counterBuffer, 0, readback, N * 4, 4);
      device.queue.submit([encoder.finish()]);

      await readback.mapAsync(MapMode.READ);
      const words = new Uint32Array(readback.getMappedRange().slice(0));
      readback.unmap();

      const want = Array.from(input, (x, i) => expected(x, i));
      expect(Array.from(words.subarray(0, N))).toEqual(want);
      expect(words[N]).toBe(N);
    } finally {
      device.destroy();
    }
  });
});
