import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import type {
  DispatchConfig,
  DispatchResult,
  DispatchTiming,
  Program,
  ResidentBuffer,
  ResidentDispatchStep,
  ResidentRange,
  SequenceResult,
} from '@vyre/ir';
import type { Result } from '@vyre/foundation';

// A CPU reference backend that counts the dispatches and resident allocations it is asked for, so that
// a test can prove that a refused call dispatched nothing, or that a run reused its buffers.

export class CountingCpuBackend extends CpuRefBackend {
  /** Calls of dispatch and dispatchInto. */
  dispatches = 0;
  /** Calls of dispatchSequence. */
  sequences = 0;
  /** Resident buffers allocated and freed. */
  residentAllocations = 0;
  residentFrees = 0;

  override allocateResident(
    byteLength: number,
  ): Promise<Result<ResidentBuffer>> {
    this.residentAllocations++;
    return super.allocateResident(byteLength);
  }

  override freeResident(buffer: ResidentBuffer): Result<void> {
    this.residentFrees++;
    return super.freeResident(buffer);
  }

  override dispatchSequence(
    steps: readonly ResidentDispatchStep[],
    reads: readonly ResidentRange[],
  ): Promise<Result<SequenceResult>> {
    this.sequences++;
    return super.dispatchSequence(steps, reads);
  }

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
