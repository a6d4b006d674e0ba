import { dataTypeByteSize, type DataType } from './data-type.ts';

/**
 * How a program may access a buffer, in the order of vyre's `BufferAccess`.
 *
 * @remarks
 * `readOnly` and `uniform` buffers are inputs the program cannot write; `readWrite` buffers are
 * inputs and outputs; `writeOnly` buffers are outputs the backend allocates; `workgroup` buffers are
 * per-workgroup scratch memory that the host never sees.
 *
 * @public
 */
export const BufferAccess = {
  readOnly: 0,
  readWrite: 1,
  uniform: 2,
  writeOnly: 3,
  workgroup: 4,
} as const;

/**
 * A buffer access mode: a key of {@link (BufferAccess:variable)}.
 *
 * @public
 */
export type BufferAccess = keyof typeof BufferAccess;

/**
 * A half-open byte range `[start, end)`.
 *
 * @public
 */
export interface ByteRange {
  /** The first byte (inclusive). */
  readonly start: number;
  /** The end (exclusive). */
  readonly end: number;
}

/**
 * A buffer a program declares (vyre's `BufferDecl`).
 *
 * @public
 */
export interface BufferDecl {
  /** Unique within the program; also the buffer's name in emitted WGSL (prefixed). */
  readonly name: string;
  /** The binding slot in group 0; ignored for workgroup buffers. */
  readonly binding: number;
  /** How the program may access it. */
  readonly access: BufferAccess;
  /** The element type; narrow integers are packed (a `u8` buffer of 8 elements is 2 words). */
  readonly element: DataType;
  /** Elements; 0 means the size is set at dispatch by the input bound to it. */
  readonly count: number;
  /** Marked as an output the backend allocates and zero-fills (vyre's `is_output`). */
  readonly output: boolean;
  /** Kept alive for a later dispatch in a pipeline (vyre's `pipeline_live_out`). */
  readonly liveOut: boolean;
  /** When present, only these bytes of the output are read back. */
  readonly outputByteRange?: ByteRange;
}

/**
 * Options shared by the buffer builders.
 *
 * @public
 */
export interface BufferOptions {
  /** Elements; 0 (the default for inputs) means sized at dispatch. */
  readonly count?: number;
  /** Read back only these bytes of an output. */
  readonly outputByteRange?: ByteRange;
}

function buffer(
  name: string,
  binding: number,
  access: BufferAccess,
  element: DataType,
  options: BufferOptions,
  flags: { readonly output: boolean; readonly liveOut: boolean },
): BufferDecl {
  const base = {
    name,
    binding,
    access,
    element,
    count: options.count ?? 0,
    ...flags,
  };
  return options.outputByteRange === undefined
    ? base
    : { ...base, outputByteRange: options.outputByteRange };
}

const INPUT = { output: false, liveOut: false } as const;

/**
 * A read-only input buffer.
 *
 * @param name - the buffer's unique name
 * @param binding - its binding slot in group 0
 * @param element - its element type
 * @param options - a static element count (0, the default, sizes it at dispatch)
 *
 * @example
 * ```ts
 * import { readBuffer } from '@vyre/ir';
 * const input = readBuffer('input', 0, 'u32');
 * ```
 *
 * @public
 */
export function readBuffer(
  name: string,
  binding: number,
  element: DataType,
  options: BufferOptions = {},
): BufferDecl {
  return buffer(name, binding, 'readOnly', element, options, INPUT);
}

/**
 * A buffer the program both reads and writes: an input whose final contents are also an output.
 *
 * @param name - the buffer's unique name
 * @param binding - its binding slot in group 0
 * @param element - its element type
 * @param options - a static element count (0, the default, sizes it at dispatch)
 *
 * @public
 */
export function readWriteBuffer(
  name: string,
  binding: number,
  element: DataType,
  options: BufferOptions = {},
): BufferDecl {
  return buffer(name, binding, 'readWrite', element, options, INPUT);
}

/**
 * An output buffer the backend allocates and zero-fills (not an input).
 *
 * @param name - the buffer's unique name
 * @param binding - its binding slot in group 0
 * @param element - its element type
 * @param count - its element count (must be nonzero, or give `outputByteRange`)
 * @param options - a byte range to read back
 *
 * @example
 * ```ts
 * import { outputBuffer } from '@vyre/ir';
 * const out = outputBuffer('out', 1, 'u32', 1024);
 * ```
 *
 * @public
 */
export function outputBuffer(
  name: string,
  binding: number,
  element: DataType,
  count: number,
  options: Omit<BufferOptions, 'count'> = {},
): BufferDecl {
  return buffer(
    name,
    binding,
    'readWrite',
    element,
    { ...options, count },
    { output: true, liveOut: true },
  );
}

/**
 * A small read-only input of parameters (bound as read-only storage; see `docs/semantics.md`).
 *
 * @param name - the buffer's unique name
 * @param binding - its binding slot in group 0
 * @param element - its element type
 * @param options - a static element count
 *
 * @public
 */
export function uniformBuffer(
  name: string,
  binding: number,
  element: DataType,
  options: BufferOptions = {},
): BufferDecl {
  return buffer(name, binding, 'uniform', element, options, INPUT);
}

/**
 * Per-workgroup scratch memory of `count` elements, shared by the lanes of one workgroup.
 *
 * @param name - the buffer's unique name
 * @param count - its element count (nonzero)
 * @param element - its element type
 *
 * @public
 */
export function workgroupBuffer(
  name: string,
  count: number,
  element: DataType,
): BufferDecl {
  return buffer(name, 0, 'workgroup', element, { count }, INPUT);
}

/**
 * Whether the backend allocates and zero-fills this buffer as an output, rather than binding an
 * input to it: `output`, or `writeOnly`, or a live-out `readWrite` buffer.
 *
 * @param decl - the buffer
 *
 * @public
 */
export function isBackendAllocatedOutput(decl: BufferDecl): boolean {
  return (
    decl.output ||
    decl.access === 'writeOnly' ||
    (decl.liveOut && decl.access === 'readWrite')
  );
}

/**
 * Whether the program may store to (or atomically update) this buffer.
 *
 * @param decl - the buffer
 *
 * @public
 */
export function isWritableBuffer(decl: BufferDecl): boolean {
  return (
    decl.access === 'readWrite' ||
    decl.access === 'writeOnly' ||
    decl.access === 'workgroup'
  );
}

/**
 * The byte length of a statically sized buffer (narrow elements packed), or `undefined` when its size
 * is set at dispatch.
 *
 * @param decl - the buffer
 *
 * @public
 */
export function staticByteLength(decl: BufferDecl): number | undefined {
  return decl.count === 0
    ? undefined
    : decl.count * dataTypeByteSize(decl.element);
}
