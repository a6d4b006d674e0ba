import { err, ok, StackError, type Result } from '@vyre/foundation';
import {
  prepareDispatch,
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
import {
  acquireDevice,
  sameAdapter,
  type AdapterIdentity,
} from './acquire-device.ts';
import type { BufferPoolStats, Lease } from './buffer-pool.ts';
import { compilePipeline, type CompiledPipeline } from './compile-pipeline.ts';
import { DeviceContext } from './device-context.ts';
import { encodeDispatches } from './encode-dispatch.ts';
import type { PipelineCacheStats } from './pipeline-cache.ts';
import type { ReadRange } from './readback.ts';
import { ResidentOperations } from './resident-operations.ts';
import { ResidentRegistry } from './resident-registry.ts';
import { resolveGpu } from './resolve-gpu.ts';
import type { StagingStats } from './staging-uploader.ts';
import { deviceLostError, submitAndRead } from './submission.ts';

/**
 * Options for {@link WebGpuBackend.create}.
 *
 * @public
 */
export interface WebGpuBackendOptions {
  /** The `GPU` to request an adapter from; defaults to `navigator.gpu` in a browser and Dawn in Node. */
  readonly gpu?: GPU;
  /**
   * A device to use instead of requesting one. The caller keeps owning it: `dispose()` leaves it alive,
   * and `recover()` cannot replace it (create a new backend on a new device instead).
   */
  readonly device?: GPUDevice;
  /**
   * Dawn toggles when Dawn is loaded here; default
   * `['disable-dawn-features=timestamp_quantization']`, for real timestamp resolution.
   */
  readonly flags?: readonly string[];
  /** Passed to `requestAdapter()`. */
  readonly powerPreference?: GPUPowerPreference;
  /** Compiled pipelines kept (default 256). */
  readonly pipelineCacheSize?: number;
  /** The most bytes of idle pooled buffers kept (default 256 MiB). */
  readonly maxRetainedBytes?: number;
}

const DEFAULT_FLAGS = ['disable-dawn-features=timestamp_quantization'];
const MIB = 1024 * 1024;

/**
 * The WebGPU backend (`webgpu`): runs Programs on a GPU through Dawn in Node or `navigator.gpu` in a
 * browser, with results byte-identical to the CPU reference where `docs/semantics.md` pins them.
 *
 * @remarks
 * Each program is emitted as WGSL, compiled asynchronously with an explicit bind-group layout and
 * cached by fingerprint (LRU). A dispatch uploads the inputs, zeroes backend-allocated outputs, binds
 * exactly each buffer's size, dispatches, copies every output into one mappable buffer and maps it
 * once; buffers come from a pool of power-of-two size classes. Failures are coded: out of memory,
 * validation, device loss (`deviceLost()`, then `recover()` on the same adapter), timeouts. Call
 * `dispose()` when done: a live device keeps Node from exiting.
 *
 * @example
 * ```ts
 * import { WebGpuBackend } from '@vyre/driver-webgpu';
 * import { add, gidX, load, outputBuffer, program, readBuffer, store, u32 } from '@vyre/ir';
 * const created = await WebGpuBackend.create();
 * if (created.ok) {
 *   const gpu = created.value;
 *   const addOne = program({
 *     buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 4)],
 *     entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
 *   });
 *   const result = await gpu.dispatch(addOne, [new Uint8Array(new Uint32Array([1, 2, 3, 4]).buffer)]);
 *   gpu.dispose();
 * }
 * ```
 *
 * @public
 */
export class WebGpuBackend implements VyreBackend {
  /** Always `'webgpu'`. */
  readonly id: string = 'webgpu';
  readonly #options: WebGpuBackendOptions;
  readonly #owned: boolean;
  readonly #registry: ResidentRegistry;
  readonly #resident: ResidentOperations;
  #ctx: DeviceContext | undefined;
  #gpu: GPU | undefined;
  #disposed = false;
  #capabilities: TargetCapabilities;

  private constructor(
    options: WebGpuBackendOptions,
    ctx: DeviceContext,
    gpu: GPU | undefined,
    owned: boolean,
  ) {
    this.#options = options;
    this.#ctx = ctx;
    this.#gpu = gpu;
    this.#owned = owned;
    this.#capabilities = ctx.capabilities;
    this.#registry = new ResidentRegistry(this.id);
    this.#resident = new ResidentOperations(this.#registry, () => this.#live());
    this.#watch(ctx);
  }

  /**
   * Creates a backend on a new device (the adapter's limits, and `timestamp-query`, `subgroups` and
   * `shader-f16` when present), or on `options.device`.
   *
   * @remarks
   * Fails with `WEBGPU_MODULE_UNAVAILABLE`, `WEBGPU_NO_ADAPTER` or `WEBGPU_DEVICE_REQUEST_FAILED`.
   *
   * @param options - where the device comes from, and cache sizes
   */
  static async create(
    options: WebGpuBackendOptions = {},
  ): Promise<Result<WebGpuBackend>> {
    const context = (device: GPUDevice, identity?: AdapterIdentity) =>
      new DeviceContext(device, identity, 1, {
        pipelineCacheSize: options.pipelineCacheSize ?? 256,
        maxRetainedBytes: options.maxRetainedBytes ?? 256 * MIB,
      });
    if (options.device !== undefined) {
      return ok(
        new WebGpuBackend(options, context(options.device), undefined, false),
      );
    }
    const gpu = await resolveGpu({
      ...(options.gpu === undefined ? {} : { gpu: options.gpu }),
      flags: options.flags ?? DEFAULT_FLAGS,
    });
    if (!gpu.ok) {
      return gpu;
    }
    const acquired = await acquireDevice(gpu.value, options.powerPreference);
    if (!acquired.ok) {
      return acquired;
    }
    return ok(
      new WebGpuBackend(
        options,
        context(acquired.value.device, acquired.value.identity),
        gpu.value,
        true,
      ),
    );
  }

  /** What the device can run: its features and limits (see `webGpuCapabilities`). */
  get capabilities(): TargetCapabilities {
    return this.#capabilities;
  }

  /**
   * The device in use, for interoperation (sharing buffers, `device.destroy()` in tests); undefined
   * after `dispose()`.
   */
  get device(): GPUDevice | undefined {
    return this.#ctx?.device;
  }

  /** The adapter the device came from; undefined for a device the caller handed in. */
  get adapter(): AdapterIdentity | undefined {
    return this.#ctx?.identity;
  }

  /** Hits, misses and evictions of the pipeline cache of the current device. */
  pipelineCacheStats(): PipelineCacheStats | undefined {
    return this.#ctx?.pipelines.stats();
  }

  /** Allocations, reuses and retained bytes of the buffer pool of the current device. */
  bufferPoolStats(): BufferPoolStats | undefined {
    return this.#ctx?.pool.stats();
  }

  /** How uploads of the current device went: through staging buffers (made or reused) or directly. */
  stagingStats(): StagingStats | undefined {
    return this.#ctx?.staging.stats();
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.dispatch} */
  async dispatch(
    program: Program,
    inputs: readonly Uint8Array[],
    config: DispatchConfig = {},
  ): Promise<Result<DispatchResult>> {
    const started = performance.now();
    const ctx = this.#live();
    if (!ctx.ok) {
      return ctx;
    }
    const prepared = prepareDispatch(
      program,
      inputs,
      config,
      ctx.value.capabilities,
    );
    return prepared.ok
      ? this.#run(ctx.value, prepared.value, config, started)
      : prepared;
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.dispatchInto} */
  async dispatchInto(
    program: Program,
    inputs: readonly Uint8Array[],
    outputs: readonly Uint8Array[],
    config: DispatchConfig = {},
  ): Promise<Result<DispatchTiming>> {
    const started = performance.now();
    const ctx = this.#live();
    if (!ctx.ok) {
      return ctx;
    }
    const prepared = prepareDispatch(
      program,
      inputs,
      config,
      ctx.value.capabilities,
    );
    if (!prepared.ok) {
      return prepared;
    }
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
    // The mapped results are copied straight into the caller's storage.
    const result = await this.#run(
      ctx.value,
      prepared.value,
      config,
      started,
      outputs,
    );
    return result.ok ? ok(result.value.timing) : result;
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.allocateResident} */
  allocateResident(byteLength: number): Promise<Result<ResidentBuffer>> {
    return this.#resident.allocate(byteLength);
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.uploadResident} */
  uploadResident(
    buffer: ResidentBuffer,
    data: Uint8Array,
    byteOffset = 0,
  ): Promise<Result<void>> {
    return this.#resident.upload(buffer, data, byteOffset);
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.downloadResident} */
  downloadResident(
    buffer: ResidentBuffer,
    range?: { readonly byteOffset: number; readonly byteLength: number },
  ): Promise<Result<Uint8Array>> {
    return this.#resident.download(buffer, range);
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.freeResident} */
  freeResident(buffer: ResidentBuffer): Result<void> {
    return this.#resident.free(buffer);
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.dispatchResident} */
  async dispatchResident(
    program: Program,
    resources: readonly ResidentBuffer[],
    config: DispatchConfig = {},
  ): Promise<Result<DispatchTiming>> {
    const result = await this.#resident.sequence(
      [{ program, resources, config }],
      [],
      config.label ?? 'vyre resident dispatch',
      config,
    );
    return result.ok ? ok(result.value.timing) : result;
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.dispatchSequence} */
  dispatchSequence(
    steps: readonly ResidentDispatchStep[],
    reads: readonly ResidentRange[],
  ): Promise<Result<SequenceResult>> {
    return this.#resident.sequence(steps, reads, 'vyre dispatch sequence', {});
  }

  /** {@inheritDoc @vyre/ir#VyreBackend.deviceLost} */
  deviceLost(): boolean {
    return this.#ctx?.lost ?? false;
  }

  /**
   * Acquires a new device from an adapter of the same identity as the lost one, with the same features
   * and limits, and recompiles the pipelines the cache held. Resident buffers of the lost device stay
   * invalid (`RESIDENT_HANDLE_INVALID`). `BACKEND_RECOVERY_FAILED` for a device the caller handed in,
   * when no adapter or a different one is found, or when the new device differs.
   */
  async recover(): Promise<Result<void>> {
    const old = this.#ctx;
    if (this.#disposed || old === undefined) {
      return err(disposedError('recover()'));
    }
    if (!old.lost) {
      return ok(undefined);
    }
    if (!this.#owned || this.#gpu === undefined) {
      return err(
        new StackError(
          'BACKEND_RECOVERY_FAILED',
          'the lost device was handed in by the caller: expected a device this backend requested itself, found a caller-owned one (create a new backend with a new device).',
        ),
      );
    }
    const acquired = await acquireDevice(
      this.#gpu,
      this.#options.powerPreference,
    );
    if (!acquired.ok) {
      return err(
        new StackError(
          'BACKEND_RECOVERY_FAILED',
          `no device could replace the lost one: expected an adapter like "${old.identity?.description ?? 'the old one'}", found the error "${acquired.error.message}".`,
          { cause: acquired.error },
        ),
      );
    }
    const { device, identity } = acquired.value;
    const next = new DeviceContext(device, identity, old.generation + 1, {
      pipelineCacheSize: this.#options.pipelineCacheSize ?? 256,
      maxRetainedBytes: this.#options.maxRetainedBytes ?? 256 * MIB,
    });
    const sameLimits =
      JSON.stringify(next.capabilities) === JSON.stringify(this.#capabilities);
    if (
      old.identity === undefined ||
      !sameAdapter(old.identity, identity) ||
      !sameLimits
    ) {
      next.release();
      device.destroy();
      return err(
        new StackError(
          'BACKEND_RECOVERY_FAILED',
          `the adapter changed: expected "${old.identity?.description ?? '?'}" with the same features and limits, found "${identity.description}"${sameLimits ? '' : ' with different features or limits'} (create a new backend on it).`,
        ),
      );
    }
    const programs = await old.pipelines.programs();
    old.release();
    this.#ctx = next;
    this.#watch(next);
    this.#registry.dropOtherGenerations(next.generation);
    // Rebuild the pipelines the old device had, so that the next dispatches find them compiled.
    const rebuilt = await Promise.all(
      programs.map((p) =>
        next.pipelines.get(p, (q) =>
          compilePipeline(next.device, q, next.capabilities),
        ),
      ),
    );
    const failed = rebuilt.find((result) => !result.ok);
    return failed === undefined || failed.ok ? ok(undefined) : failed;
  }

  /**
   * Frees every GPU resource of the backend and destroys its device (not one the caller handed in), and
   * drops every reference to them so that Node can exit. The backend refuses work afterwards
   * (`BACKEND_DISPOSED`).
   */
  dispose(): void {
    if (this.#disposed) {
      return;
    }
    this.#disposed = true;
    this.#registry.clear();
    const ctx = this.#ctx;
    this.#ctx = undefined;
    this.#gpu = undefined;
    if (ctx !== undefined) {
      ctx.release();
      if (this.#owned) {
        ctx.device.destroy();
      }
    }
  }

  // Runs a prepared host dispatch: upload, zero, dispatch, read back (into `outputs` when given).
  async #run(
    ctx: DeviceContext,
    prepared: PreparedDispatch,
    config: DispatchConfig,
    started: number,
    outputs?: readonly Uint8Array[],
  ): Promise<Result<DispatchResult>> {
    const label = config.label ?? 'vyre dispatch';
    const compiled = await this.#compile(ctx, prepared.program);
    if (!compiled.ok) {
      return compiled;
    }
    if (ctx.lost) {
      return err(deviceLostError(ctx, label));
    }
    const submitted = await submitAndRead(
      ctx,
      (encoder, timestampWrites, leases) =>
        encodeHostDispatch(
          ctx,
          encoder,
          timestampWrites,
          leases,
          prepared,
          compiled.value,
          label,
          outputs,
        ),
      {
        label,
        timing: config.timing === true,
        ...(config.timeoutMs === undefined
          ? {}
          : { timeoutMs: config.timeoutMs }),
      },
    );
    if (!submitted.ok) {
      return submitted;
    }
    const wallNs = Math.round((performance.now() - started) * 1e6);
    const { deviceNs } = submitted.value;
    return ok({
      outputs: submitted.value.reads,
      timing: deviceNs === undefined ? { wallNs } : { wallNs, deviceNs },
    });
  }

  #compile(
    ctx: DeviceContext,
    program: Program,
  ): Promise<Result<CompiledPipeline>> {
    return ctx.pipelines.get(program, (p) =>
      compilePipeline(ctx.device, p, ctx.capabilities),
    );
  }

  // The current device context, or why there is none to use.
  #live(): Result<DeviceContext> {
    const ctx = this.#ctx;
    if (this.#disposed || ctx === undefined) {
      return err(disposedError('this call'));
    }
    if (ctx.lost) {
      return err(deviceLostError(ctx, 'this call'));
    }
    return ok(ctx);
  }

  // Marks the context lost when its device is lost, unless dispose() destroyed it.
  #watch(ctx: DeviceContext): void {
    void ctx.device.lost.then((info) => {
      if (!this.#disposed) {
        ctx.lost = true;
        ctx.lostMessage = info.message || info.reason;
      }
    });
  }
}

function disposedError(what: string): StackError {
  return new StackError(
    'BACKEND_DISPOSED',
    `${what} needs the webgpu backend, which was disposed: expected a live backend, found a disposed one.`,
  );
}

// Leases a storage buffer per non-workgroup buffer, uploads inputs, zeroes the rest, records the
// dispatch, and returns the output ranges to read back.
function encodeHostDispatch(
  ctx: DeviceContext,
  encoder: GPUCommandEncoder,
  timestampWrites: GPUComputePassTimestampWrites | undefined,
  leases: Lease[],
  prepared: PreparedDispatch,
  compiled: CompiledPipeline,
  label: string,
  outputs: readonly Uint8Array[] | undefined,
): ReadRange[] {
  const buffers = prepared.program.buffers.map((decl, index) => {
    if (decl.access === 'workgroup') {
      return undefined;
    }
    const bound = prepared.boundByteLengths[index] ?? 0;
    const size = Math.max(4, bound);
    const lease = ctx.pool.acquire('storage', size);
    leases.push(lease);
    const input = prepared.inputs[index];
    if (input !== undefined && input.byteLength > 0) {
      ctx.staging.write(encoder, lease.buffer, 0, input.subarray(0, bound));
    } else {
      encoder.clearBuffer(lease.buffer, 0, size);
    }
    return lease.buffer;
  });
  encodeDispatches(
    ctx.device,
    encoder,
    [{ prepared, compiled, buffers }],
    timestampWrites,
    label,
  );
  return prepared.plan.outputs.map((index, position) => {
    const range = prepared.readback[position] ?? {
      byteOffset: 0,
      byteLength: 0,
    };
    const into = outputs?.[position];
    return {
      buffer: buffers[index] as GPUBuffer,
      byteOffset: range.byteOffset,
      byteLength: range.byteLength,
      ...(into === undefined ? {} : { into }),
    };
  });
}
