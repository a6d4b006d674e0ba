import type { PreparedDispatch } from '@vyre/ir';
import type { CompiledPipeline } from './compile-pipeline.ts';

/** A prepared dispatch, its pipeline, and the GPU buffer bound to each storage buffer. */
export interface BoundDispatch {
  readonly prepared: PreparedDispatch;
  readonly compiled: CompiledPipeline;
  /** By declaration index; undefined for workgroup buffers. */
  readonly buffers: readonly (GPUBuffer | undefined)[];
}

/**
 * Records `dispatches` as one compute pass (WebGPU orders storage writes between the dispatches of a
 * pass), binding exactly each buffer's bound size so that `arrayLength` sees the program's size.
 */
export function encodeDispatches(
  device: GPUDevice,
  encoder: GPUCommandEncoder,
  dispatches: readonly BoundDispatch[],
  timestampWrites: GPUComputePassTimestampWrites | undefined,
  label: string,
): void {
  const pass = encoder.beginComputePass(
    timestampWrites === undefined ? { label } : { label, timestampWrites },
  );
  for (const { prepared, compiled, buffers } of dispatches) {
    const bindGroup = device.createBindGroup({
      label,
      layout: compiled.layout,
      entries: compiled.entries.map(({ binding, buffer }) => ({
        binding,
        resource: {
          buffer: buffers[buffer] as GPUBuffer,
          offset: 0,
          // A zero-length buffer binds one zeroed word: WebGPU has no empty bindings.
          size: Math.max(4, prepared.boundByteLengths[buffer] ?? 0),
        },
      })),
    });
    pass.setPipeline(compiled.pipeline);
    pass.setBindGroup(0, bindGroup);
    const [x, y, z] = prepared.grid;
    pass.dispatchWorkgroups(x, y, z);
  }
  pass.end();
}
