import {
  add,
  atomic,
  atomicCompareExchange,
  bitAnd,
  bufLen,
  eq,
  ifThen,
  letBind,
  load,
  local,
  le,
  loop,
  lt,
  min,
  mul,
  shr,
  store,
  u32,
  type Expr,
  type Node,
} from '@vyre/ir';
import { ARGS_PER_SLOT, ControlWord, SlotWord } from '@vyre/telemetry';
import { DebugLog } from './debug-log-layout.ts';
import {
  CONTROL,
  controlAt,
  DEBUG,
  observable,
  RING,
} from './megakernel-protocol.ts';
import { Opcode } from './opcode.ts';

// The bodies of the built-in opcodes (vyre `handlers.rs`), shared by every variant that interprets
// opcodes. They run in the lane that claimed the slot, with `local('base')` bound to the slot's first
// word and the arguments read through `arg`.

/** An opcode and the statements that run it. */
export type OpcodeBody = readonly [opcode: number, body: readonly Node[]];

const slotLocal = (k: number): Expr => local(`a${k}`);
const ignore = (name: string, value: Expr): Node => letBind(name, value);

/**
 * The built-in opcodes' bodies, NOP to SHUTDOWN (not PACKED_SLOT).
 *
 * @param arg - argument `k` of the operation (default: the locals `a0` … `a2`)
 * @returns one body per built-in opcode
 */
function builtinBodies(
  arg: (k: number) => Expr = slotLocal,
): readonly OpcodeBody[] {
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
    [Opcode.LOAD_U32, [store(CONTROL, observable(arg(1)), controlAt(arg(0)))]],
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
          store(
            CONTROL,
            add(arg(1), local('i')),
            controlAt(add(arg(0), local('i'))),
          ),
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

/**
 * PACKED_SLOT's body (vyre's layout, see `packSlotArgs`): byte 0 of the arguments is the operation
 * count (at most 4), then one (opcode, first argument word) byte pair per operation from byte 2; each
 * operation whose three arguments fit the 12 words runs as the built-in of that opcode. Unknown inner
 * opcodes do nothing.
 *
 * @returns the statements, for a lane where `a0` and `base` are bound
 */
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

/**
 * The built-in bodies plus PACKED_SLOT's: what every interpreting variant runs.
 *
 * @returns one body per built-in opcode
 */
export function interpretedBodies(): readonly OpcodeBody[] {
  return [...builtinBodies(), [Opcode.PACKED_SLOT, packedBody()]];
}
