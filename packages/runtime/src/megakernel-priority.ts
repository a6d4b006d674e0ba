import {
  add,
  assign,
  atomic,
  bitAnd,
  bufLen,
  div,
  eq,
  ge,
  gidX,
  ifThen,
  le,
  letBind,
  local,
  loop,
  max,
  min,
  mul,
  ne,
  sub,
  u32,
  type Expr,
  type Node,
  type Program,
} from '@vyre/ir';
import { err, StackError, type Result } from '@vyre/foundation';
import {
  ControlWord,
  PRIORITY_FAIRNESS_SLOTS,
  SLOT_WORDS,
  SlotPriority,
  SlotWord,
  TENANT_FAIRNESS_SLOTS,
} from '@vyre/telemetry';
import { interpretedBodies } from './megakernel-builtins.ts';
import {
  claimPublished,
  countMetric,
  returnOnShutdown,
  slotLocals,
} from './megakernel-claim.ts';
import { checkHandlerOpcodes, dispatchTree } from './megakernel-dispatch.ts';
import type { MegakernelOptions } from './megakernel-program.ts';
import {
  CONTROL,
  controlAt,
  protocolProgram,
  RING,
  slotWord,
} from './megakernel-protocol.ts';

// The priority megakernel (vyre `build_program_priority`): the ring is split into five partitions,
// CRITICAL … IDLE, and each claim takes the most urgent published slot the lane can see, except that a
// lane whose last 16 claims were all CRITICAL or HIGH next looks from IDLE upwards.

/**
 * Consecutive CRITICAL or HIGH claims after which a lane's next claim looks from the lowest priority
 * up (vyre `STARVATION_THRESHOLD`).
 *
 * @public
 */
export const STARVATION_THRESHOLD = 16;

/**
 * What a priority megakernel is built from.
 *
 * @public
 */
export interface PriorityMegakernelOptions extends MegakernelOptions {
  /**
   * The most claims a lane makes in one drain (default: as many as it has slots, so one drain serves
   * every slot it can). Fewer rounds leave the least urgent slots for later drains.
   */
  readonly claimRounds?: number;
}

/** `x_found` before a claim: no slot (slot bases are multiples of 16). */
const NONE = 0xffff_ffff;

const v = (name: string): Expr => local(name);

// One partition of a scan: the lane's slots `offset + lane + j * lanes` from its cursor on, until a
// claim; every slot passed (not published, faulted, or claimed) moves the cursor past it.
function scanPartition(p: number, tag: string, lanes: number): Node {
  const j = `x_j${tag}${p}`;
  return loop(j, v(`x_cur${p}`), v(`x_own${p}`), [
    ifThen(eq(v('x_found'), u32(NONE)), [
      assign(`x_cur${p}`, add(v(j), u32(1))),
      letBind(
        'x_base',
        mul(
          add(v(`x_off${p}`), add(v('x_lane'), mul(v(j), u32(lanes)))),
          u32(SLOT_WORDS),
        ),
      ),
      claimPublished(v('x_base'), [
        assign('x_found', v('x_base')),
        assign('x_priority', u32(p)),
      ]),
    ]),
  ]);
}

const PRIORITIES: readonly number[] = Array.from(
  { length: PRIORITY_FAIRNESS_SLOTS },
  (_, p) => p,
);

// The lane's contribution to control[135] moves with its streak: +1 per CRITICAL/HIGH claim, minus the
// whole streak when it resets.
function resetStreak(): Node[] {
  return [
    letBind(
      'x_unstreak',
      atomic(
        'add',
        CONTROL,
        u32(ControlWord.PRIORITY_STARVATION_COUNTER),
        sub(u32(0), v('x_streak')),
      ),
    ),
    assign('x_streak', u32(0)),
  ];
}

function countClaim(): Node[] {
  return [
    letBind('x_tenant', slotWord(v('base'), SlotWord.TENANT)),
    letBind(
      'x_by_priority',
      atomic(
        'add',
        CONTROL,
        add(u32(ControlWord.PRIORITY_FAIRNESS_BASE), v('x_priority')),
        u32(1),
      ),
    ),
    letBind(
      'x_by_tenant',
      atomic(
        'add',
        CONTROL,
        add(
          u32(ControlWord.TENANT_FAIRNESS_BASE),
          bitAnd(v('x_tenant'), u32(TENANT_FAIRNESS_SLOTS - 1)),
        ),
        u32(1),
      ),
    ),
    ifThen(
      le(v('x_priority'), u32(SlotPriority.HIGH)),
      [
        assign('x_streak', add(v('x_streak'), u32(1))),
        letBind(
          'x_streak_up',
          atomic(
            'add',
            CONTROL,
            u32(ControlWord.PRIORITY_STARVATION_COUNTER),
            u32(1),
          ),
        ),
      ],
      resetStreak(),
    ),
  ];
}

/**
 * The priority megakernel: the same buffers, bounded drain, SHUTDOWN check, tenant-mask check, claim,
 * metrics, opcodes (built-ins, PACKED_SLOT, user handlers) and statuses as `interpretedMegakernel`, but
 * slots are claimed by priority.
 *
 * @remarks
 * Partition `p` (CRITICAL 0 … IDLE 4) holds slots `control[129 + p]` up to `control[130 + p]`
 * (`control[134]` is the total; write them with `encodePriorityOffsets`), clamped to the ring; slots
 * outside every partition are never claimed. A slot's priority is its partition's, not its PRIORITY
 * word. Lane `L` of `N` owns, in each partition, the slots `offset + L + jN`, and nobody else claims them;
 * it keeps a cursor per partition. It makes up to `claimRounds` claims (default: as many as it owns
 * slots). In each round it scans the partitions CRITICAL to IDLE, each from its cursor, faulting slots
 * of unauthorized tenants on the way and claiming the first PUBLISHED slot with a compare-exchange; then
 * it counts `control[136 + priority]`, `control[64 + tenant % 32]`, the opcode's metric, and runs the
 * opcode. Starvation guard: the lane counts its consecutive CRITICAL/HIGH claims (its streak, reset by a
 * NORMAL, LOW or IDLE claim); when the streak reaches {@link STARVATION_THRESHOLD}, the next round resets
 * it and scans IDLE to CRITICAL instead, so the lowest non-empty priority the lane owns is served.
 *
 * What the bounded drain changes from vyre's persistent kernel: lanes may not depend on each other's
 * timing, so the streak is per lane and starts at 0 in every drain (a drain that claims fewer than 17
 * slots per lane never starves anyone, and the host's next drain resumes serving the most urgent slots);
 * `control[135]` is kept as the sum of the lanes' streaks (+1 per CRITICAL/HIGH claim, minus the streak at
 * a reset), so it ends a drain raised by the streaks the lanes end it with, the same on every backend and
 * in every lane order. The tenant fairness threshold (64) is not applied: the counters are only counted.
 *
 * @param options - geometry, user opcode handlers, data buffers and the claim rounds
 * @returns the program; RUNTIME_PUBLISH_REFUSED for a handler opcode that is a system opcode or repeated,
 *   or claim rounds that are not a count; IR_INVALID_PROGRAM when a handler body does not validate
 *
 * @public
 */
export function priorityMegakernel(
  options: PriorityMegakernelOptions = {},
): Result<Program> {
  const handlers = options.handlers ?? [];
  const refused = checkHandlerOpcodes(handlers);
  if (refused !== undefined) {
    return refused;
  }
  const rounds = options.claimRounds;
  if (
    rounds !== undefined &&
    (!Number.isInteger(rounds) || rounds < 0 || rounds > 0xffff_ffff)
  ) {
    return err(
      new StackError(
        'RUNTIME_PUBLISH_REFUSED',
        `claimRounds must be a u32 count: found ${String(rounds)}.`,
      ),
    );
  }
  const size = options.workgroupSize ?? 256;
  const lanes = size * (options.workgroups ?? 1);
  const partitions: Node[] = [];
  for (let p = 0; p <= PRIORITY_FAIRNESS_SLOTS; p++) {
    partitions.push(
      letBind(
        `x_off${p}`,
        min(
          controlAt(u32(ControlWord.PRIORITY_OFFSETS_BASE + p)),
          v('x_slots'),
        ),
      ),
    );
  }
  for (const p of PRIORITIES) {
    // The lane's slots in the partition: offset + lane + j * lanes below its end.
    const length = sub(max(v(`x_off${p + 1}`), v(`x_off${p}`)), v(`x_off${p}`));
    partitions.push(
      letBind(
        `x_own${p}`,
        div(
          add(sub(max(length, v('x_lane')), v('x_lane')), u32(lanes - 1)),
          u32(lanes),
        ),
      ),
      letBind(`x_cur${p}`, u32(0)),
    );
  }
  const owned = PRIORITIES.map((p) => v(`x_own${p}`)).reduce((a, b) =>
    add(a, b),
  );
  const body: Node[] = [
    returnOnShutdown(),
    letBind('x_lane', gidX()),
    letBind('x_slots', div(bufLen(RING), u32(SLOT_WORDS))),
    ...partitions,
    letBind('x_streak', u32(0)),
    loop(
      'x_round',
      u32(0),
      rounds === undefined ? owned : min(owned, u32(rounds)),
      [
        letBind('x_starving', ge(v('x_streak'), u32(STARVATION_THRESHOLD))),
        ifThen(v('x_starving'), resetStreak()),
        letBind('x_found', u32(NONE)),
        letBind('x_priority', u32(0)),
        ifThen(
          v('x_starving'),
          [...PRIORITIES].reverse().map((p) => scanPartition(p, 's', lanes)),
          PRIORITIES.map((p) => scanPartition(p, 'n', lanes)),
        ),
        ifThen(ne(v('x_found'), u32(NONE)), [
          letBind('base', v('x_found')),
          ...slotLocals(),
          countMetric(),
          ...countClaim(),
          ...dispatchTree([
            ...handlers.map((h) => [h.opcode, h.body] as const),
            ...interpretedBodies(),
          ]),
        ]),
      ],
    ),
  ];
  return protocolProgram(
    'priorityMegakernel',
    size,
    options.dataBuffers ?? [],
    body,
  );
}
