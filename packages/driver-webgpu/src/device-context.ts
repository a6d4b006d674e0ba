import type { TargetCapabilities } from '@vyre/ir';
import type { AdapterIdentity } from './acquire-device.ts';
import { BufferPool } from './buffer-pool.ts';
import { PipelineCache } from './pipeline-cache.ts';
import { StagingUploader } from './staging-uploader.ts';
import { PassTimestamps } from './timestamps.ts';
import { webGpuCapabilities } from './webgpu-capabilities.ts';

// Everything that belongs to one device: replaced as a whole when the backend recovers from device
// loss, so nothing from a lost device is ever used again.

export interface DeviceContextOptions {
  readonly pipelineCacheSize: number;
  readonly maxRetainedBytes: number;
}

// The most bytes of mapped staging buffers a device keeps for reuse.
const STAGING_RETAINED_BYTES = 64 * 1024 * 1024;

export class DeviceContext {
  readonly device: GPUDevice;
  readonly identity: AdapterIdentity | undefined;
  /** Counts devices: resident handles remember the generation they were allocated in. */
  readonly generation: number;
  readonly capabilities: TargetCapabilities;
  readonly pool: BufferPool;
  readonly pipelines: PipelineCache;
  /** Write-mapped staging buffers for uploads. */
  readonly staging: StagingUploader;
  /** Timestamp queries, when the device has `timestamp-query`. */
  readonly timestamps: PassTimestamps | undefined;
  /** Set when `device.lost` resolves for a reason other than our own dispose. */
  lost = false;
  /** Why the device was lost, once it was. */
  lostMessage = '';

  constructor(
    device: GPUDevice,
    identity: AdapterIdentity | undefined,
    generation: number,
    options: DeviceContextOptions,
  ) {
    this.device = device;
    this.identity = identity;
    this.generation = generation;
    this.capabilities = webGpuCapabilities(device);
    this.pool = new BufferPool(device, options.maxRetainedBytes);
    this.pipelines = new PipelineCache(options.pipelineCacheSize);
    this.staging = new StagingUploader(device, STAGING_RETAINED_BYTES);
    this.timestamps = device.features.has('timestamp-query')
      ? new PassTimestamps(device)
      : undefined;
  }

  /** Releases what this context created on the device (not the device itself). */
  release(): void {
    this.pool.clear();
    this.staging.clear();
    this.pipelines.clear();
    this.timestamps?.destroy();
  }
}
