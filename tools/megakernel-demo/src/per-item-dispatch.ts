import { err, ok, StackError, type Result } from '@vyre/foundation';
import { emitWgsl } from '@vyre/ir';
import { OPCODE_NAMES, perItemProgram, type Workload } from './workload.ts';
import type { WorkloadOutputs } from './workload-outputs.ts';

// Strategies (a) and (b): every item is its own dispatch of a one-lane program, written directly
// against WebGPU with everything that does not depend on the run made in advance (8 pipelines, the
// buffers, one bind group per item over its 64-byte slot of a parameter buffer): the best a host can
// do without a megakernel. (a) records all dispatches in one compute pass and one submission; (b)
// submits each dispatch on its own. Both then read the data back once.

const STORAGE = 0x80; // GPUBufferUsage.STORAGE
const COPY_SRC = 0x04;
const COPY_DST = 0x08;
const MAP_READ = 0x01;

/** Strategy (a), every dispatch in one submission, or (b), one submission per dispatch. */
export type PerItemMode = 'one-submission' | 'submission-per-item';

/**
 * The baseline without a megakernel: one dispatch of a one-lane program per item, on a raw `GPUDevice`,
 * with pipelines, buffers and bind groups made once in {@link PerItemDispatcher.create}.
 */
export class PerItemDispatcher {
  readonly #device: GPUDevice;
  readonly #pipelines: GPUComputePipeline[];
  readonly #bindGroups: GPUBindGroup[];
  readonly #buffers: {
    readonly params: GPUBuffer;
    readonly data: GPUBuffer;
    readonly hist: GPUBuffer;
    readonly sums: GPUBuffer;
    readonly readback: GPUBuffer;
  };
  readonly #params: Uint32Array;
  readonly #stride: number;
  readonly #workload: Workload;

  private constructor(
    device: GPUDevice,
    layout: GPUBindGroupLayout,
    pipelines: GPUComputePipeline[],
    workload: Workload,
  ) {
    this.#device = device;
    this.#pipelines = pipelines;
    this.#workload = workload;
    const n = workload.items.length;
    this.#stride = Math.max(64, device.limits.minStorageBufferOffsetAlignment);
    const make = (size: number, usage: number): GPUBuffer =>
      device.createBuffer({ size, usage });
    const dataBytes = workload.data.byteLength;
    const sumsBytes = workload.sums.byteLength;
    this.#buffers = {
      params: make(n * this.#stride, STORAGE | COPY_DST),
      data: make(dataBytes, STORAGE | COPY_DST | COPY_SRC),
      hist: make(1024, STORAGE | COPY_DST | COPY_SRC),
      sums: make(sumsBytes, STORAGE | COPY_DST | COPY_SRC),
      readback: make(dataBytes + 1024 + sumsBytes, MAP_READ | COPY_DST),
    };
    // Each item's 16 slot words at its own aligned offset.
    this.#params = new Uint32Array((n * this.#stride) / 4);
    for (const [i, item] of workload.items.entries()) {
      const base = (i * this.#stride) / 4;
      this.#params[base + 1] = item.opcode;
      this.#params.set(item.args ?? [], base + 4);
    }
    this.#bindGroups = workload.items.map((_, i) =>
      device.createBindGroup({
        layout,
        entries: [
          {
            binding: 0,
            resource: {
              buffer: this.#buffers.params,
              offset: i * this.#stride,
              size: 64,
            },
          },
          { binding: 1, resource: { buffer: this.#buffers.data } },
          { binding: 2, resource: { buffer: this.#buffers.hist } },
          { binding: 3, resource: { buffer: this.#buffers.sums } },
        ],
      }),
    );
  }

  /** Compiles the 8 per-opcode pipelines and makes the buffers and one bind group per item. */
  static async create(
    device: GPUDevice,
    workload: Workload,
  ): Promise<Result<PerItemDispatcher>> {
    // One explicit layout for all eight programs (an automatic one would drop the buffers a program
    // does not use), so every item's bind group fits every pipeline.
    const layout = device.createBindGroupLayout({
      entries: [0, 1, 2, 3].map((binding) => ({
        binding,
        visibility: 0x4, // GPUShaderStage.COMPUTE
        buffer: { type: binding === 0 ? 'read-only-storage' : 'storage' },
      })),
    });
    const pipelineLayout = device.createPipelineLayout({
      bindGroupLayouts: [layout],
    });
    const pipelines: GPUComputePipeline[] = [];
    for (const k of OPCODE_NAMES.keys()) {
      const wgsl = emitWgsl(perItemProgram(k));
      if (!wgsl.ok) {
        return wgsl;
      }
      try {
        pipelines.push(
          await device.createComputePipelineAsync({
            layout: pipelineLayout,
            compute: {
              module: device.createShaderModule({ code: wgsl.value.code }),
              entryPoint: 'main',
            },
          }),
        );
      } catch (thrown) {
        return err(
          new StackError(
            'BACKEND_DISPATCH_FAILED',
            `the per-item program of opcode ${OPCODE_NAMES[k] ?? k} did not compile: expected a pipeline, found the error "${String(thrown)}".`,
          ),
        );
      }
    }
    return ok(new PerItemDispatcher(device, layout, pipelines, workload));
  }

  /** One run: upload parameters and data, dispatch every item, read data, hist and sums back. */
  async run(mode: PerItemMode): Promise<WorkloadOutputs> {
    const device = this.#device;
    const b = this.#buffers;
    const w = this.#workload;
    device.queue.writeBuffer(b.params, 0, this.#params);
    device.queue.writeBuffer(b.data, 0, w.data);
    device.queue.writeBuffer(b.hist, 0, w.hist);
    device.queue.writeBuffer(b.sums, 0, w.sums);
    const n = w.items.length;
    if (mode === 'one-submission') {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      let current = -1;
      for (let i = 0; i < n; i++) {
        const kind = w.kinds[i] ?? 0;
        if (kind !== current) {
          pass.setPipeline(this.#pipelines[kind] as GPUComputePipeline);
          current = kind;
        }
        pass.setBindGroup(0, this.#bindGroups[i] as GPUBindGroup);
        pass.dispatchWorkgroups(1);
      }
      pass.end();
      device.queue.submit([encoder.finish()]);
    } else {
      for (let i = 0; i < n; i++) {
        const encoder = device.createCommandEncoder();
        const pass = encoder.beginComputePass();
        pass.setPipeline(
          this.#pipelines[w.kinds[i] ?? 0] as GPUComputePipeline,
        );
        pass.setBindGroup(0, this.#bindGroups[i] as GPUBindGroup);
        pass.dispatchWorkgroups(1);
        pass.end();
        device.queue.submit([encoder.finish()]);
      }
    }
    const dataBytes = w.data.byteLength;
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(b.data, 0, b.readback, 0, dataBytes);
    encoder.copyBufferToBuffer(b.hist, 0, b.readback, dataBytes, 1024);
    encoder.copyBufferToBuffer(
      b.sums,
      0,
      b.readback,
      dataBytes + 1024,
      w.sums.byteLength,
    );
    device.queue.submit([encoder.finish()]);
    await b.readback.mapAsync(MAP_READ);
    const all = new Uint8Array(b.readback.getMappedRange()).slice();
    b.readback.unmap();
    return {
      data: all.subarray(0, dataBytes),
      hist: all.subarray(dataBytes, dataBytes + 1024),
      sums: all.subarray(dataBytes + 1024),
    };
  }

  /** Frees the device buffers; the dispatcher cannot run again. */
  destroy(): void {
    for (const buffer of Object.values(this.#buffers)) {
      buffer.destroy();
    }
  }
}
