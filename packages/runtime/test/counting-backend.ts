import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import type {
  DispatchConfig,
  DispatchResult,
  DispatchTiming,
  Program,
} from '@vyre/ir';
import type { Result } from '@vyre/foundation';

// A CPU reference backend that counts the host dispatches it is asked for, so that a test can prove
// that a refused call dispatched nothing.

export class CountingCpuBackend extends CpuRefBackend {
  /** Calls of dispatch and dispatchInto. */
  dispatches = 0;

  override dispatch(
    program: Program,
    inputs: readonly Uint8Array[],
    config?: DispatchConfig,
  ): Promise<Result<DispatchResult>> {
    this.dispatches++;
    return super.dispatch(program, inputs, config);
  }

  override dispatchInto(
    program: Program,
    inputs: readonly Uint8Array[],
    outputs: readonly Uint8Array[],
    config?: DispatchConfig,
  ): Promise<Result<DispatchTiming>> {
    this.dispatches++;
    return super.dispatchInto(program, inputs, outputs, config);
  }
}
