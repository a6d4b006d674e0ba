import {
  add,
  and,
  assign,
  atomic,
  barrier,
  bufLen,
  div,
  eq,
  ifThen,
  letBind,
  lidX,
  load,
  local,
  loop,
  lt,
  mul,
  ne,
  store,
  u32,
  wgX,
  workgroupBuffer,
  type BufferDecl,
  type Node,
  type Program,
} from '@vyre/ir';
import { err, StackError, type Result } from '@vyre/foundation';
import { ControlWord, SLOT_WORDS } from '@vyre/telemetry';
import { interpretedBodies } from './megakernel-builtins.ts';
import { claimPublished, countMetric, slotLocals } from './megakernel-claim.ts';
import { checkHandlerOpcodes, dispatchTree } from './megakernel-dispatch.ts';
import type { MegakernelGeometry } from './megakernel-program.ts';
import { CONTROL, protocolProgram, RING } from './megakernel-protocol.ts';

// The workgroup-per-slot megakernel: the lanes of a workgroup work on one slot together. Lane 0 claims
// and hands the slot to the others through workgroup memory; every lane runs the handler; lane 0
// finishes the slot. The loop over the ring has a uniform bound, and both barriers sit directly in it,
// outside every branch on a claimed value (a load is never uniform), so every lane reaches every barrier.

/**
 * A user opcode of the workgroup-per-slot megakernel. The body runs in every lane of the workgroup that
 * claimed the slot, where `local('lane')` (the lane's index in the workgroup), `local('lanes')` (the
 * workgroup size), `local('op')`, `local('a0')` … `local('a2')` and `local('base')` are bound
 * (`slotArg(k)` reads any argument), so lane `i` can take elements `i, i + lanes, …`. It must not contain
 * barriers or returns (the megakernel places the barriers), and names it binds must not start with `x_`
 * or clash with those locals, `tenant` or `mask`.
 *
 * @public
 */
export interface WorkgroupOpcodeHandler {
  /** A user opcode: not a system one (see `isSystemOpcode`). */
  readonly opcode: number;
  readonly body: readonly Node[];
}

/**
 * What a workgroup-per-slot megakernel is built from.
 *
 * @public
 */
export interface WorkgroupMegakernelOptions extends MegakernelGeometry {
  /** User opcodes and their bodies. */
  readonly handlers?: readonly WorkgroupOpcodeHandler[];
  /** Data buffers the handlers use, declared after the four protocol buffers (bindings 4 and up). */
  readonly dataBuffers?: readonly BufferDecl[];
}

/** The workgroup word through which lane 0 hands its slot to the other lanes. */
const CLAIMED = 'wg_claimed_slot';
/** The hand-over value for "no slot this round" (slot bases are multiples of 16). */
const NONE = 0xffff_ffff;

function barrierOrReturn(nodes: readonly Node[]): string | undefined {
  for (const node of nodes) {
    if (node.kind === 'barrier' || node.kind === 'return') {
      return node.kind;
    }
    const inner =
      node.kind === 'if'
        ? (barrierOrReturn(node.then) ?? barrierOrReturn(node.otherwise))
        : node.kind === 'loop' ||
            node.kind === 'block' ||
            node.kind === 'region'
          ? barrierOrReturn(node.body)
          : undefined;
    if (inner !== undefined) {
      return inner;
    }
  }
  return undefined;
}

function handlerTree(handlers: readonly WorkgroupOpcodeHandler[]): Node[] {
  let tree: Node[] = [];
  for (let i = handlers.length - 1; i >= 0; i--) {
    const handler = handlers[i];
    if (handler !== undefined) {
      tree = [
        ifThen(eq(local('op'), u32(handler.opcode)), [...handler.body], tree),
      ];
    }
  }
  return tree;
}

/**
 * The workgroup-per-slot megakernel: the same buffers, bounded drain, SHUTDOWN check, tenant-mask check,
 * claim, metrics, DONE_COUNT and statuses as `interpretedMegakernel`, but workgroup `w` serves slots
 * `w, w + workgroups, …` one at a time with all its lanes: lane 0 claims the slot, a barrier hands it to
 * every lane, every lane runs the slot's handler, a second barrier, then lane 0 counts the metric and
 * DONE_COUNT and marks the slot DONE, or FAULT for an unknown opcode. Built-in opcodes (and
 * PACKED_SLOT) run in lane 0 only, after the second barrier. With SHUTDOWN set when the drain starts,
 * lane 0 claims nothing (the lanes still meet at every barrier). Workgroup memory: one u32, declared
 * after the data buffers.
 *
 * @param options - geometry, workgroup handlers and their data buffers
 * @returns the program; RUNTIME_PUBLISH_REFUSED for a handler opcode that is a system opcode or repeated,
 *   or a handler body with a barrier or a return; IR_INVALID_PROGRAM when a body does not validate
 *
 * @public
 */
export function workgroupMegakernel(
  options: WorkgroupMegakernelOptions = {},
): Result<Program> {
  const handlers = options.handlers ?? [];
  const refused = checkHandlerOpcodes(handlers);
  if (refused !== undefined) {
    return refused;
  }
  for (const handler of handlers) {
    const found = barrierOrReturn(handler.body);
    if (found !== undefined) {
      return err(
        new StackError(
          'RUNTIME_PUBLISH_REFUSED',
          `the workgroup handler of opcode ${handler.opcode} contains a ${found}: the workgroup-per-slot megakernel places the barriers itself, and every lane must reach them (remove it).`,
        ),
      );
    }
  }
  const size = options.workgroupSize ?? 256;
  const workgroups = options.workgroups ?? 1;
  const body: Node[] = [
    letBind('lane', lidX()),
    letBind('lanes', u32(size)),
    letBind(
      'x_live',
      eq(atomic('add', CONTROL, u32(ControlWord.SHUTDOWN), u32(0)), u32(0)),
    ),
    letBind('x_slots', div(bufLen(RING), u32(SLOT_WORDS))),
    loop(
      'x_k',
      u32(0),
      div(add(local('x_slots'), u32(workgroups - 1)), u32(workgroups)),
      [
        ifThen(eq(local('lane'), u32(0)), [
          letBind('x_claimed', u32(NONE)),
          letBind('x_slot', add(wgX(), mul(local('x_k'), u32(workgroups)))),
          ifThen(and(local('x_live'), lt(local('x_slot'), local('x_slots'))), [
            letBind('x_base', mul(local('x_slot'), u32(SLOT_WORDS))),
            claimPublished(local('x_base'), [
              assign('x_claimed', local('x_base')),
            ]),
          ]),
          store(CLAIMED, u32(0), local('x_claimed')),
        ]),
        barrier(),
        letBind('base', load(CLAIMED, u32(0))),
        ...(handlers.length === 0
          ? []
          : [
              ifThen(ne(local('base'), u32(NONE)), [
                ...slotLocals(),
                ...handlerTree(handlers),
              ]),
            ]),
        barrier(),
        ifThen(and(eq(local('lane'), u32(0)), ne(local('base'), u32(NONE))), [
          ...slotLocals(),
          countMetric(),
          ...dispatchTree([
            ...handlers.map((h) => [h.opcode, []] as const),
            ...interpretedBodies(),
          ]),
        ]),
      ],
    ),
  ];
  return protocolProgram(
    'workgroupMegakernel',
    size,
    [...(options.dataBuffers ?? []), workgroupBuffer(CLAIMED, 1, 'u32')],
    body,
  );
}
