import { err, nowMs, ok, StackError, type Result } from '@vyre/foundation';
import {
  bufferRole,
  fingerprintProgram,
  type BufferDecl,
  type DispatchConfig,
  type Node,
  type Program,
  type ResidentBuffer,
  type ResidentDispatchStep,
  type VyreBackend,
} from '@vyre/ir';
import {
  CONTROL_MIN_WORDS,
  dispatchStats,
  SLOT_WORDS,
  type DispatchStats,
} from '@vyre/telemetry';
import { DebugLog } from './debug-log-layout.ts';
import { IoQueue } from './io-queue-layout.ts';
import {
  byteView,
  checkReadbackShape,
  decodeReadback,
  readbackViews,
  type MegakernelReadback,
} from './megakernel-readback.ts';
import {
  buildMegakernel,
  type MegakernelVariant,
} from './megakernel-variant.ts';
import {
  INTERPRETED_OPCODES,
  type OpcodeHandler,
} from './megakernel-program.ts';
import { workerGroupsForGeometry } from './planner-geometry.ts';

// The compiled-megakernel handle (vyre `Megakernel`): one megakernel program for one geometry, bound to
// one backend. Every dispatch is one bounded drain; the buffers are checked against the geometry before
// anything is dispatched and the readback is checked after. A dispatch of host buffers that loses the
// device recovers the backend and runs once more (the lost attempt's results were never read, so nothing
// runs to completion twice); resident dispatches report the loss instead, since their buffers died with
// the device.

/**
 * How to build a megakernel.
 *
 * @public
 */
export interface MegakernelConfig {
  /** Ring slots the kernel serves (default: one per lane). */
  readonly slotCount?: number;
  /** Lanes per workgroup (default 256). */
  readonly workgroupSize?: number;
  /**
   * Workgroups per dispatch (default: one lane per slot, at most 1024). Fewer lanes than slots is
   * fine: each lane strides over the ring.
   */
  readonly workgroups?: number;
  /** User opcodes and their bodies. */
  readonly handlers?: readonly OpcodeHandler[];
  /** Data buffers the handlers use, declared after the four protocol buffers. */
  readonly dataBuffers?: readonly BufferDecl[];
  /** Which megakernel (default interpreted). */
  readonly variant?: MegakernelVariant;
}

/**
 * The buffers of one dispatch: protocol buffers as bytes or words (never modified), data buffers as
 * bytes in declaration order.
 *
 * @public
 */
export interface MegakernelBuffers {
  readonly control: Uint8Array | Uint32Array;
  readonly ring: Uint8Array | Uint32Array;
  /** Default: an empty debug log. */
  readonly debugLog?: Uint8Array | Uint32Array;
  /** Default: an empty IO queue. */
  readonly ioQueue?: Uint8Array | Uint32Array;
  readonly data?: readonly Uint8Array[];
}

/**
 * Resident buffers for every buffer of the megakernel's ABI (vyre `MegakernelResidentHandles`).
 *
 * @public
 */
export interface MegakernelResidentHandles {
  readonly control: ResidentBuffer;
  readonly ring: ResidentBuffer;
  readonly debugLog: ResidentBuffer;
  readonly ioQueue: ResidentBuffer;
  readonly data?: readonly ResidentBuffer[];
}

/**
 * Reusable storage for {@link Megakernel.dispatchResidentMany}: the step list is kept across calls.
 *
 * @public
 */
export interface MegakernelResidentScratch {
  steps: ResidentDispatchStep[];
}

/**
 * What recovery did (vyre `MegakernelRecoveryDecision`).
 *
 * @public
 */
export type MegakernelRecoveryDecision = 'healthy' | 'recompiledPipeline';

function malformed(message: string): Result<never> {
  return err(new StackError('RUNTIME_PROTOCOL_MALFORMED', message));
}

/**
 * A megakernel compiled for one geometry on one backend.
 *
 * @public
 */
export class Megakernel {
  /** The backend it runs on. */
  readonly backend: VyreBackend;
  /** The megakernel program. */
  readonly program: Program;
  /** Ring slots it serves. */
  readonly slotCount: number;
  /** Lanes per workgroup. */
  readonly workgroupSizeX: number;
  /** Workgroups per dispatch (at most 1024; lanes stride over the ring). */
  readonly workerGroups: number;
  /** The data buffers, in declaration order. */
  readonly dataBuffers: readonly BufferDecl[];
  readonly #pipelineId: string;
  readonly #config: DispatchConfig;
  readonly #readWrite: readonly boolean[];
  readonly #variant: MegakernelVariant;
  readonly #known: ReadonlySet<number>;

  private constructor(
    backend: VyreBackend,
    program: Program,
    slotCount: number,
    workgroupSizeX: number,
    workerGroups: number,
    dataBuffers: readonly BufferDecl[],
    variant: MegakernelVariant,
    handlers: readonly OpcodeHandler[],
  ) {
    this.#variant = variant;
    this.#known = new Set([
      ...INTERPRETED_OPCODES,
      ...handlers.map((h) => h.opcode),
    ]);
    this.backend = backend;
    this.program = program;
    this.slotCount = slotCount;
    this.workgroupSizeX = workgroupSizeX;
    this.workerGroups = workerGroups;
    this.dataBuffers = dataBuffers;
    this.#pipelineId = fingerprintProgram(program);
    this.#config = { gridOverride: [workerGroups, 1, 1] };
    this.#readWrite = dataBuffers.map((d) => bufferRole(d) === 'inputOutput');
  }

  /**
   * Builds a megakernel for `backend`.
   *
   * @param backend - the backend it runs on
   * @param config - geometry, opcodes, data buffers and variant
   * @returns the megakernel, RUNTIME_GEOMETRY_INVALID when the slots are not whole workgroups,
   *   RUNTIME_PUBLISH_REFUSED for a bad handler or a data buffer the backend would allocate, or
   *   IR_INVALID_PROGRAM when a handler body does not validate
   */
  static create(
    backend: VyreBackend,
    config: MegakernelConfig = {},
  ): Result<Megakernel> {
    const size = config.workgroupSize ?? 256;
    const slotCount = config.slotCount ?? size;
    const groups = workerGroupsForGeometry(slotCount, size);
    if (!groups.ok) {
      return groups;
    }
    const workerGroups = config.workgroups ?? Math.min(groups.value, 1024);
    if (
      !Number.isInteger(workerGroups) ||
      workerGroups < 1 ||
      workerGroups > Math.min(groups.value, 1024)
    ) {
      return err(
        new StackError(
          'RUNTIME_GEOMETRY_INVALID',
          `a megakernel of ${slotCount} slots in workgroups of ${size} lanes runs 1 to ${Math.min(groups.value, 1024)} workgroups, found ${String(workerGroups)}.`,
        ),
      );
    }
    const dataBuffers = config.dataBuffers ?? [];
    for (const decl of dataBuffers) {
      const role = bufferRole(decl);
      if (role === 'output' || role === 'workgroup') {
        return err(
          new StackError(
            'RUNTIME_PUBLISH_REFUSED',
            `data buffer "${decl.name}" is ${role === 'output' ? 'allocated by the backend (an output)' : 'workgroup memory'}: expected an input (read-only, uniform or read-write), whose contents the host keeps between drains.`,
          ),
        );
      }
    }
    const variant = config.variant ?? { kind: 'interpreted' };
    const built = buildMegakernel(variant, {
      workgroupSize: size,
      workgroups: workerGroups,
      handlers: config.handlers ?? [],
      dataBuffers,
    });
    if (!built.ok) {
      return built;
    }
    return ok(
      new Megakernel(
        backend,
        built.value,
        slotCount,
        size,
        workerGroups,
        dataBuffers,
        variant,
        config.handlers ?? [],
      ),
    );
  }

  /**
   * The default megakernel: 256 lanes × 1 workgroup, 256 slots, no user opcodes.
   *
   * @param backend - the backend it runs on
   * @returns the megakernel
   */
  static bootstrap(backend: VyreBackend): Result<Megakernel> {
    return Megakernel.create(backend);
  }

  /**
   * The default geometry with user opcodes.
   *
   * @param backend - the backend it runs on
   * @param handlers - user opcodes and their bodies
   * @param dataBuffers - the data buffers they use
   * @returns the megakernel
   */
  static bootstrapWithOpcodes(
    backend: VyreBackend,
    handlers: readonly OpcodeHandler[],
    dataBuffers: readonly BufferDecl[] = [],
  ): Result<Megakernel> {
    return Megakernel.create(backend, { handlers, dataBuffers });
  }

  /**
   * A megakernel for `slotCount` slots in workgroups of `workgroupSizeX` lanes.
   *
   * @param backend - the backend it runs on
   * @param slotCount - ring slots, a multiple of the workgroup size
   * @param workgroupSizeX - lanes per workgroup
   * @param handlers - user opcodes and their bodies
   * @param dataBuffers - the data buffers they use
   * @returns the megakernel
   */
  static bootstrapSharded(
    backend: VyreBackend,
    slotCount: number,
    workgroupSizeX: number,
    handlers: readonly OpcodeHandler[] = [],
    dataBuffers: readonly BufferDecl[] = [],
  ): Result<Megakernel> {
    return Megakernel.create(backend, {
      slotCount,
      workgroupSize: workgroupSizeX,
      handlers,
      dataBuffers,
    });
  }

  /**
   * A JIT megakernel: `payload` (a fused payload processor) runs for every claimed slot instead of the
   * opcode tree.
   *
   * @param backend - the backend it runs on
   * @param slotCount - ring slots, a multiple of the workgroup size
   * @param workgroupSizeX - lanes per workgroup
   * @param payload - the payload processor's statements
   * @param dataBuffers - the data buffers it uses
   * @returns the megakernel
   */
  static bootstrapJit(
    backend: VyreBackend,
    slotCount: number,
    workgroupSizeX: number,
    payload: readonly Node[],
    dataBuffers: readonly BufferDecl[] = [],
  ): Result<Megakernel> {
    return Megakernel.create(backend, {
      slotCount,
      workgroupSize: workgroupSizeX,
      dataBuffers,
      variant: { kind: 'jit', payload },
    });
  }

  /**
   * Workgroups needed for a geometry, without building anything.
   *
   * @param slotCount - ring slots
   * @param workgroupSizeX - lanes per workgroup
   * @returns slotCount / workgroupSizeX, or RUNTIME_GEOMETRY_INVALID
   */
  static workerGroupsForGeometry(
    slotCount: number,
    workgroupSizeX: number,
  ): Result<number> {
    return workerGroupsForGeometry(slotCount, workgroupSizeX);
  }

  /** Whether the ring is split into priority partitions (the priority variant). */
  get partitionsByPriority(): boolean {
    return this.#variant.kind === 'priority';
  }

  /** The variant it was built as. */
  get variant(): MegakernelVariant {
    return this.#variant;
  }

  /**
   * Whether a slot of `opcode` runs here (rather than ending FAULT as unknown). A JIT kernel's payload
   * interprets every opcode itself.
   *
   * @param opcode - the slot's opcode
   */
  knowsOpcode(opcode: number): boolean {
    return this.#variant.kind === 'jit' || this.#known.has(opcode);
  }

  /** The program's fingerprint: the backend's pipeline key. */
  get pipelineId(): string {
    return this.#pipelineId;
  }

  /**
   * One bounded drain of `buffers`: returns every buffer as read back, checked.
   *
   * @param buffers - protocol and data buffers (not modified)
   * @returns the readback, RUNTIME_PROTOCOL_MALFORMED for buffers of the wrong shape, or the
   *   backend's error
   */
  async dispatch(
    buffers: MegakernelBuffers,
  ): Promise<Result<MegakernelReadback>> {
    const observed = await this.dispatchObserved(buffers);
    return observed.ok ? ok(observed.value.readback) : observed;
  }

  /**
   * {@link Megakernel.dispatch} with the dispatch's statistics.
   *
   * @param buffers - protocol and data buffers (not modified)
   * @returns the readback and statistics
   */
  async dispatchObserved(buffers: MegakernelBuffers): Promise<
    Result<{
      readonly readback: MegakernelReadback;
      readonly stats: DispatchStats;
    }>
  > {
    const inputs = this.#inputs(buffers);
    if (!inputs.ok) {
      return inputs;
    }
    const started = nowMs();
    let recovered = false;
    let result = await this.backend.dispatch(
      this.program,
      inputs.value.list,
      this.#config,
    );
    if (!result.ok && result.error.code === 'BACKEND_DEVICE_LOST') {
      const recovery = await this.recoverAfterDeviceLoss();
      if (!recovery.ok) {
        return recovery;
      }
      recovered = true;
      result = await this.backend.dispatch(
        this.program,
        inputs.value.list,
        this.#config,
      );
    }
    if (!result.ok) {
      return result;
    }
    const readback = decodeReadback(result.value.outputs, {
      controlWords: inputs.value.controlWords,
      slotCount: this.slotCount,
      dataBytes: inputs.value.readWriteBytes,
    });
    if (!readback.ok) {
      return readback;
    }
    const stats = this.#stats(
      inputs.value.list,
      result.value.outputs,
      nowMs() - started,
      recovered,
    );
    return stats.ok
      ? ok({ readback: readback.value, stats: stats.value })
      : stats;
  }

  /**
   * One bounded drain whose results land in caller-owned `readback` (allocated once with
   * `allocateReadback`, reused across dispatches).
   *
   * @param buffers - protocol and data buffers (not modified)
   * @param readback - where the results go; its lengths must match the buffers
   * @returns the dispatch's statistics
   */
  async dispatchInto(
    buffers: MegakernelBuffers,
    readback: MegakernelReadback,
  ): Promise<Result<DispatchStats>> {
    const inputs = this.#inputs(buffers);
    if (!inputs.ok) {
      return inputs;
    }
    const shape = checkReadbackShape(readback, {
      controlWords: inputs.value.controlWords,
      slotCount: this.slotCount,
      dataBytes: inputs.value.readWriteBytes,
    });
    if (shape !== undefined) {
      return shape;
    }
    const outputs = readbackViews(readback);
    const started = nowMs();
    let recovered = false;
    let timing = await this.backend.dispatchInto(
      this.program,
      inputs.value.list,
      outputs,
      this.#config,
    );
    if (!timing.ok && timing.error.code === 'BACKEND_DEVICE_LOST') {
      const recovery = await this.recoverAfterDeviceLoss();
      if (!recovery.ok) {
        return recovery;
      }
      recovered = true;
      timing = await this.backend.dispatchInto(
        this.program,
        inputs.value.list,
        outputs,
        this.#config,
      );
    }
    if (!timing.ok) {
      return timing;
    }
    return this.#stats(
      inputs.value.list,
      outputs,
      nowMs() - started,
      recovered,
    );
  }

  /**
   * One bounded drain over resident buffers (no upload, no readback; read them with the backend's
   * `downloadResident`). A lost device is reported, not retried: resident buffers die with it.
   *
   * @param handles - resident buffers for the whole ABI
   * @returns the dispatch's statistics
   */
  async dispatchResident(
    handles: MegakernelResidentHandles,
  ): Promise<Result<DispatchStats>> {
    const started = nowMs();
    const resources = this.#resources(handles);
    if (!resources.ok) {
      return resources;
    }
    const timing = await this.backend.dispatchResident(
      this.program,
      resources.value,
      this.#config,
    );
    if (!timing.ok) {
      return timing;
    }
    return this.#residentStats([resources.value], nowMs() - started);
  }

  /**
   * Several bounded drains over resident buffers in one submission (one command buffer), in order:
   * the many-small-launch path. `scratch` keeps the step list across calls.
   *
   * @param handles - one set of resident buffers per drain
   * @param scratch - reusable storage (optional)
   * @returns the statistics of the whole submission
   */
  async dispatchResidentMany(
    handles: readonly MegakernelResidentHandles[],
    scratch: MegakernelResidentScratch = { steps: [] },
  ): Promise<Result<DispatchStats>> {
    const started = nowMs();
    scratch.steps.length = 0;
    const rows: (readonly ResidentBuffer[])[] = [];
    for (const h of handles) {
      const resources = this.#resources(h);
      if (!resources.ok) {
        return resources;
      }
      rows.push(resources.value);
      scratch.steps.push({
        program: this.program,
        resources: resources.value,
        config: this.#config,
      });
    }
    const result = await this.backend.dispatchSequence(scratch.steps, []);
    if (!result.ok) {
      return result;
    }
    return this.#residentStats(rows, nowMs() - started);
  }

  /**
   * Recovers the backend after a device loss (its pipelines are rebuilt from the program); a healthy
   * backend is left alone.
   *
   * @returns what was done, or BACKEND_RECOVERY_FAILED with the backend's own remediation
   */
  async recoverAfterDeviceLoss(): Promise<Result<MegakernelRecoveryDecision>> {
    if (!this.backend.deviceLost()) {
      return ok('healthy');
    }
    const recovered = await this.backend.recover();
    return recovered.ok ? ok('recompiledPipeline') : recovered;
  }

  #inputs(buffers: MegakernelBuffers): Result<{
    readonly list: Uint8Array[];
    readonly controlWords: number;
    readonly readWriteBytes: number[];
  }> {
    const control = byteView(buffers.control);
    const ring = byteView(buffers.ring);
    const debugLog = byteView(
      buffers.debugLog ?? new Uint32Array(DebugLog.BUFFER_WORDS),
    );
    const ioQueue = byteView(
      buffers.ioQueue ?? new Uint32Array(IoQueue.BUFFER_WORDS),
    );
    const data = buffers.data ?? [];
    if (
      control.byteLength % 4 !== 0 ||
      control.byteLength < CONTROL_MIN_WORDS * 4
    ) {
      return malformed(
        `the control buffer is ${control.byteLength} bytes: expected whole words, at least ${CONTROL_MIN_WORDS * 4}.`,
      );
    }
    const checks: ReadonlyArray<readonly [string, number, number]> = [
      ['ring', ring.byteLength, this.slotCount * SLOT_WORDS * 4],
      ['debug log', debugLog.byteLength, DebugLog.BUFFER_WORDS * 4],
      ['IO queue', ioQueue.byteLength, IoQueue.BUFFER_WORDS * 4],
    ];
    for (const [what, found, wanted] of checks) {
      if (found !== wanted) {
        return malformed(
          `the ${what} is ${found} bytes: expected ${wanted} for this megakernel (${this.slotCount} slots).`,
        );
      }
    }
    if (data.length !== this.dataBuffers.length) {
      return malformed(
        `${data.length} data buffers were given: expected one per declared data buffer (${this.dataBuffers.length}).`,
      );
    }
    return ok({
      list: [control, ring, debugLog, ioQueue, ...data],
      controlWords: control.byteLength / 4,
      readWriteBytes: data
        .filter((_, i) => this.#readWrite[i] === true)
        .map((d) => d.byteLength),
    });
  }

  #resources(
    handles: MegakernelResidentHandles,
  ): Result<readonly ResidentBuffer[]> {
    const data = handles.data ?? [];
    if (data.length !== this.dataBuffers.length) {
      return malformed(
        `${data.length} resident data buffers were given: expected ${this.dataBuffers.length}.`,
      );
    }
    if (handles.ring.byteLength !== this.slotCount * SLOT_WORDS * 4) {
      return malformed(
        `the resident ring is ${handles.ring.byteLength} bytes: expected ${this.slotCount * SLOT_WORDS * 4} for this megakernel.`,
      );
    }
    return ok([
      handles.control,
      handles.ring,
      handles.debugLog,
      handles.ioQueue,
      ...data,
    ]);
  }

  #stats(
    inputs: readonly Uint8Array[],
    outputs: readonly Uint8Array[],
    latencyMs: number,
    recovered: boolean,
  ): Result<DispatchStats> {
    const inputBytes = inputs.reduce((s, b) => s + b.byteLength, 0);
    const outputBytes = outputs.reduce((s, b) => s + b.byteLength, 0);
    return dispatchStats({
      inputBytes,
      outputBytes,
      readbackBytes: outputBytes,
      bytesMoved: inputBytes + outputBytes,
      deviceAllocationBytes: inputBytes + outputBytes,
      deviceAllocationEvents: inputs.length + outputs.length,
      latencyNs: Math.round(latencyMs * 1e6),
      outputBuffers: outputs.length,
      residentResourceRows: 0,
      residentResourceHandles: 0,
      kernelLaunches: recovered ? 2 : 1,
      syncPoints: recovered ? 2 : 1,
      recoveredAfterDeviceLoss: recovered,
    });
  }

  #residentStats(
    rows: readonly (readonly ResidentBuffer[])[],
    latencyMs: number,
  ): Result<DispatchStats> {
    return dispatchStats({
      inputBytes: 0,
      outputBytes: 0,
      readbackBytes: 0,
      bytesMoved: 0,
      deviceAllocationBytes: 0,
      deviceAllocationEvents: 0,
      latencyNs: Math.round(latencyMs * 1e6),
      outputBuffers: 0,
      residentResourceRows: rows.length,
      residentResourceHandles: rows.reduce((s, r) => s + r.length, 0),
      kernelLaunches: rows.length,
      syncPoints: 1,
      recoveredAfterDeviceLoss: false,
    });
  }
}
