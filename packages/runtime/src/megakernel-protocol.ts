import {
  add,
  load,
  program,
  ProgramValidationError,
  readWriteBuffer,
  u32,
  validateProgram,
  type BufferDecl,
  type Expr,
  type Node,
  type Program,
} from '@vyre/ir';
import { err, ok, type Result } from '@vyre/foundation';
import { ControlWord } from '@vyre/telemetry';
import { DebugLog } from './debug-log-layout.ts';
import { IoQueue } from './io-queue-layout.ts';

// The four protocol buffers every megakernel variant binds, in the binding ABI's order, and the small
// expression helpers over them.

/** The control buffer's name (binding 0). */
export const CONTROL = 'control';
/** The ring's name (binding 1). */
export const RING = 'ring';
/** The debug log's name (binding 2). */
export const DEBUG = 'debug_log';
/** The IO queue's name (binding 3). */
const IO = 'io_queue';

/** `control[i]`, a plain load. */
export const controlAt = (i: Expr): Expr => load(CONTROL, i);

/** `ring[base + offset]`, a plain load of one word of a slot. */
export const slotWord = (base: Expr, offset: number): Expr =>
  load(RING, add(base, u32(offset)));

/** The control word of observable `i`. */
export const observable = (i: Expr): Expr =>
  add(u32(ControlWord.OBSERVABLE_BASE), i);

/**
 * The program of a megakernel variant: the protocol buffers (all read-write inputs), then the caller's
 * data buffers, validated.
 *
 * @param name - the builder's name, for the validation error
 * @param workgroupSize - lanes per workgroup
 * @param dataBuffers - the caller's buffers (bindings 4 and up, or workgroup memory)
 * @param entry - the body
 * @returns the program, or IR_INVALID_PROGRAM
 */
export function protocolProgram(
  name: string,
  workgroupSize: number,
  dataBuffers: readonly BufferDecl[],
  entry: readonly Node[],
): Result<Program> {
  const built = program({
    workgroupSize: [workgroupSize, 1, 1],
    buffers: [
      readWriteBuffer(CONTROL, 0, 'u32'),
      readWriteBuffer(RING, 1, 'u32'),
      readWriteBuffer(DEBUG, 2, 'u32', { count: DebugLog.BUFFER_WORDS }),
      readWriteBuffer(IO, 3, 'u32', { count: IoQueue.BUFFER_WORDS }),
      ...dataBuffers,
    ],
    entry,
  });
  const report = validateProgram(built);
  return report.ok
    ? ok(built)
    : err(new ProgramValidationError(name, report.errors));
}
