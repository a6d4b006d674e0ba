import {
  add,
  atomic,
  atomicCompareExchange,
  bufLen,
  div,
  eq,
  gidX,
  ifThen,
  letBind,
  local,
  loop,
  lt,
  mul,
  ne,
  ret,
  store,
  u32,
  type Expr,
  type Node,
} from '@vyre/ir';
import {
  ControlWord,
  METRICS_SLOTS,
  RingStatus,
  SLOT_WORDS,
  SlotWord,
} from '@vyre/telemetry';
import { CONTROL, controlAt, RING, slotWord } from './megakernel-protocol.ts';

// The claim protocol every variant shares: the SHUTDOWN check, the tenant-mask check (an unauthorized
// tenant's slot becomes FAULT), the compare-exchange PUBLISHED → CLAIMED, the locals a claimed slot
// binds, the metric, and DONE.

/**
 * Returns from the lane when SHUTDOWN is set (for variants without barriers).
 *
 * @returns the statement
 */
export function returnOnShutdown(): Node {
  return ifThen(
    ne(atomic('add', CONTROL, u32(ControlWord.SHUTDOWN), u32(0)), u32(0)),
    [ret()],
  );
}

/**
 * The body of a lane-per-slot kernel: SHUTDOWN check, then the lane walks the ring with a stride of
 * the lane count (slot = gid.x + k × lanes) and, for each PUBLISHED slot, claims it and runs
 * `claimed` with the slot locals bound and the metric counted.
 *
 * @param lanes - lanes per dispatch (workgroup size × workgroups)
 * @param claimed - what runs for a claimed slot (it must end the slot: DONE or FAULT)
 * @returns the statements
 */
export function stridedDrain(lanes: number, claimed: readonly Node[]): Node[] {
  return [
    returnOnShutdown(),
    letBind('slots', div(bufLen(RING), u32(SLOT_WORDS))),
    loop('k', u32(0), div(add(local('slots'), u32(lanes - 1)), u32(lanes)), [
      letBind('slot', add(gidX(), mul(local('k'), u32(lanes)))),
      ifThen(lt(local('slot'), local('slots')), [
        letBind('base', mul(local('slot'), u32(SLOT_WORDS))),
        claimPublished(local('base'), [
          ...slotLocals(),
          countMetric(),
          ...claimed,
        ]),
      ]),
    ]),
  ];
}

/**
 * For the slot at `base`: when it is PUBLISHED, faults it if its tenant is not authorized (binds
 * `tenant` and `mask`), or else claims it and runs `claimed`.
 *
 * @param base - the slot's first word
 * @param claimed - what runs in the lane that claimed the slot
 * @returns the statement
 */
export function claimPublished(base: Expr, claimed: readonly Node[]): Node {
  return ifThen(
    eq(atomic('add', RING, base, u32(0)), u32(RingStatus.PUBLISHED)),
    [
      letBind('tenant', slotWord(base, SlotWord.TENANT)),
      letBind(
        'mask',
        controlAt(
          add(controlAt(u32(ControlWord.TENANT_BASE)), local('tenant')),
        ),
      ),
      ifThen(
        eq(local('mask'), u32(0)),
        [
          letBind(
            'x_denied',
            atomicCompareExchange(
              RING,
              base,
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
                base,
                u32(RingStatus.PUBLISHED),
                u32(RingStatus.CLAIMED),
              ),
              u32(RingStatus.PUBLISHED),
            ),
            [...claimed],
          ),
        ],
      ),
    ],
  );
}

/**
 * Binds `op` and `a0` … `a2` from the slot at `local('base')`.
 *
 * @returns the statements
 */
export function slotLocals(): Node[] {
  const base = local('base');
  return [
    letBind('op', slotWord(base, SlotWord.OPCODE)),
    letBind('a0', slotWord(base, SlotWord.ARG0)),
    letBind('a1', slotWord(base, SlotWord.ARG0 + 1)),
    letBind('a2', slotWord(base, SlotWord.ARG0 + 2)),
  ];
}

/**
 * Counts `local('op')` in its metrics word when it is below METRICS_SLOTS.
 *
 * @returns the statement
 */
export function countMetric(): Node {
  return ifThen(lt(local('op'), u32(METRICS_SLOTS)), [
    letBind(
      'x_metric',
      atomic(
        'add',
        CONTROL,
        add(u32(ControlWord.METRICS_BASE), local('op')),
        u32(1),
      ),
    ),
  ]);
}

/**
 * Counts DONE_COUNT and marks the slot at `local('base')` DONE.
 *
 * @param name - a fresh name for the ignored previous count
 * @returns the statements
 */
export function finishDone(name: string): Node[] {
  return [
    letBind(name, atomic('add', CONTROL, u32(ControlWord.DONE_COUNT), u32(1))),
    store(RING, local('base'), u32(RingStatus.DONE)),
  ];
}
