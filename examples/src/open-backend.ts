import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import type { VyreBackend } from '@vyre/ir';

// The backend every example runs on: WebGPU when Dawn (or the browser) finds an adapter, else the CPU
// reference, with the reason on standard error. Both implement `VyreBackend`, so nothing else changes.

/** WebGPU, or the CPU reference when there is no adapter. */
export async function openBackend(
  want: 'webgpu' | 'cpu-ref' = 'webgpu',
): Promise<VyreBackend> {
  if (want === 'webgpu') {
    const gpu = await WebGpuBackend.create();
    if (gpu.ok) {
      return gpu.value;
    }
    process.stderr.write(
      `no WebGPU adapter, using the CPU reference: ${gpu.error.format()}\n`,
    );
  }
  return new CpuRefBackend();
}

/** Whether this module is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return (
    script !== undefined &&
    new URL(moduleUrl).pathname.replace(/\.ts$/, '') ===
      script.replace(/\.ts$/, '')
  );
}
