/**
 * One entry of the {@link ErrorCatalog}: what a code means and the default fix.
 *
 * @public
 */
export interface ErrorCatalogEntry {
  /** One sentence: what went wrong, independent of any particular occurrence. */
  readonly summary: string;
  /** The default "Fix:" text, used when an error does not supply a more specific hint. */
  readonly hint: string;
}

/**
 * The single catalog of stable error codes used by every vyre package.
 *
 * @remarks
 * Codes are API. A released code keeps its meaning forever: it is never renamed, reused or removed,
 * and new codes are only appended. Match on `error.code`, never on message text. Codes are
 * SCREAMING_SNAKE_CASE and start with the layer that raises them (`MATH_`, `ALLOC_`, `WEBGPU_`, ...).
 * `docs/errors.md` is generated from this catalog (`pnpm repo-check --write`), and CI fails when it is stale.
 *
 * @example
 * ```ts
 * import { ErrorCatalog } from '@vyre/foundation';
 * console.log(ErrorCatalog.ALLOC_LIMIT_EXCEEDED.hint);
 * ```
 *
 * @public
 */
export const ErrorCatalog: Readonly<Record<ErrorCode, ErrorCatalogEntry>> = {
  /**
   * A defect inside vyre: an internal invariant failed or an impossible case was reached. Raised only
   * by `InternalError`; never an expected outcome of bad input.
   */
  INTERNAL_BUG: {
    summary:
      'An internal invariant of vyre failed; this is a bug in vyre, not in the calling code.',
    hint: 'Report it with the full message, the stack trace and the input that triggered it.',
  },
  /**
   * A checked integer function received an operand that is not an integer in the range of its type
   * (for example `-1`, `2**32` or `0.5` for a u32 operand, or a byte length that is not a safe integer).
   */
  MATH_INVALID_OPERAND: {
    summary:
      'An integer operand is not an integer in the range of its declared type.',
    hint: 'Pass integers in range: 0..4294967295 for u32, -2147483648..2147483647 for i32, 0..2^53-1 for lengths.',
  },
  /** A checked integer operation produced a result outside the range of its type. */
  MATH_OVERFLOW: {
    summary: 'A checked integer operation overflowed the range of its type.',
    hint: 'Use the wrapping variant if wrap-around is intended, or reduce the operands so the result fits.',
  },
  /** A checked shift was asked to shift by the bit width of its type or more. */
  MATH_SHIFT_OUT_OF_RANGE: {
    summary:
      'A checked shift amount is not smaller than the bit width of the type.',
    hint: 'Shift by 0..31, or use the wrapping variant, which masks the amount with `& 31` as the IR does.',
  },
  /** A byte length or offset is not a multiple of the alignment it must have (usually 4, one word). */
  BYTES_MISALIGNED: {
    summary:
      'A byte length or offset is not a multiple of the required alignment.',
    hint: 'Pad the data to a whole number of words (multiples of 4 bytes) or align the offset.',
  },
  /** An allocation request or limit is not a non-negative safe integer. */
  ALLOC_INVALID_SIZE: {
    summary: 'An allocation size or limit is not a non-negative safe integer.',
    hint: 'Pass whole, non-negative element counts and byte limits.',
  },
  /** An allocation request is larger than the explicit limit the caller set for it. */
  ALLOC_LIMIT_EXCEEDED: {
    summary: 'An allocation request exceeds the explicit limit set for it.',
    hint: 'Split the work into smaller pieces, or raise the limit if the larger size is intended.',
  },
  /** The JavaScript engine could not provide the memory for an allocation within its limit. */
  ALLOC_OUT_OF_MEMORY: {
    summary: 'The JavaScript engine refused to allocate the requested memory.',
    hint: 'Free memory or process the data in smaller pieces; for Node, check --max-old-space-size and system memory.',
  },
  /** The Dawn module (the `webgpu` npm package) could not be loaded in this environment. */
  WEBGPU_MODULE_UNAVAILABLE: {
    summary:
      'The WebGPU implementation for Node (Dawn, the `webgpu` package) could not be loaded.',
    hint: 'Install dependencies with `pnpm install`; Dawn ships binaries for linux-x64/arm64, darwin and win32 only.',
  },
  /** WebGPU is available but `requestAdapter()` found no adapter. */
  WEBGPU_NO_ADAPTER: {
    summary:
      'WebGPU found no adapter (no usable GPU or software Vulkan driver).',
    hint: 'Install a Vulkan driver: your GPU vendor driver, or on Debian 12 Mesa lavapipe >= 25 from bookworm-backports (`./scripts/vyre doctor` installs it).',
  },
  /** An adapter was found but `requestDevice()` failed. */
  WEBGPU_DEVICE_REQUEST_FAILED: {
    summary: 'The WebGPU adapter refused to create a device.',
    hint: 'Update the GPU driver; if limits or features were requested explicitly, request fewer.',
  },
  /** A data type wire tag (in a serialized Program) names no data type the IR supports. */
  IR_UNKNOWN_DATA_TYPE: {
    summary: 'A data type wire tag is not one the IR defines.',
    hint: 'Use a supported data type: u32, i32, f32, bool, u8, i8, u16, i16, vec2u32, vec4u32, u64, i64 or f16.',
  },
  /** A program handed to an operation that needs a valid one (emit, dispatch) has validation errors. */
  IR_INVALID_PROGRAM: {
    summary: 'The program does not validate, so it cannot be emitted or run.',
    hint: 'Run `vyre validate` on it and fix the reported V-codes.',
  },
  /** `parseProgram` received text that is not JSON (`JSON.parse` failed). */
  IR_JSON_SYNTAX: {
    summary: 'The program text is not valid JSON.',
    hint: 'Fix the JSON syntax at the reported position; write program files with `stringifyProgram`.',
  },
  /**
   * A program JSON document exceeds a decoding limit: text length, nesting depth, number of
   * statements, expressions or buffers (`PROGRAM_JSON_LIMITS`).
   */
  IR_JSON_LIMIT_EXCEEDED: {
    summary: 'The program JSON exceeds a size, nesting or node-count limit.',
    hint: 'Split the work into smaller programs; the limits are listed in docs/program-json.md.',
  },
  /** The `format` field of a program JSON document is missing or names a format this version cannot read. */
  IR_JSON_UNSUPPORTED_FORMAT: {
    summary:
      'The program JSON does not declare a supported format (`"format": "vyre.program/v1"`).',
    hint: 'Write the document with `stringifyProgram`, or upgrade @vyre/ir to read newer formats.',
  },
  /** A value in a program JSON document has the wrong JSON type (for example a string where an object belongs). */
  IR_JSON_WRONG_TYPE: {
    summary: 'A value in the program JSON has the wrong JSON type.',
    hint: 'Give the field the JSON type docs/program-json.md (or program.schema.json) specifies.',
  },
  /** An object in a program JSON document lacks a required field. */
  IR_JSON_MISSING_FIELD: {
    summary: 'An object in the program JSON lacks a required field.',
    hint: 'Add the field; docs/program-json.md lists the fields of every kind.',
  },
  /** An object in a program JSON document has a field its kind does not define. */
  IR_JSON_UNKNOWN_FIELD: {
    summary:
      'An object in the program JSON has a field its kind does not define.',
    hint: 'Remove the field or fix its spelling; the format is strict so that typos are not silently ignored.',
  },
  /** A statement or expression in a program JSON document has a `kind` the IR does not define. */
  IR_JSON_UNKNOWN_KIND: {
    summary:
      'A statement or expression in the program JSON has an unknown kind.',
    hint: 'Use one of the kinds listed in the message (docs/program-json.md); kinds are case-sensitive.',
  },
  /**
   * A vocabulary name in a program JSON document (operator, data type, buffer access, memory
   * ordering, literal type) is not one the IR defines.
   */
  IR_JSON_UNKNOWN_NAME: {
    summary:
      'An operator, data type, access mode or memory ordering name in the program JSON is unknown.',
    hint: 'Use one of the names listed in the message; names are case-sensitive.',
  },
  /**
   * A number is outside the domain of its field: a u32 field that is not an integer in 0..2^32-1, an
   * i32 literal out of range, an f32 literal that is not exactly an f32, a byte offset that is not a
   * non-negative safe integer. Raised when decoding program JSON, and thrown when a program holding
   * such a value is serialized or fingerprinted.
   */
  IR_JSON_VALUE_OUT_OF_RANGE: {
    summary: 'A number in the program is outside the domain of its field.',
    hint: 'Use integers in range (0..4294967295 for u32 fields) and exact finite f32 values (round with Math.fround).',
  },
  /** A dispatch gets a different number of inputs than the program’s binding ABI takes. */
  DISPATCH_INPUT_COUNT: {
    summary: 'The number of inputs does not match the program’s binding ABI.',
    hint: 'Pass one byte array per read-only, uniform and read-write buffer the backend does not allocate, in declaration order (planBindings lists them).',
  },
  /** An input is not a Uint8Array, is not a whole number of elements and 4-byte words, or is shorter than its buffer’s static size. */
  DISPATCH_INPUT_SIZE: {
    summary: 'An input’s bytes do not fit its buffer.',
    hint: 'Pass a Uint8Array of at least count × element size bytes, padded to a multiple of 4 (and of the element size).',
  },
  /** Caller-owned output storage has the wrong number of arrays or an array of the wrong length. */
  DISPATCH_OUTPUT_STORAGE: {
    summary: 'The output storage does not match the program’s outputs.',
    hint: 'Pass one Uint8Array per output, each exactly as long as that output: see the readback of prepareDispatch, the byteLength of a sequence read, or the read-write data buffers of a megakernel run.',
  },
  /** A program with a 2-D or 3-D workgroup size is dispatched without a grid. */
  DISPATCH_GRID_REQUIRED: {
    summary:
      'The grid cannot be inferred for a multi-dimensional workgroup size.',
    hint: 'Pass config.gridOverride with the number of workgroups along x, y and z.',
  },
  /** A grid override or the dispatch-elements floor is not a valid size, or exceeds the backend’s workgroups-per-dimension limit. */
  DISPATCH_GRID_INVALID: {
    summary: 'The grid is invalid for this backend.',
    hint: 'Give each grid axis an integer from 1 to the backend’s maxComputeWorkgroupsPerDimension.',
  },
  /** The workgroup size (or its override) exceeds the backend’s per-axis or total-invocation limits. */
  DISPATCH_WORKGROUP_INVALID: {
    summary: 'The workgroup size does not fit the backend.',
    hint: 'Use a smaller workgroup size (WebGPU guarantees 256 invocations, 256 × 256 × 64 per axis).',
  },
  /** A buffer or the grid is larger than the backend can bind or dispatch at once. */
  DISPATCH_TOO_LARGE: {
    summary: 'The dispatch is larger than the backend allows.',
    hint: 'Split the data or the work into several dispatches.',
  },
  /** The backend does not offer this optional feature. */
  BACKEND_UNSUPPORTED: {
    summary: 'This backend does not support the requested feature.',
    hint: 'Use a backend that supports it (its capabilities say which), or avoid the feature.',
  },
  /** The device was lost; the backend refuses work until it recovers. */
  BACKEND_DEVICE_LOST: {
    summary: 'The device was lost.',
    hint: 'Call backend.recover(), then re-upload resident data and retry.',
  },
  /** The backend was used after dispose(). */
  BACKEND_DISPOSED: {
    summary: 'The backend has been disposed.',
    hint: 'Create a new backend.',
  },
  /** A dispatch did not finish within config.timeoutMs. */
  BACKEND_TIMEOUT: {
    summary: 'The dispatch exceeded its timeout.',
    hint: 'Raise timeoutMs, or split the work into smaller dispatches.',
  },
  /** The device could not allocate memory for the dispatch or a resident buffer. */
  BACKEND_OUT_OF_MEMORY: {
    summary: 'The device ran out of memory.',
    hint: 'Free resident buffers or dispatch less data at once.',
  },
  /** The device reported an error while compiling or running a dispatch (never expected for a valid program: a bug in vyre or the driver). */
  BACKEND_DISPATCH_FAILED: {
    summary: 'The device reported an error for this dispatch.',
    hint: 'Report it with the program and the device description from vyre doctor.',
  },
  /** recover() could not acquire a device like the lost one (no adapter, a different adapter, or a device it cannot create). */
  BACKEND_RECOVERY_FAILED: {
    summary: 'The backend could not recover from device loss.',
    hint: 'Check the GPU (vyre doctor); if the adapter changed, create a new backend on it.',
  },
  /** The WebGPU implementation rejected the WGSL vyre emitted (never expected for a valid program: a bug in vyre or the driver). */
  WEBGPU_SHADER_COMPILE_FAILED: {
    summary: 'The WebGPU implementation rejected the emitted WGSL.',
    hint: 'Report it with the program, the message and the device description from vyre doctor.',
  },
  /** A resident buffer handle is freed, belongs to another backend or to a lost device, or has the wrong size for its binding. */
  RESIDENT_HANDLE_INVALID: {
    summary: 'The resident buffer cannot be used here.',
    hint: 'Use a live handle from this backend (allocate again after recover()).',
  },
  /** A resident upload or download range is unaligned or outside the buffer. */
  RESIDENT_RANGE_INVALID: {
    summary: 'The byte range does not fit the resident buffer.',
    hint: 'Use offsets and lengths that are multiples of 4 and within the buffer.',
  },
  /** Lanes of one workgroup wait at different barriers, or some wait at a barrier that others never reach. */
  CPU_REF_BARRIER_DIVERGENCE: {
    summary: 'Lanes of a workgroup disagree on a barrier.',
    hint: 'Make every live lane reach the same barriers in the same order (barriers only in uniform control flow).',
  },
  /** The CPU reference executed more statements than its step budget allows (a very long or endless loop). */
  CPU_REF_STEP_LIMIT: {
    summary: 'The program ran past the CPU reference’s step budget.',
    hint: 'Shorten the loops, or raise the budget with the maxSteps option.',
  },
  /** A file (or standard input) named on the command line could not be read. */
  CLI_INPUT_UNREADABLE: {
    summary: 'An input file named on the command line could not be read.',
    hint: 'Check the path and its permissions; use - to read standard input.',
  },
  /** A file or folder named on the command line for output could not be written. */
  CLI_OUTPUT_UNWRITABLE: {
    summary: 'An output file named on the command line could not be written.',
    hint: 'Check that the folder exists or can be created, and that it is writable.',
  },
  /** A command-line invocation is malformed: unknown command or option, or a bad argument value. */
  CLI_USAGE: {
    summary: 'The command line is not valid for this command.',
    hint: 'Run `vyre --help` or `vyre <command> --help` for the accepted commands and options.',
  },
  /**
   * A telemetry snapshot's bytes do not have the shape of the megakernel protocol: a control buffer
   * shorter than its fixed words, a ring that is not a whole number of 16-word slots, a byte length that
   * is not whole words, or caller-owned scratch that cannot hold the decoded rows.
   */
  TELEMETRY_SNAPSHOT_MALFORMED: {
    summary:
      'A telemetry snapshot does not have the layout of the megakernel protocol.',
    hint: 'Pass the control buffer (at least 160 words) and the ring (a whole number of 64-byte slots) exactly as read back.',
  },
  /** A 64-bit counter given to telemetry is not an integer in 0..2^53-1, the range JavaScript numbers hold exactly. */
  TELEMETRY_COUNTER_OUT_OF_RANGE: {
    summary: 'A telemetry counter is not a non-negative safe integer.',
    hint: 'Pass counters as integers from 0 to Number.MAX_SAFE_INTEGER (2^53 - 1); split longer measurements.',
  },
  /** The drained count of a ring moved backwards between two snapshots: they are not of one run, or the control buffer was reset or corrupted. */
  TELEMETRY_DONE_COUNT_REGRESSED: {
    summary: 'The drained-slot count moved backwards between two snapshots.',
    hint: 'Compare snapshots of one run in the order they were taken; start a new watchdog after the control buffer is reset.',
  },
  /** A metric prefix or label name given to an exporter is not one the metrics system allows. */
  TELEMETRY_LABEL_INVALID: {
    summary: 'A metric prefix or label name is not valid for the exporter.',
    hint: 'Use ASCII letters, digits and underscores, not starting with a digit (labels also not with "__").',
  },
  /**
   * Work cannot be published as given: a system opcode used as a user opcode, more than 12 arguments,
   * a value that is not a u32, a tenant or priority out of range, slots beyond the ring, or storage of
   * the wrong size. Nothing was written.
   */
  RUNTIME_PUBLISH_REFUSED: {
    summary: 'The work cannot be published as given.',
    hint: 'Use built-in or user opcodes (not system ones), at most 12 u32 arguments per slot, tenants up to 0xFFFFFFFE, priorities 0-4, and slots within the ring.',
  },
  /** A slot to publish into is neither EMPTY nor DONE: a worker may still own it. Nothing was written. */
  RUNTIME_SLOT_BUSY: {
    summary: 'A slot to publish into is still in use.',
    hint: 'Publish into EMPTY or DONE slots only: wait for the drain, or reclaim DONE slots first.',
  },
  /** A megakernel buffer read back does not have the protocol's shape (length, alignment, cursor). */
  RUNTIME_PROTOCOL_MALFORMED: {
    summary: 'A megakernel buffer does not have the layout of the protocol.',
    hint: 'Pass the buffer exactly as read back: the control buffer (at least 160 words), the ring (whole 64-byte slots), the debug log (257 words).',
  },
  /**
   * A launch plan's geometry or sizing input is invalid: a queue length, workgroup size, worker count
   * or counter that is not an integer in range, a slot count that is not a positive multiple of the
   * workgroup size, or a ring larger than the protocol's MAX_RING_SLOTS. Nothing was planned.
   */
  RUNTIME_GEOMETRY_INVALID: {
    summary: 'The megakernel launch geometry or sizing input is invalid.',
    hint: 'Pass whole, non-negative counts (u32 where the protocol stores them, safe integers for bytes), a workgroup size from 1 to the device limit, and a queue of at most 268435455 slots.',
  },
  /**
   * The planned launch needs more device memory (resident bytes plus sparse-hit scratch) than the
   * device-memory budget allows. Refused before anything was dispatched.
   */
  RUNTIME_MEMORY_BUDGET_EXCEEDED: {
    summary:
      'The planned launch would exceed the device-memory budget before dispatch.',
    hint: 'Free resident buffers, lower the queue length, expected hits per item or requested hit capacity, or raise deviceMemoryBudgetBytes (0 means unbounded).',
  },
};

/**
 * A stable error code: a key of {@link ErrorCatalog}, where each is documented.
 *
 * @remarks
 * Spelled out rather than derived from the catalog so that the API report shows the codes, not the
 * catalog's wording; the catalog's type makes the two lists agree exactly.
 *
 * @public
 */
export type ErrorCode =
  | 'INTERNAL_BUG'
  | 'MATH_INVALID_OPERAND'
  | 'MATH_OVERFLOW'
  | 'MATH_SHIFT_OUT_OF_RANGE'
  | 'BYTES_MISALIGNED'
  | 'ALLOC_INVALID_SIZE'
  | 'ALLOC_LIMIT_EXCEEDED'
  | 'ALLOC_OUT_OF_MEMORY'
  | 'WEBGPU_MODULE_UNAVAILABLE'
  | 'WEBGPU_NO_ADAPTER'
  | 'WEBGPU_DEVICE_REQUEST_FAILED'
  | 'IR_UNKNOWN_DATA_TYPE'
  | 'IR_INVALID_PROGRAM'
  | 'IR_JSON_SYNTAX'
  | 'IR_JSON_LIMIT_EXCEEDED'
  | 'IR_JSON_UNSUPPORTED_FORMAT'
  | 'IR_JSON_WRONG_TYPE'
  | 'IR_JSON_MISSING_FIELD'
  | 'IR_JSON_UNKNOWN_FIELD'
  | 'IR_JSON_UNKNOWN_KIND'
  | 'IR_JSON_UNKNOWN_NAME'
  | 'IR_JSON_VALUE_OUT_OF_RANGE'
  | 'DISPATCH_INPUT_COUNT'
  | 'DISPATCH_INPUT_SIZE'
  | 'DISPATCH_OUTPUT_STORAGE'
  | 'DISPATCH_GRID_REQUIRED'
  | 'DISPATCH_GRID_INVALID'
  | 'DISPATCH_WORKGROUP_INVALID'
  | 'DISPATCH_TOO_LARGE'
  | 'BACKEND_UNSUPPORTED'
  | 'BACKEND_DEVICE_LOST'
  | 'BACKEND_DISPOSED'
  | 'BACKEND_TIMEOUT'
  | 'BACKEND_OUT_OF_MEMORY'
  | 'BACKEND_DISPATCH_FAILED'
  | 'BACKEND_RECOVERY_FAILED'
  | 'WEBGPU_SHADER_COMPILE_FAILED'
  | 'RESIDENT_HANDLE_INVALID'
  | 'RESIDENT_RANGE_INVALID'
  | 'CPU_REF_BARRIER_DIVERGENCE'
  | 'CPU_REF_STEP_LIMIT'
  | 'CLI_INPUT_UNREADABLE'
  | 'CLI_OUTPUT_UNWRITABLE'
  | 'CLI_USAGE'
  | 'TELEMETRY_SNAPSHOT_MALFORMED'
  | 'TELEMETRY_COUNTER_OUT_OF_RANGE'
  | 'TELEMETRY_DONE_COUNT_REGRESSED'
  | 'TELEMETRY_LABEL_INVALID'
  | 'RUNTIME_PUBLISH_REFUSED'
  | 'RUNTIME_SLOT_BUSY'
  | 'RUNTIME_PROTOCOL_MALFORMED'
  | 'RUNTIME_GEOMETRY_INVALID'
  | 'RUNTIME_MEMORY_BUDGET_EXCEEDED';
