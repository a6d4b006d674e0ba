import {
  add,
  atomic,
  atomicCompareExchange,
  bitAnd,
  bufLen,
  div,
  eq,
  gidX,
  ifThen,
  letBind,
  load,
  local,
  le,
  loop,
  lt,
  min,
  mul,
  ne,
  program,
  readWriteBuffer,
  ret,
  shr,
  store,
  u32,
  ProgramValidationError,
  validateProgram,
  type BufferDecl,
  type Expr,
  type Node,
  type Program,
} from '@vyre/ir';
import { err, ok, StackError, type Result } from '@vyre/foundation';
import {
  ARGS_PER_SLOT,
  ControlWord,
  METRICS_SLOTS,
  RingStatus,
  SLOT_WORDS,
  SlotWord,
} from '@vyre/telemetry';
import { DebugLog } from './debug-log-layout.ts';
import { IoQueue } from './io-queue-layout.ts';
import { isSystemOpcode, Opcode } from './opcode.ts';

// The megakernel as an IR Program (interpreted variant, one bounded drain per dispatch): every lane
// checks SHUTDOWN, then walks the ring with a stride of the lane count; for each PUBLISHED slot it
// checks the tenant mask (an unauthorized tenant's slot becomes FAULT), claims it with a
// compare-exchange PUBLISHED → CLAIMED, counts the opcode's metric, runs the opcode, and marks the slot
// DONE (counting DONE_COUNT), or FAULT for an opcode it does not know. No lane ever waits for another:
// WebGPU gives no forward-progress guarantee, so the host repeats drains until the ring is empty.

/**
 * The geometry a megakernel program is built for.
 *
 * @public
 */
export interface MegakernelGeometry {
  /** Lanes per workgroup (default 256). */
  readonly workgroupSize?: number;
  /** Workgroups per dispatch (default 1; the planner caps it at 1024). */
  readonly workgroups?: number;
}

/**
 * A user opcode's body, given as IR statements (vyre `OpcodeHandler`). The body runs in the lane that
 * claimed the slot, where `local('op')`, `local('a0')` … `local('a2')` (the first three arguments) and
 * `local('base')` (the slot's first word) are bound; `slotArg(k)` reads any of the 12 arguments. It may
 * read and write the program's data buffers and the control buffer; names it binds must not start with
 * `x_` or clash with those locals.
 *
 * @public
 */
export interface OpcodeHandler {
  /** A user opcode: not a system one (see `isSystemOpcode`). */
  readonly opcode: number;
  readonly body: readonly Node[];
}

/**
 * What a megakernel program is built from.
 *
 * @public
 */
export interface MegakernelOptions extends MegakernelGeometry {
  /** User opcodes and their bodies. */
  readonly handlers?: readonly OpcodeHandler[];
  /**
   * Data buffers the handlers use, declared after the four protocol buffers (bindings 4 and up; they
   * follow the binding ABI: inputs and outputs in declaration order after the protocol buffers').
   */
  readonly dataBuffers?: readonly BufferDecl[];
}

/**
 * Argument word `k` (0..11) of the slot being run, for handler bodies.
 *
 * @param k - the argument index
 *
 * @public
 */
export function slotArg(k: number): Expr {
  return load(RING, add(local('base'), u32(SlotWord.ARG0 + k)));
}

const CONTROL = 'control';
const RING = 'ring';
const DEBUG = 'debug_log';
const IO = 'io_queue';

const c = (i: Expr): Expr => load(CONTROL, i);
const word = (base: Expr, offset: number): Expr =>
  load(RING, add(base, u32(offset)));
const slotLocal = (k: number): Expr => local(`a${k}`);
const observable = (i: Expr): Expr => add(u32(ControlWord.OBSERVABLE_BASE), i);
const ignore = (name: string, value: Expr): Node => letBind(name, value);

function builtinBodies(
  arg: (k: number) => Expr = slotLocal,
): ReadonlyArray<readonly [number, readonly Node[]]> {
  return [
    [Opcode.NOP, []],
    [
      Opcode.STORE_U32,
      [ignore('x_store', atomic('exchange', CONTROL, arg(1), arg(0)))],
    ],
    [
      Opcode.ATOMIC_ADD,
      [ignore('x_add', atomic('add', CONTROL, arg(1), arg(0)))],
    ],
    [Opcode.LOAD_U32, [store(CONTROL, observable(arg(1)), c(arg(0)))]],
    [
      Opcode.COMPARE_SWAP,
      [
        letBind(
          'x_prev',
          atomicCompareExchange(CONTROL, arg(0), arg(1), arg(2)),
        ),
        store(CONTROL, observable(arg(0)), local('x_prev')),
      ],
    ],
    [
      Opcode.MEMCPY,
      [
        // Bounded by the buffer: copies past its end would be dropped anyway.
        loop('i', u32(0), min(arg(2), bufLen(CONTROL)), [
          store(CONTROL, add(arg(1), local('i')), c(add(arg(0), local('i')))),
        ]),
      ],
    ],
    [
      Opcode.BATCH_FENCE,
      [
        ignore(
          'x_epoch',
          atomic('add', CONTROL, u32(ControlWord.EPOCH), u32(1)),
        ),
        store(CONTROL, u32(ControlWord.OBSERVABLE_BASE), arg(1)),
      ],
    ],
    [
      Opcode.PRINTF,
      [
        letBind(
          'x_cursor',
          atomic(
            'add',
            DEBUG,
            u32(DebugLog.CURSOR_WORD),
            u32(DebugLog.RECORD_WORDS),
          ),
        ),
        ifThen(
          lt(
            local('x_cursor'),
            u32(DebugLog.RECORD_CAPACITY * DebugLog.RECORD_WORDS),
          ),
          [
            letBind('x_at', add(local('x_cursor'), u32(DebugLog.RECORDS_BASE))),
            store(DEBUG, local('x_at'), arg(0)),
            store(DEBUG, add(local('x_at'), u32(1)), arg(1)),
            store(DEBUG, add(local('x_at'), u32(2)), arg(2)),
            store(DEBUG, add(local('x_at'), u32(3)), local('base')),
          ],
        ),
      ],
    ],
    [
      Opcode.SHUTDOWN,
      [
        ignore(
          'x_shutdown',
          atomic('exchange', CONTROL, u32(ControlWord.SHUTDOWN), u32(1)),
        ),
      ],
    ],
  ];
}

// PACKED_SLOT (vyre's layout, see packSlotArgs): byte 0 of the arguments is the operation count (at
// most 4), then one (opcode, first argument word) byte pair per operation from byte 2; each operation
// whose three arguments fit the 12 words runs as the built-in of that opcode. Unknown inner opcodes do
// nothing.
function packedBody(): Node[] {
  const inner: Node[] = [];
  const bodies = builtinBodies((k) => local(`p${k}`));
  let tree: Node[] = inner;
  for (let i = bodies.length - 1; i >= 0; i--) {
    const [opcode, body] = bodies[i] ?? [0, []];
    tree = [ifThen(eq(local('p_op'), u32(opcode)), [...body], tree)];
  }
  return [
    letBind('p_count', min(bitAnd(local('a0'), u32(0xff)), u32(4))),
    loop('pk', u32(0), local('p_count'), [
      letBind('p_byte', add(u32(2), mul(local('pk'), u32(2)))),
      letBind(
        'p_word',
        load(
          RING,
          add(
            local('base'),
            add(u32(SlotWord.ARG0), shr(local('p_byte'), u32(2))),
          ),
        ),
      ),
      letBind('p_shift', mul(bitAnd(local('p_byte'), u32(3)), u32(8))),
      letBind(
        'p_op',
        bitAnd(shr(local('p_word'), local('p_shift')), u32(0xff)),
      ),
      letBind(
        'p_arg',
        bitAnd(shr(local('p_word'), add(local('p_shift'), u32(8))), u32(0xff)),
      ),
      ifThen(le(add(local('p_arg'), u32(3)), u32(ARGS_PER_SLOT)), [
        ...[0, 1, 2].map((k) =>
          letBind(
            `p${k}`,
            load(
              RING,
              add(local('base'), add(u32(SlotWord.ARG0 + k), local('p_arg'))),
            ),
          ),
        ),
        ...tree,
      ]),
    ]),
  ];
}

/** The opcodes this builder runs; any other published opcode ends FAULT. @public */
export const INTERPRETED_OPCODES: readonly number[] = [
  ...builtinBodies().map(([op]) => op),
  Opcode.PACKED_SLOT,
];

// if (op == a) { ...; done } else if (op == b) { ...; done } ... else { fault }
function dispatchTree(
  bodies: ReadonlyArray<readonly [number, readonly Node[]]>,
): Node[] {
  // An opcode no body handles: the slot faults (the host names the reason).
  let tree: Node[] = [store(RING, local('base'), u32(RingStatus.FAULT))];
  for (let i = bodies.length - 1; i >= 0; i--) {
    const [opcode, body] = bodies[i] ?? [0, []];
    tree = [
      ifThen(
        eq(local('op'), u32(opcode)),
        [
          ...body,
          letBind(
            `x_done${i}`,
            atomic('add', CONTROL, u32(ControlWord.DONE_COUNT), u32(1)),
          ),
          store(RING, local('base'), u32(RingStatus.DONE)),
        ],
        tree,
      ),
    ];
  }
  return tree;
}

/**
 * The interpreted megakernel: buffers `control` (binding 0), `ring` (1), `debug_log` (2) and
 * `io_queue` (3), all read-write inputs that come back as outputs in that order, then the data buffers.
 *
 * @param options - geometry, user opcode handlers and their data buffers
 * @returns the program, RUNTIME_PUBLISH_REFUSED for a handler opcode that is a system opcode or
 *   repeated, or IR_INVALID_PROGRAM when a handler body does not validate
 *
 * @public
 */
export function interpretedMegakernel(
  options: MegakernelOptions = {},
): Result<Program> {
  const geometry = options;
  const handlers = options.handlers ?? [];
  const seen = new Set<number>();
  for (const handler of handlers) {
    if (
      !Number.isInteger(handler.opcode) ||
      handler.opcode < 0 ||
      handler.opcode > 0xffff_ffff ||
      isSystemOpcode(handler.opcode) ||
      seen.has(handler.opcode)
    ) {
      return err(
        new StackError(
          'RUNTIME_PUBLISH_REFUSED',
          `a handler's opcode must be a user opcode given once: found ${String(handler.opcode)}${seen.has(handler.opcode) ? ' twice' : ', a system opcode'}.`,
        ),
      );
    }
    seen.add(handler.opcode);
  }
  const size = geometry.workgroupSize ?? 256;
  const lanes = size * (geometry.workgroups ?? 1);
  const slots = div(bufLen(RING), u32(SLOT_WORDS));
  const body: Node[] = [
    ifThen(
      ne(atomic('add', CONTROL, u32(ControlWord.SHUTDOWN), u32(0)), u32(0)),
      [ret()],
    ),
    letBind('slots', slots),
    loop('k', u32(0), div(add(local('slots'), u32(lanes - 1)), u32(lanes)), [
      letBind('slot', add(gidX(), mul(local('k'), u32(lanes)))),
      ifThen(lt(local('slot'), local('slots')), [
        letBind('base', mul(local('slot'), u32(SLOT_WORDS))),
        ifThen(
          eq(
            atomic('add', RING, local('base'), u32(0)),
            u32(RingStatus.PUBLISHED),
          ),
          [
            letBind('tenant', word(local('base'), SlotWord.TENANT)),
            letBind(
              'mask',
              c(add(c(u32(ControlWord.TENANT_BASE)), local('tenant'))),
            ),
            ifThen(
              eq(local('mask'), u32(0)),
              [
                ignore(
                  'x_denied',
                  atomicCompareExchange(
                    RING,
                    local('base'),
                    u32(RingStatus.PUBLISHED),
                    u32(RingStatus.FAULT),
                  ),
                ),
              ],
              [
                ifThen(
                  eq(
                    atomicCompareExchange(
                      RING,
                      local('base'),
                      u32(RingStatus.PUBLISHED),
                      u32(RingStatus.CLAIMED),
                    ),
                    u32(RingStatus.PUBLISHED),
                  ),
                  [
                    letBind('op', word(local('base'), SlotWord.OPCODE)),
                    letBind('a0', word(local('base'), SlotWord.ARG0)),
                    letBind('a1', word(local('base'), SlotWord.ARG0 + 1)),
                    letBind('a2', word(local('base'), SlotWord.ARG0 + 2)),
                    ifThen(lt(local('op'), u32(METRICS_SLOTS)), [
                      ignore(
                        'x_metric',
                        atomic(
                          'add',
                          CONTROL,
                          add(u32(ControlWord.METRICS_BASE), local('op')),
                          u32(1),
                        ),
                      ),
                    ]),
                    ...dispatchTree([
                      ...handlers.map((h) => [h.opcode, h.body] as const),
                      ...builtinBodies(),
                      [Opcode.PACKED_SLOT, packedBody()],
                    ]),
                  ],
                ),
              ],
            ),
          ],
        ),
      ]),
    ]),
  ];
  const built = program({
    workgroupSize: [size, 1, 1],
    buffers: [
      readWriteBuffer(CONTROL, 0, 'u32'),
      readWriteBuffer(RING, 1, 'u32'),
      readWriteBuffer(DEBUG, 2, 'u32', { count: DebugLog.BUFFER_WORDS }),
      readWriteBuffer(IO, 3, 'u32', { count: IoQueue.BUFFER_WORDS }),
      ...(options.dataBuffers ?? []),
    ],
    entry: body,
  });
  const report = validateProgram(built);
  return report.ok
    ? ok(built)
    : err(new ProgramValidationError('interpretedMegakernel', report.errors));
}
