import type { PreparedDispatch } from '@vyre/ir';
import type { CompiledPipeline } from './compile-pipeline.ts';

// Bind groups are cached per pipeline by the identity and bound size of each buffer: pooled buffers come
// back in the same order, so a program dispatched again binds the same buffers and reuses its group.
const bufferIds = new WeakMap<GPUBuffer, number>();
let nextBufferId = 1;
const BIND_GROUPS_PER_PIPELINE = 32;

function bufferId(buffer: GPUBuffer): number {
  let id = bufferIds.get(buffer);
  if (id === undefined) {
    id = nextBufferId++;
    bufferIds.set(buffer, id);
  }
  return id;
}

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
    // A zero-length buffer binds one zeroed word: WebGPU has no empty bindings.
    const sizeOf = (index: number): number =>
      Math.max(4, prepared.boundByteLengths[index] ?? 0);
    const key = compiled.entries
      .map(({ buffer }) => {
        const gpuBuffer = buffers[buffer] as GPUBuffer;
        return `${bufferId(gpuBuffer)}:${sizeOf(buffer)}`;
      })
      .join(',');
    let bindGroup = compiled.bindGroups.get(key);
    if (bindGroup === undefined) {
      bindGroup = device.createBindGroup({
        label,
        layout: compiled.layout,
        entries: compiled.entries.map(({ binding, buffer }) => ({
          binding,
          resource: {
            buffer: buffers[buffer] as GPUBuffer,
            offset: 0,
            size: sizeOf(buffer),
          },
        })),
      });
      if (compiled.bindGroups.size >= BIND_GROUPS_PER_PIPELINE) {
        const oldest = compiled.bindGroups.keys().next();
        if (oldest.done !== true) {
          compiled.bindGroups.delete(oldest.value);
        }
      }
    } else {
      compiled.bindGroups.delete(key);
    }
    compiled.bindGroups.set(key, bindGroup);
    pass.setPipeline(compiled.pipeline);
    pass.setBindGroup(0, bindGroup);
    const [x, y, z] = prepared.grid;
    pass.dispatchWorkgroups(x, y, z);
  }
  pass.end();
}
