import type { Result } from '@vyre/foundation';
import type { DispatchConfig } from './dispatch-config.ts';
import type { Program } from './program.ts';
import type { TargetCapabilities } from './target-capabilities.ts';

/**
 * How long a dispatch took.
 *
 * @public
 */
export interface DispatchTiming {
  /** Host wall time from the call to the results being available, in nanoseconds. */
  readonly wallNs: number;
  /** Device execution time from timestamp queries, in nanoseconds, when requested and supported. */
  readonly deviceNs?: number;
}

/**
 * The outputs of one dispatch, in binding-ABI order (see `planBindings`), and its timing.
 *
 * @public
 */
export interface DispatchResult {
  /** One byte array per output, trimmed to its output byte range when it has one. */
  readonly outputs: Uint8Array[];
  readonly timing: DispatchTiming;
}

/**
 * A buffer that lives on the backend between dispatches (on the GPU for WebGPU). Opaque: only the
 * backend that allocated it accepts it, and only until it is freed or the device is lost.
 *
 * @public
 */
export interface ResidentBuffer {
  /** The id of the backend that owns the buffer. */
  readonly backendId: string;
  /** The handle's number, unique within its backend. */
  readonly handle: number;
  /** Its size in bytes (a multiple of 4). */
  readonly byteLength: number;
}

/**
 * A byte range of a resident buffer.
 *
 * @public
 */
export interface ResidentRange {
  readonly buffer: ResidentBuffer;
  readonly byteOffset: number;
  readonly byteLength: number;
  /**
   * Caller-owned storage for the bytes, exactly `byteLength` long: the read is written into it and it
   * is the read's result, so a caller that reads the same range every run allocates nothing
   * (`DISPATCH_OUTPUT_STORAGE` when its length differs; nothing runs then).
   */
  readonly into?: Uint8Array;
}

/**
 * One dispatch of a sequence: a program, one resident buffer per non-workgroup buffer of the program
 * (in declaration order), and its config.
 *
 * @public
 */
export interface ResidentDispatchStep {
  readonly program: Program;
  readonly resources: readonly ResidentBuffer[];
  readonly config?: DispatchConfig;
}

/**
 * The reads a sequence returns, in order, and the sequence's timing.
 *
 * @public
 */
export interface SequenceResult {
  readonly reads: Uint8Array[];
  readonly timing: DispatchTiming;
}

/**
 * The contract every backend implements: run a Program on some device and return bytes that are
 * identical to the CPU reference's (integers and bools) or within the ULP window (f32), as
 * `docs/semantics.md` pins them.
 *
 * @remarks
 * Expected failures are returned, never thrown: invalid programs (`IR_INVALID_PROGRAM`), bad inputs
 * (`DISPATCH_*`), device loss (`BACKEND_DEVICE_LOST`), timeouts (`BACKEND_TIMEOUT`), allocation
 * failures (`BACKEND_OUT_OF_MEMORY`). Optional features a backend does not offer fail with
 * `BACKEND_UNSUPPORTED`. A backend is usable again after any error except device loss, which
 * {@link VyreBackend.recover} repairs.
 *
 * Inputs and outputs follow the binding ABI of `planBindings`: inputs are the read-only, uniform and
 * read-write buffers the backend does not allocate, in declaration order; outputs are the read-write
 * and backend-allocated buffers, in declaration order; backend-allocated outputs start zeroed.
 *
 * @public
 */
export interface VyreBackend {
  /** A unique, stable id such as `'cpu-ref'` or `'webgpu'`. */
  readonly id: string;
  /** What the backend can lower, and its limits; programs are validated against these. */
  readonly capabilities: TargetCapabilities;

  /**
   * Runs a program once.
   *
   * @param program - the program
   * @param inputs - one byte array per input of the binding ABI
   * @param config - overrides, timeout, label and timing request
   */
  dispatch(
    program: Program,
    inputs: readonly Uint8Array[],
    config?: DispatchConfig,
  ): Promise<Result<DispatchResult>>;

  /**
   * Runs a program once and writes its outputs into caller-owned storage, one array per output, each
   * exactly as long as the output (`DISPATCH_OUTPUT_STORAGE` otherwise). For callers that reuse buffers.
   *
   * @param program - the program
   * @param inputs - one byte array per input of the binding ABI
   * @param outputs - where to write each output
   * @param config - overrides, timeout, label and timing request
   */
  dispatchInto(
    program: Program,
    inputs: readonly Uint8Array[],
    outputs: readonly Uint8Array[],
    config?: DispatchConfig,
  ): Promise<Result<DispatchTiming>>;

  /**
   * Allocates a zeroed resident buffer of `byteLength` bytes (a positive multiple of 4).
   *
   * @param byteLength - its size
   */
  allocateResident(byteLength: number): Promise<Result<ResidentBuffer>>;

  /**
   * Writes `data` into a resident buffer at `byteOffset` (both multiples of 4).
   *
   * @param buffer - the destination
   * @param data - the bytes
   * @param byteOffset - where they go (default 0)
   */
  uploadResident(
    buffer: ResidentBuffer,
    data: Uint8Array,
    byteOffset?: number,
  ): Promise<Result<void>>;

  /**
   * Reads a byte range of a resident buffer (the whole buffer by default).
   *
   * @param buffer - the source
   * @param range - the bytes to read
   */
  downloadResident(
    buffer: ResidentBuffer,
    range?: { readonly byteOffset: number; readonly byteLength: number },
  ): Promise<Result<Uint8Array>>;

  /**
   * Frees a resident buffer; the handle is invalid afterwards.
   *
   * @param buffer - the buffer
   */
  freeResident(buffer: ResidentBuffer): Result<void>;

  /**
   * Runs a program on resident buffers, one per non-workgroup buffer in declaration order; results
   * stay in them.
   *
   * @param program - the program
   * @param resources - the resident buffers to bind
   * @param config - overrides, timeout, label and timing request
   */
  dispatchResident(
    program: Program,
    resources: readonly ResidentBuffer[],
    config?: DispatchConfig,
  ): Promise<Result<DispatchTiming>>;

  /**
   * Runs several dispatches on resident buffers in order, as one submission where the device allows,
   * then reads the given ranges (into their `into` storage where given; check it with
   * `checkReadTargets` before running anything).
   *
   * @param steps - the dispatches
   * @param reads - the ranges to read afterwards
   */
  dispatchSequence(
    steps: readonly ResidentDispatchStep[],
    reads: readonly ResidentRange[],
  ): Promise<Result<SequenceResult>>;

  /** Whether the device was lost; every call then fails with `BACKEND_DEVICE_LOST` until {@link VyreBackend.recover}. */
  deviceLost(): boolean;

  /** Acquires a new device of the same kind; resident buffers of the lost device stay invalid. */
  recover(): Promise<Result<void>>;

  /** Releases the device and everything on it; the backend is unusable afterwards. */
  dispose(): void;
}
