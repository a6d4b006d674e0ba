import { ok, type Result } from '@vyre/foundation';
import type {
  DispatchConfig,
  Program,
  ResidentBuffer,
  ResidentDispatchStep,
  VyreBackend,
} from '@vyre/ir';
import type { PerItemMode } from './per-item-dispatch.ts';
import { initialBytes, type WorkloadOutputs } from './workload-outputs.ts';
import { OPCODE_NAMES, perItemProgram, type Workload } from './workload.ts';

// Strategies (a) and (b) on any backend, through the VyreBackend contract alone: every item is one
// dispatch of its opcode's one-lane program over its own 64-byte parameter buffer and the shared data
// buffers, all resident and made once. (a) runs every dispatch as one `dispatchSequence` (one
// submission where the device allows) and reads the data back with it; (b) runs each item as its own
// `dispatchResident`, then reads the data back. This is the baseline for backends without a raw
// device, such as the CPU reference.

const PARAM_WORDS = 16;
// One workgroup of one lane per item, as the raw-device baseline dispatches it (grid inference would
// cover the largest buffer).
const ONE_LANE: DispatchConfig = { gridOverride: [1, 1, 1] };

/**
 * The baseline without a megakernel on any {@link VyreBackend}: one dispatch of a one-lane program per
 * item, with the programs and resident buffers made once in {@link BackendPerItemDispatcher.create}.
 */
export class BackendPerItemDispatcher {
  readonly #backend: VyreBackend;
  readonly #params: readonly ResidentBuffer[];
  // data, hist and sums, in that order.
  readonly #data: readonly ResidentBuffer[];
  readonly #steps: readonly ResidentDispatchStep[];
  readonly #initial: readonly Uint8Array[];
  #destroyed = false;

  private constructor(
    backend: VyreBackend,
    workload: Workload,
    params: readonly ResidentBuffer[],
    data: readonly ResidentBuffer[],
  ) {
    this.#backend = backend;
    this.#params = params;
    this.#data = data;
    this.#initial = initialBytes(workload);
    const programs: Program[] = OPCODE_NAMES.map((_, k) => perItemProgram(k));
    this.#steps = params.map((param, i) => ({
      program: programs[workload.kinds[i] ?? 0] as Program,
      resources: [param, ...data],
      config: ONE_LANE,
    }));
  }

  /**
   * Allocates one resident parameter buffer per item (holding its slot words) and the data buffers.
   *
   * @returns the dispatcher, or the backend's first allocation or upload error (nothing is left allocated)
   */
  static async create(
    backend: VyreBackend,
    workload: Workload,
  ): Promise<Result<BackendPerItemDispatcher>> {
    const allocated: ResidentBuffer[] = [];
    const release = (): void => {
      for (const buffer of allocated) {
        backend.freeResident(buffer);
      }
    };
    const words = new Uint32Array(PARAM_WORDS);
    const bytes = new Uint8Array(words.buffer);
    for (const item of workload.items) {
      const param = await backend.allocateResident(bytes.byteLength);
      if (!param.ok) {
        release();
        return param;
      }
      allocated.push(param.value);
      words.fill(0);
      words[1] = item.opcode;
      words.set(item.args ?? [], 4);
      const uploaded = await backend.uploadResident(param.value, bytes);
      if (!uploaded.ok) {
        release();
        return uploaded;
      }
    }
    const params = allocated.slice();
    const data: ResidentBuffer[] = [];
    for (const initial of initialBytes(workload)) {
      const buffer = await backend.allocateResident(initial.byteLength);
      if (!buffer.ok) {
        release();
        return buffer;
      }
      allocated.push(buffer.value);
      data.push(buffer.value);
    }
    return ok(new BackendPerItemDispatcher(backend, workload, params, data));
  }

  /** One run: upload the initial data, dispatch every item, read data, hist and sums back. */
  async run(mode: PerItemMode): Promise<Result<WorkloadOutputs>> {
    const backend = this.#backend;
    for (const [k, buffer] of this.#data.entries()) {
      const uploaded = await backend.uploadResident(
        buffer,
        this.#initial[k] as Uint8Array,
      );
      if (!uploaded.ok) {
        return uploaded;
      }
    }
    const reads = this.#data.map((buffer) => ({
      buffer,
      byteOffset: 0,
      byteLength: buffer.byteLength,
    }));
    let outputs: Uint8Array[];
    if (mode === 'one-submission') {
      const sequence = await backend.dispatchSequence(this.#steps, reads);
      if (!sequence.ok) {
        return sequence;
      }
      outputs = sequence.value.reads;
    } else {
      for (const step of this.#steps) {
        const dispatched = await backend.dispatchResident(
          step.program,
          step.resources,
          ONE_LANE,
        );
        if (!dispatched.ok) {
          return dispatched;
        }
      }
      const read = await backend.dispatchSequence([], reads);
      if (!read.ok) {
        return read;
      }
      outputs = read.value.reads;
    }
    const [data, hist, sums] = outputs as [Uint8Array, Uint8Array, Uint8Array];
    return ok({ data, hist, sums });
  }

  /** Frees the resident buffers (once; later calls do nothing); the dispatcher cannot run again. */
  destroy(): void {
    if (this.#destroyed) {
      return;
    }
    this.#destroyed = true;
    for (const buffer of [...this.#params, ...this.#data]) {
      this.#backend.freeResident(buffer);
    }
  }
}
