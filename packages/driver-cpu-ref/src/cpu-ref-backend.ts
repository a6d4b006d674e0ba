import {
  assertNever,
  err,
  ok,
  StackError,
  tryAllocateBytes,
  type Result,
} from '@vyre/foundation';
import {
  BASELINE_WGSL_CAPABILITIES,
  checkReadTargets,
  prepareDispatch,
  prepareResidentDispatch,
  type DispatchConfig,
  type DispatchResult,
  type DispatchTiming,
  type PreparedDispatch,
  type Program,
  type ResidentBuffer,
  type ResidentDispatchStep,
  type ResidentRange,
  type SequenceResult,
  type TargetCapabilities,
  type VyreBackend,
} from '@vyre/ir';
import { BufferMemory } from './buffer-memory.ts';
import { nowMs } from '@vyre/foundation';
import { CompileCache, type CompileCacheStats } from './compile-cache.ts';
import { executeDispatch, type Schedule } from './execute-dispatch.ts';
import {
  compareSchedules,
  type NarrowStoreReport,
  type RaceReport,
} from './race-report.ts';
import { canGenerateCode } from './generated-unit.ts';
import type { OobReport, RunContext } from './run-context.ts';
import type { SubnormalMode } from './subnormal-mode.ts';
import type { FmaMode } from './fma-mode.ts';
import { resetUnbound } from './unbound-arithmetic.ts';

/**
 * Options for {@link CpuRefBackend}.
 *
 * @public
 */
export interface CpuRefOptions {
  /** Lanes per simulated subgroup (default 32); set it to a GPU's width to compare subgroup programs. */
  readonly subgroupWidth?: number;
  /** The most statements all lanes of one dispatch may execute together (default 2^31), so an endless loop ends with CPU_REF_STEP_LIMIT. */
  readonly maxSteps?: number;
  /** The lane order of `dispatch` (default `sequential`). */
  readonly schedule?: Schedule;
  /** Compiled programs kept (default 256). */
  readonly cacheSize?: number;
  /**
   * What happens to subnormal f32 and f16 values (default `keep`, IEEE). `flush` reads every subnormal
   * operand as a zero of its sign and writes every subnormal result as one, like a GPU that flushes
   * subnormals: compare a device with both to tell a flushing device from a wrong result.
   */
  readonly subnormals?: SubnormalMode;
  /**
   * How `fma` rounds (default `fused`: once). `separate` rounds the product, then the sum, as GPUs may
   * (WGSL gives `fma` the accuracy of `a * b + c`).
   */
  readonly fma?: FmaMode;
  /**
   * Count the f32 arithmetic whose result GPUs are not bound to reproduce (`unbound` in `run`'s
   * result; default false, and slower when on): it takes or makes an infinity or NaN (WGSL lets
   * compilers assume none occurs), underflows, or absorbs a nonzero operand whole (compilers
   * reassociate arithmetic with constants, which moves such steps); or, after a division or math
   * function (which GPUs round differently), a rounding step, conversion to an integer or comparison
   * meets an operand near its jump.
   */
  readonly trackUnbound?: boolean;
  /**
   * How programs are compiled (default `auto`). `closures`: a tree of closures per statement, cheap to
   * build. `generated`: JavaScript generated from the program and compiled by the engine, several
   * times faster to run. `auto`: generated code for dispatches of at least 4096 invocations, closures
   * for smaller ones. Both give identical bytes, steps and OOB tallies; where the environment forbids
   * generating code (a Content-Security-Policy without `unsafe-eval`), closures are used.
   */
  readonly compiler?: CpuRefCompiler;
}

/**
 * The compilers of the CPU reference; see {@link CpuRefOptions.compiler}.
 *
 * @public
 */
export type CpuRefCompiler = 'auto' | 'closures' | 'generated';

/**
 * What {@link CpuRefBackend.run} returns: the outputs, the out-of-bounds tallies and the steps executed.
 *
 * @public
 */
export interface CpuRefRunResult extends DispatchResult {
  /** Loads, stores and atomics that went out of bounds. */
  readonly oob: OobReport;
  /** Statements executed across all lanes. */
  readonly steps: number;
  /** The compiler that ran the program. */
  readonly compiler: 'closures' | 'generated';
  /**
   * With `trackUnbound`: how many f32 arithmetic operations GPUs are not bound to reproduce (see
   * `trackUnbound`); their results, and everything computed from them, may differ on a GPU.
   */
  readonly unbound?: number;
}

/**
 * The capabilities of the CPU reference: everything the IR defines that it can interpret, with limits
 * above any WebGPU device's so that it accepts every program a GPU backend accepts.
 *
 * @public
 */
export const CPU_REF_CAPABILITIES: TargetCapabilities = {
  subgroups: true,
  shaderF16: true,
  gridSync: true,
  limits: {
    ...BASELINE_WGSL_CAPABILITIES.limits,
    maxComputeWorkgroupSizeX: 1024,
    maxComputeWorkgroupSizeY: 1024,
    maxComputeWorkgroupSizeZ: 64,
    maxComputeInvocationsPerWorkgroup: 1024,
    maxComputeWorkgroupStorageSize: 65_536,
    maxStorageBuffersPerShaderStage: 64,
    maxStorageBufferBindingSize: 1 << 30,
  },
};

const MAX_GRID_SYNC_INVOCATIONS = 1 << 20;

// Below this many invocations, `auto` runs closures: building them costs less than generating code.
const AUTO_GENERATED_INVOCATIONS = 4096;

interface ResidentEntry {
  readonly buffer: ResidentBuffer;
  readonly bytes: Uint8Array;
}

/**
 * The CPU reference backend (`cpu-ref`): interprets Programs with exactly the semantics of
 * `docs/semantics.md`, the oracle every GPU result is compared with.
 *
 * @remarks
 * Programs are compiled once into closures over a flat instruction list and cached by fingerprint.
 * Lanes run in a {@link Schedule}; barriers release when every live lane of the workgroup reaches the
 * same one (lanes that disagree are `CPU_REF_BARRIER_DIVERGENCE`); grid-wide barriers hold the whole
 * grid; subgroups are simulated with a configurable width. {@link CpuRefBackend.raceCheck} runs every
 * schedule and reports outputs that depend on it. Resident buffers live in host memory. It is never a
 * silent fallback for a GPU backend.
 *
 * @example
 * ```ts
 * import { CpuRefBackend } from '@vyre/driver-cpu-ref';
 * import { add, gidX, load, outputBuffer, program, readBuffer, store, u32 } from '@vyre/ir';
 * const backend = new CpuRefBackend();
 * const addOne = program({
 *   buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 4)],
 *   entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
 * });
 * const result = await backend.dispatch(addOne, [new Uint8Array(new Uint32Array([1, 2, 3, 4]).buffer)]);
 * // new Uint32Array(result.value.outputs[0].buffer) is [2, 3, 4, 5]
 * ```
 *
 * @public
 */
export class CpuRefBackend implements VyreBackend {
  /** Always `'cpu-ref'`. */
  readonly id: string = 'cpu-ref';
  /** See {@link CPU_REF_CAPABILITIES}. */
  readonly capabilities: TargetCapabilities = CPU_REF_CAPABILITIES;
  readonly #subgroupWidth: number;
  readonly #maxSteps: number;
  readonly #schedule: Schedule;
  readonly #cache: CompileCache;
  readonly #compiler: CpuRefCompiler;
  readonly #subnormals: SubnormalMode;
  readonly #fma: FmaMode;
  readonly #trackUnbound: boolean;
  readonly #resident = new Map<number, ResidentEntry>();
  #nextHandle = 1;
  #disposed = false;

  /**
   * @param options - subgroup width, step budget, default schedule and cache size
   */
  constructor(options: CpuRefOptions = {}) {
    this.#subgroupWidth = options.subgroupWidth ?? 32;
    this.#maxSteps = options.maxSteps ?? 2 ** 31;
    this.#schedule = options.schedule ?? 'sequential';
    this.#cache = new CompileCache(options.cacheSize ?? 256);
    this.#compiler = options.compiler ?? 'auto';
    this.#subnormals = options.subnormals ?? 'keep';
    this.#fma = options.fma ?? 'fused';
    this.#trackUnbound = options.trackUnbound ?? false;
  }

  /** Hits, misses and evictions of the compiled-program cache. */
  compileCacheStats(): CompileCacheStats {
    return this.#cache.stats();
  }

  /**
   * Runs a program once with an explicit schedule and returns the outputs with the out-of-bounds tallies.
   *
   * @param program - the program
   * @param inputs - one byte array per input of the binding ABI
   * @param config - overrides, timeout and label
   * @param schedule - the lane order (default: the backend's)
   */
  async run(
    program: Program,
    inputs: readonly Uint8Array[],
    config: DispatchConfig = {},
    schedule: Schedule = this.#schedule,
  ): Promise<Result<CpuRefRunResult>> {
    await Promise.resolve();
    const started = nowMs();
    const prepared = this.#prepare(program, inputs, config);
    return prepared.ok
      ? this.#runPrepared(prepared.value, config, schedule, started)
      : prepared;
  }

  #prepare(
    program: Program,
    inputs: readonly Uint8Array[],
    config: DispatchConfig,
  ): Result<PreparedDispatch> {
    const usable = this.#usable();
    return usable.ok
      ? prepareDispatch(program, inputs, config, this.capabilities)
      : usable;
  }

  #runPrepared(
    prepared: PreparedDispatch,
    config: DispatchConfig,
    schedule: Schedule,
    started: number,
    trackNarrowStores = false,
  ): Result<CpuRefRunResult & { narrowStores?: NarrowStoreReport }> {
    const storage = copyStorage(prepared);
    if (!storage.ok) {
      return storage;
    }
    const executed = this.#execute(
      prepared,
      storage.value,
      schedule,
      config,
      started,
      trackNarrowStores,
    );
    if (!executed.ok) {
      return executed;
    }
    const narrow = executed.value.ctx.narrowStores?.report();
    return ok({
      ...(narrow === undefined ? {} : { narrowStores: narrow }),
      outputs: readOutputs(prepared, storage.value),
      timing: { wallNs: Math.round((nowMs() - started) * 1e6) },
      oob: executed.value.ctx.oobReport(),
      steps: executed.value.ctx.steps,
      compiler: executed.value.compiler,
      ...(executed.value.unbound === undefined
        ? {}
        : { unbound: executed.value.unbound }),
    });
  }

  /**
   * Runs a program under every schedule and reports the outputs that differ between them: a program
   * whose result depends on the order lanes run in is racy.
   *
   * @param program - the program
   * @param inputs - one byte array per input of the binding ABI
   * @param config - overrides, timeout and label
   */
  async raceCheck(
    program: Program,
    inputs: readonly Uint8Array[],
    config: DispatchConfig = {},
  ): Promise<Result<RaceReport>> {
    await Promise.resolve();
    const started = nowMs();
    const prepared = this.#prepare(program, inputs, config);
    if (!prepared.ok) {
      return prepared;
    }
    const schedules: readonly Schedule[] = [
      'sequential',
      'reversed',
      'roundRobin',
    ];
    const runs: Array<readonly Uint8Array[]> = [];
    let narrow: NarrowStoreReport = { conflicts: [], words: 0 };
    for (const schedule of schedules) {
      // The first run also records narrow stores: a lost read-modify-write shows in no lane order here.
      const track = runs.length === 0;
      const result = this.#runPrepared(
        prepared.value,
        config,
        schedule,
        started,
        track,
      );
      if (!result.ok) {
        return result;
      }
      runs.push(result.value.outputs);
      if (track) {
        narrow = result.value.narrowStores ?? narrow;
      }
    }
    return ok(compareSchedules(program, schedules, runs, narrow));
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.dispatch} */
  async dispatch(
    program: Program,
    inputs: readonly Uint8Array[],
    config: DispatchConfig = {},
  ): Promise<Result<DispatchResult>> {
    const result = await this.run(program, inputs, config);
    return result.ok
      ? ok({ outputs: result.value.outputs, timing: result.value.timing })
      : result;
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.dispatchInto} */
  async dispatchInto(
    program: Program,
    inputs: readonly Uint8Array[],
    outputs: readonly Uint8Array[],
    config: DispatchConfig = {},
  ): Promise<Result<DispatchTiming>> {
    await Promise.resolve();
    const started = nowMs();
    const prepared = this.#prepare(program, inputs, config);
    if (!prepared.ok) {
      return prepared;
    }
    // The storage is checked before anything runs, so a mismatch costs nothing.
    const lengths = prepared.value.readback.map((range) => range.byteLength);
    if (
      outputs.length !== lengths.length ||
      lengths.some((length, i) => outputs[i]?.byteLength !== length)
    ) {
      const found = outputs.map((bytes) => String(bytes.byteLength)).join(', ');
      return err(
        new StackError(
          'DISPATCH_OUTPUT_STORAGE',
          `the output storage does not match the program's outputs: expected byte lengths [${lengths.join(', ')}], found [${found}].`,
        ),
      );
    }
    const result = this.#runPrepared(
      prepared.value,
      config,
      this.#schedule,
      started,
    );
    if (!result.ok) {
      return result;
    }
    result.value.outputs.forEach((bytes, i) => outputs[i]?.set(bytes));
    return ok(result.value.timing);
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.allocateResident} */
  async allocateResident(byteLength: number): Promise<Result<ResidentBuffer>> {
    await Promise.resolve();
    const usable = this.#usable();
    if (!usable.ok) {
      return usable;
    }
    if (
      !Number.isSafeInteger(byteLength) ||
      byteLength <= 0 ||
      byteLength % 4 !== 0
    ) {
      return err(
        new StackError(
          'RESIDENT_RANGE_INVALID',
          `a resident buffer's size must be a positive multiple of 4: expected 4, 8, 12, ..., found ${String(byteLength)}.`,
        ),
      );
    }
    const bytes = tryAllocateBytes(byteLength, {
      maxBytes: this.capabilities.limits.maxStorageBufferBindingSize,
      purpose: 'a cpu-ref resident buffer',
    });
    if (!bytes.ok) {
      return bytes;
    }
    const buffer: ResidentBuffer = {
      backendId: this.id,
      handle: this.#nextHandle++,
      byteLength,
    };
    this.#resident.set(buffer.handle, { buffer, bytes: bytes.value });
    return ok(buffer);
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.uploadResident} */
  async uploadResident(
    buffer: ResidentBuffer,
    data: Uint8Array,
    byteOffset = 0,
  ): Promise<Result<void>> {
    await Promise.resolve();
    const range = this.#range(buffer, byteOffset, data.byteLength);
    if (!range.ok) {
      return range;
    }
    range.value.bytes.set(data, byteOffset);
    return ok(undefined);
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.downloadResident} */
  async downloadResident(
    buffer: ResidentBuffer,
    range?: { readonly byteOffset: number; readonly byteLength: number },
  ): Promise<Result<Uint8Array>> {
    await Promise.resolve();
    const byteOffset = range?.byteOffset ?? 0;
    const byteLength = range?.byteLength ?? buffer.byteLength - byteOffset;
    const entry = this.#range(buffer, byteOffset, byteLength);
    return entry.ok
      ? ok(entry.value.bytes.slice(byteOffset, byteOffset + byteLength))
      : entry;
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.freeResident} */
  freeResident(buffer: ResidentBuffer): Result<void> {
    const entry = this.#entry(buffer);
    if (!entry.ok) {
      return entry;
    }
    this.#resident.delete(buffer.handle);
    return ok(undefined);
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.dispatchResident} */
  async dispatchResident(
    program: Program,
    resources: readonly ResidentBuffer[],
    config: DispatchConfig = {},
  ): Promise<Result<DispatchTiming>> {
    await Promise.resolve();
    const started = nowMs();
    const usable = this.#usable();
    if (!usable.ok) {
      return usable;
    }
    const entries: Uint8Array[] = [];
    for (const resource of resources) {
      const entry = this.#entry(resource);
      if (!entry.ok) {
        return entry;
      }
      entries.push(entry.value.bytes);
    }
    const prepared = prepareResidentDispatch(
      program,
      entries.map((bytes) => bytes.byteLength),
      config,
      this.capabilities,
    );
    if (!prepared.ok) {
      return prepared;
    }
    // Each storage buffer works on its resident bytes directly, up to the bound size.
    let next = 0;
    const storage = program.buffers.map((decl, index) => {
      if (decl.access === 'workgroup') {
        return undefined;
      }
      const bytes = entries[next++] ?? new Uint8Array(0);
      return new BufferMemory(
        decl.element,
        prepared.value.elementCounts[index] ?? 0,
        bytes.subarray(0, prepared.value.boundByteLengths[index] ?? 0),
      );
    });
    const executed = this.#execute(
      prepared.value,
      storage,
      this.#schedule,
      config,
      started,
    );
    return executed.ok
      ? ok({ wallNs: Math.round((nowMs() - started) * 1e6) })
      : executed;
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.dispatchSequence} */
  async dispatchSequence(
    steps: readonly ResidentDispatchStep[],
    reads: readonly ResidentRange[],
  ): Promise<Result<SequenceResult>> {
    const started = nowMs();
    const targets = checkReadTargets(reads);
    if (targets !== undefined) {
      return targets;
    }
    for (const step of steps) {
      const result = await this.dispatchResident(
        step.program,
        step.resources,
        step.config ?? {},
      );
      if (!result.ok) {
        return result;
      }
    }
    const out: Uint8Array[] = [];
    for (const read of reads) {
      const bytes = await this.downloadResident(read.buffer, {
        byteOffset: read.byteOffset,
        byteLength: read.byteLength,
      });
      if (!bytes.ok) {
        return bytes;
      }
      read.into?.set(bytes.value);
      out.push(read.into ?? bytes.value);
    }
    return ok({
      reads: out,
      timing: { wallNs: Math.round((nowMs() - started) * 1e6) },
    });
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.deviceLost} */
  deviceLost(): boolean {
    return false;
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.recover} */
  async recover(): Promise<Result<void>> {
    await Promise.resolve();
    return this.#usable();
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.dispose} */
  dispose(): void {
    this.#disposed = true;
    this.#resident.clear();
  }

  #usable(): Result<void> {
    return this.#disposed
      ? err(
          new StackError(
            'BACKEND_DISPOSED',
            'the cpu-ref backend was used after dispose(): expected a live backend, found a disposed one.',
          ),
        )
      : ok(undefined);
  }

  #execute(
    prepared: PreparedDispatch,
    storage: readonly (BufferMemory | undefined)[],
    schedule: Schedule,
    config: DispatchConfig,
    started: number,
    trackNarrowStores = false,
  ): Result<{
    ctx: RunContext;
    compiler: 'closures' | 'generated';
    unbound: number | undefined;
  }> {
    const generated = this.#useGenerated(prepared);
    // Round-robin steps every lane one statement at a time, so its statements are never fused.
    const compiled = this.#cache.get(prepared.program, {
      generated,
      fuse: schedule !== 'roundRobin',
      subnormals: this.#subnormals,
      fma: this.#fma,
      trackUnbound: this.#trackUnbound,
    });
    if (compiled.unbound !== undefined) {
      resetUnbound(compiled.unbound);
    }
    const executed = executeDispatch(compiled, prepared, storage, {
      schedule,
      subgroupWidth: this.#subgroupWidth,
      maxSteps: this.#maxSteps,
      maxGridSyncInvocations: MAX_GRID_SYNC_INVOCATIONS,
      trackNarrowStores,
      ...(config.timeoutMs === undefined
        ? {}
        : { deadline: started + config.timeoutMs }),
    });
    return executed.ok
      ? ok({
          ctx: executed.value,
          compiler: generated ? 'generated' : 'closures',
          unbound: compiled.unbound?.count,
        })
      : executed;
  }

  #useGenerated(prepared: PreparedDispatch): boolean {
    switch (this.#compiler) {
      case 'closures':
        return false;
      case 'generated':
        return canGenerateCode();
      case 'auto': {
        const [x, y, z] = prepared.grid;
        const [wx, wy, wz] = prepared.workgroupSize;
        return (
          x * y * z * wx * wy * wz >= AUTO_GENERATED_INVOCATIONS &&
          canGenerateCode()
        );
      }
      default:
        return assertNever(this.#compiler, 'CpuRefBackend compiler');
    }
  }

  #entry(buffer: ResidentBuffer): Result<ResidentEntry> {
    const usable = this.#usable();
    if (!usable.ok) {
      return usable;
    }
    const entry = this.#resident.get(buffer.handle);
    if (
      buffer.backendId !== this.id ||
      entry === undefined ||
      entry.buffer !== buffer
    ) {
      return err(
        new StackError(
          'RESIDENT_HANDLE_INVALID',
          `resident buffer ${buffer.backendId}#${buffer.handle} is not live on this backend: expected a handle this cpu-ref backend allocated and has not freed, found ${entry === undefined ? 'a freed or foreign handle' : 'a copy of the handle'}.`,
        ),
      );
    }
    return ok(entry);
  }

  #range(
    buffer: ResidentBuffer,
    byteOffset: number,
    byteLength: number,
  ): Result<ResidentEntry> {
    const entry = this.#entry(buffer);
    if (!entry.ok) {
      return entry;
    }
    const aligned =
      Number.isSafeInteger(byteOffset) &&
      Number.isSafeInteger(byteLength) &&
      byteOffset % 4 === 0 &&
      byteLength % 4 === 0;
    if (
      !aligned ||
      byteOffset < 0 ||
      byteLength < 0 ||
      byteOffset + byteLength > buffer.byteLength
    ) {
      return err(
        new StackError(
          'RESIDENT_RANGE_INVALID',
          `a byte range does not fit resident buffer #${buffer.handle}: expected a 4-aligned range within 0..${buffer.byteLength}, found ${String(byteOffset)}..${String(byteOffset + byteLength)}.`,
        ),
      );
    }
    return entry;
  }
}

// Fresh memory for every bound buffer: inputs copied (the caller's bytes are never written), outputs zeroed.
function copyStorage(
  prepared: PreparedDispatch,
): Result<(BufferMemory | undefined)[]> {
  const storage: (BufferMemory | undefined)[] = [];
  for (const [index, decl] of prepared.program.buffers.entries()) {
    if (decl.access === 'workgroup') {
      storage.push(undefined);
      continue;
    }
    const length = prepared.boundByteLengths[index] ?? 0;
    const bytes = tryAllocateBytes(length, {
      maxBytes: 1 << 30,
      purpose: `cpu-ref buffer "${decl.name}"`,
    });
    if (!bytes.ok) {
      return bytes;
    }
    const input = prepared.inputs[index];
    if (input !== undefined) {
      bytes.value.set(input.subarray(0, length));
    }
    storage.push(
      new BufferMemory(
        decl.element,
        prepared.elementCounts[index] ?? 0,
        bytes.value,
      ),
    );
  }
  return ok(storage);
}

function readOutputs(
  prepared: PreparedDispatch,
  storage: readonly (BufferMemory | undefined)[],
): Uint8Array[] {
  return prepared.plan.outputs.map((index, position) => {
    const range = prepared.readback[position] ?? {
      byteOffset: 0,
      byteLength: 0,
    };
    const bytes = storage[index]?.bytes ?? new Uint8Array(0);
    return bytes.slice(range.byteOffset, range.byteOffset + range.byteLength);
  });
}
