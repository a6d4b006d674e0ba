import { err, ok, StackError, type Result } from '@vyre/foundation';
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
  TargetCapabilities,
  VyreBackend,
} from '@vyre/ir';

// A backend with one deliberate fault, built on the CPU reference: the conformance suite must notice
// each fault, or it could pass a broken backend. Not a mock of the reference: every call really runs.

/** The faults a {@link FaultyBackend} can have. */
export type Fault =
  /** Returns the outputs in reverse order (a binding-ABI violation). */
  | 'reversed-outputs'
  /** Flips the low bit of the last word of the first output. */
  | 'flipped-bit'
  /** Adds 8 ULP to every f32 word of every output that is a whole number of words. */
  | 'f32-drift'
  /** Answers DISPATCH_INPUT_COUNT where the reference says DISPATCH_INPUT_SIZE. */
  | 'wrong-code'
  /** Keeps working after dispose(). */
  | 'immortal'
  /** Ignores the range of a resident download and returns the whole buffer. */
  | 'whole-downloads';

export class FaultyBackend implements VyreBackend {
  readonly id: string;
  readonly #inner = new CpuRefBackend();
  readonly #fault: Fault;

  constructor(fault: Fault) {
    this.#fault = fault;
    this.id = `faulty-${fault}`;
  }

  get capabilities(): TargetCapabilities {
    return this.#inner.capabilities;
  }

  #corrupt(outputs: Uint8Array[]): Uint8Array[] {
    switch (this.#fault) {
      case 'reversed-outputs':
        return outputs.length > 1 ? [...outputs].reverse() : outputs;
      case 'flipped-bit': {
        const first = outputs[0];
        if (first !== undefined && first.byteLength >= 4) {
          const at = first.byteLength - (first.byteLength % 4) - 4;
          first[at] = (first[at] ?? 0) ^ 1;
        }
        return outputs;
      }
      case 'f32-drift':
        return outputs.map((bytes) => {
          if (bytes.byteLength % 4 !== 0) {
            return bytes;
          }
          const copy = bytes.slice();
          const words = new Uint32Array(copy.buffer);
          words.forEach((w, i) => {
            // Finite nonzero f32 values only: the drift stays within the same sign and binade mostly.
            const exponent = (w >>> 23) & 0xff;
            if (exponent > 0 && exponent < 0xfe) {
              words[i] = w + 8;
            }
          });
          return copy;
        });
      case 'wrong-code':
      case 'immortal':
      case 'whole-downloads':
        return outputs;
    }
  }

  async dispatch(
    program: Program,
    inputs: readonly Uint8Array[],
    config?: DispatchConfig,
  ): Promise<Result<DispatchResult>> {
    const result = await this.#inner.dispatch(program, inputs, config);
    if (!result.ok) {
      return this.#fault === 'wrong-code' &&
        result.error.code === 'DISPATCH_INPUT_SIZE'
        ? err(new StackError('DISPATCH_INPUT_COUNT', result.error.message))
        : result;
    }
    return ok({
      outputs: this.#corrupt(result.value.outputs),
      timing: result.value.timing,
    });
  }

  dispatchInto(
    program: Program,
    inputs: readonly Uint8Array[],
    outputs: readonly Uint8Array[],
    config?: DispatchConfig,
  ): Promise<Result<DispatchTiming>> {
    return this.#inner.dispatchInto(program, inputs, outputs, config);
  }

  allocateResident(byteLength: number): Promise<Result<ResidentBuffer>> {
    return this.#inner.allocateResident(byteLength);
  }

  uploadResident(
    buffer: ResidentBuffer,
    data: Uint8Array,
    byteOffset?: number,
  ): Promise<Result<void>> {
    return this.#inner.uploadResident(buffer, data, byteOffset);
  }

  downloadResident(
    buffer: ResidentBuffer,
    range?: { readonly byteOffset: number; readonly byteLength: number },
  ): Promise<Result<Uint8Array>> {
    return this.#inner.downloadResident(
      buffer,
      this.#fault === 'whole-downloads' ? undefined : range,
    );
  }

  freeResident(buffer: ResidentBuffer): Result<void> {
    return this.#inner.freeResident(buffer);
  }

  dispatchResident(
    program: Program,
    resources: readonly ResidentBuffer[],
    config?: DispatchConfig,
  ): Promise<Result<DispatchTiming>> {
    return this.#inner.dispatchResident(program, resources, config);
  }

  dispatchSequence(
    steps: readonly ResidentDispatchStep[],
    reads: readonly ResidentRange[],
  ): Promise<Result<SequenceResult>> {
    return this.#inner.dispatchSequence(steps, reads);
  }

  deviceLost(): boolean {
    return this.#inner.deviceLost();
  }

  recover(): Promise<Result<void>> {
    return this.#inner.recover();
  }

  dispose(): void {
    if (this.#fault !== 'immortal') {
      this.#inner.dispose();
    }
  }
}
