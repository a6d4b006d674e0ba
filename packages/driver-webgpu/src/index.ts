/**
 * The WebGPU backend for vyre: Dawn (the `webgpu` npm package) in Node, `navigator.gpu` in browsers,
 * or a `GPUDevice` the caller hands in.
 *
 * @remarks
 * Depends on `@vyre/foundation` and `@vyre/ir`; it must never depend on another driver, the runtime
 * or telemetry. It is the only package that sees the DOM library, whose WebGPU types (TypeScript 6 and
 * later) its API uses.
 *
 * @packageDocumentation
 */

export { createNodeGpu, type NodeGpuOptions } from './node-gpu.ts';
export {
  KEY_ADAPTER_LIMITS,
  probeWebGpu,
  type AdapterReport,
  type KeyAdapterLimit,
  type ProbeWebGpuOptions,
} from './probe-webgpu.ts';
export { USEFUL_FEATURES, type AdapterIdentity } from './acquire-device.ts';
export type { BufferPoolStats } from './buffer-pool.ts';
export type { PipelineCacheStats } from './pipeline-cache.ts';
export type { StagingStats } from './staging-uploader.ts';
export { webGpuCapabilities } from './webgpu-capabilities.ts';
export { WebGpuBackend, type WebGpuBackendOptions } from './webgpu-backend.ts';
