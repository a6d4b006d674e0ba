/**
 * The WebGPU backend for vyre: Dawn (the `webgpu` npm package) in Node, `navigator.gpu` in browsers,
 * or a `GPUDevice` the caller hands in.
 *
 * @remarks
 * Depends on `@vyre/foundation` and `@vyre/ir` (as the backend lands); it must never depend on another
 * driver, the runtime or telemetry. It is the only package that sees the DOM library, whose WebGPU
 * types (TypeScript 6 and later) its API uses. This release holds adapter acquisition and the probe behind
 * `vyre doctor`.
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
