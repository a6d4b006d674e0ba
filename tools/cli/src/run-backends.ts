import { CpuRefBackend, type Schedule } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import { err, ok, type Result } from '@vyre/foundation';
import type { DispatchConfig, Program, TargetCapabilities } from '@vyre/ir';
import type { BackendName } from './open-backend.ts';

// What `vyre run` does on each backend: one dispatch, and a summary of it for the JSON report and the
// line printed on standard error.

/** One dispatch's outputs and what the backend reports about it. */
interface RunOutcome {
  readonly outputs: readonly Uint8Array[];
  /** Backend-specific fields of the JSON report. */
  readonly summary: Readonly<Record<string, unknown>>;
  /** One line for standard error. */
  readonly line: string;
}

/** A backend opened for one command, closed by `dispose`. */
export interface OpenBackend {
  readonly capabilities: TargetCapabilities;
  run(
    program: Program,
    inputs: readonly Uint8Array[],
    config: DispatchConfig,
  ): Promise<Result<RunOutcome>>;
  /** The CPU reference, for `--race-check`; undefined on other backends. */
  readonly cpuRef: CpuRefBackend | undefined;
  dispose(): void;
}

/** Opens `backend`: the CPU reference with `schedule`, or a WebGPU device. */
export async function openBackend(
  backend: BackendName,
  schedule: Schedule,
): Promise<Result<OpenBackend>> {
  switch (backend) {
    case 'cpu-ref': {
      const cpu = new CpuRefBackend({ schedule });
      return ok({
        capabilities: cpu.capabilities,
        cpuRef: cpu,
        dispose: () => {
          cpu.dispose();
        },
        run: async (program, inputs, config) => {
          const result = await cpu.run(program, inputs, config);
          if (!result.ok) {
            return result;
          }
          const { oob, steps, compiler, timing } = result.value;
          const wallMs = timing.wallNs / 1e6;
          return ok({
            outputs: result.value.outputs,
            summary: { backend: cpu.id, compiler, steps, oob, wallMs },
            line: `${cpu.id} (${compiler}): ${steps} steps, out of bounds: ${oob.loads} loads, ${oob.stores} stores, ${oob.atomics} atomics; ${wallMs.toFixed(2)} ms`,
          });
        },
      });
    }
    case 'webgpu': {
      const created = await WebGpuBackend.create();
      if (!created.ok) {
        return err(created.error);
      }
      const gpu = created.value;
      const adapter = gpu.adapter?.description ?? 'a device';
      return ok({
        capabilities: gpu.capabilities,
        cpuRef: undefined,
        dispose: () => {
          gpu.dispose();
        },
        run: async (program, inputs, config) => {
          const result = await gpu.dispatch(program, inputs, {
            ...config,
            timing: true,
          });
          if (!result.ok) {
            return result;
          }
          const { wallNs, deviceNs } = result.value.timing;
          const wallMs = wallNs / 1e6;
          const deviceMs = deviceNs === undefined ? undefined : deviceNs / 1e6;
          return ok({
            outputs: result.value.outputs,
            summary: {
              backend: gpu.id,
              adapter,
              wallMs,
              ...(deviceMs === undefined ? {} : { deviceMs }),
            },
            line: `${gpu.id} (${adapter}): ${wallMs.toFixed(2)} ms${deviceMs === undefined ? '' : `, ${deviceMs.toFixed(3)} ms on the device`} (the first dispatch of a program includes compiling it)`,
          });
        },
      });
    }
  }
}
