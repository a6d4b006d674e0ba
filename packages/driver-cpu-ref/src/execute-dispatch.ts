import { err, ok, StackError, type Result } from '@vyre/foundation';
import { storageElementSize, type PreparedDispatch } from '@vyre/ir';
import { BufferMemory } from './buffer-memory.ts';
import { nowMs } from '@vyre/foundation';
import type { Collective, Instr } from './compile-context.ts';
import type { CompiledProgram } from './compiled-program.ts';
import { isTruthy, zeroOf, type Value } from './cpu-value.ts';
import { Lane, WaitKind } from './lane.ts';
import { NarrowStoreTracker } from './narrow-store-tracker.ts';
import { reduceImpl } from './pinned-subgroup.ts';
import { RunContext } from './run-context.ts';

/**
 * The order in which the CPU reference runs lanes.
 *
 * @remarks
 * `sequential`: workgroups in order (x fastest), each lane of a workgroup runs until it waits or
 * returns, in order. `reversed`: workgroups and lanes in the opposite order. `roundRobin`: workgroups
 * in order; within one, every runnable lane executes one step per round. A race-free program gives the
 * same bytes under all three.
 *
 * @public
 */
export type Schedule = 'sequential' | 'reversed' | 'roundRobin';

/** How one execution runs. */
export interface ExecuteOptions {
  readonly schedule: Schedule;
  readonly subgroupWidth: number;
  readonly maxSteps: number;
  /** `nowMs()` after which the run stops with BACKEND_TIMEOUT. */
  readonly deadline?: number;
  /** The most invocations kept alive at once for a program with grid-wide barriers. */
  readonly maxGridSyncInvocations: number;
  /** Record narrow stores and report unordered writes to one word (the race check). */
  readonly trackNarrowStores?: boolean;
}

// Aborts the run from inside the hot loop; caught at the boundary and returned as a Result.
class RunAbort extends Error {
  readonly error: StackError;
  constructor(error: StackError) {
    super(error.message);
    this.error = error;
  }
}

// Steps between two checks of the step budget and the deadline.
const CHECK_EVERY = 0x4000;

/**
 * Runs a compiled program over the whole grid of `prepared`, on `storage` (one memory per
 * non-workgroup buffer, by declaration index; the caller decides whether it is a copy or resident).
 */
export function executeDispatch(
  compiled: CompiledProgram,
  prepared: PreparedDispatch,
  storage: readonly (BufferMemory | undefined)[],
  options: ExecuteOptions,
): Result<RunContext> {
  const ctx = new RunContext(
    options.maxSteps,
    options.subgroupWidth,
    options.trackNarrowStores === true
      ? new NarrowStoreTracker(
          prepared.program.buffers.map((decl) => decl.name),
        )
      : undefined,
  );
  const reversed = options.schedule === 'reversed';
  const [gx, gy, gz] = prepared.grid;
  const workgroupCount = gx * gy * gz;
  try {
    if (!compiled.hasGridSync) {
      // One workgroup at a time: its lanes and workgroup memory are reused for the next one.
      const group = createWorkgroup(compiled, prepared, storage, ctx, reversed);
      // Workgroups are visited by linear index, never listed: a grid may have 2^48 of them.
      for (let k = 0; k < workgroupCount; k++) {
        const linear = reversed ? workgroupCount - 1 - k : k;
        ctx.narrowStores?.enterWorkgroup();
        group.enter(workgroupAt(linear, prepared.grid), linear);
        const outcome = runWorkgroup(compiled, group.lanes, ctx, options);
        if (outcome === 'grid') {
          throw new RunAbort(
            new StackError(
              'CPU_REF_BARRIER_DIVERGENCE',
              'a lane waits at a grid-wide barrier in a program compiled without one.',
            ),
          );
        }
      }
      return ok(ctx);
    }
    const [wx, wy, wz] = prepared.workgroupSize;
    const invocations = workgroupCount * wx * wy * wz;
    if (invocations > options.maxGridSyncInvocations) {
      return err(
        new StackError(
          'DISPATCH_TOO_LARGE',
          `a program with a grid-wide barrier keeps every invocation alive: expected at most ${options.maxGridSyncInvocations} invocations, found ${invocations}.`,
        ),
      );
    }
    const all = Array.from({ length: workgroupCount }, (_, k) => {
      const linear = reversed ? workgroupCount - 1 - k : k;
      const group = createWorkgroup(compiled, prepared, storage, ctx, reversed);
      group.enter(workgroupAt(linear, prepared.grid), linear);
      return group.lanes;
    });
    for (;;) {
      let waiting = false;
      for (const lanes of all) {
        if (runWorkgroup(compiled, lanes, ctx, options) === 'grid') {
          waiting = true;
        }
      }
      if (!waiting) {
        return ok(ctx);
      }
      // Every live lane of the grid has reached the grid-wide barrier: release them all.
      if (ctx.narrowStores !== undefined) {
        ctx.narrowStores.gridEpoch++;
      }
      for (const lanes of all) {
        for (const lane of lanes) {
          if (lane.pc >= 0) {
            lane.waitKind = WaitKind.NONE;
          }
        }
      }
    }
  } catch (thrown) {
    if (thrown instanceof RunAbort) {
      return err(thrown.error);
    }
    throw thrown;
  }
}

// The workgroup with linear index `linear` (x fastest).
function workgroupAt(
  linear: number,
  grid: readonly [number, number, number],
): readonly [number, number, number] {
  const x = linear % grid[0];
  const rest = (linear - x) / grid[0];
  const y = rest % grid[1];
  return [x, y, (rest - y) / grid[1]];
}

/** The lanes of one workgroup, in schedule order, and its workgroup memory. */
interface Workgroup {
  readonly lanes: readonly Lane[];
  /** Zeroes the workgroup memory and starts every lane at pc 0 in workgroup `wg` (linear index `linear`). */
  enter(wg: readonly [number, number, number], linear: number): void;
}

function createWorkgroup(
  compiled: CompiledProgram,
  prepared: PreparedDispatch,
  storage: readonly (BufferMemory | undefined)[],
  ctx: RunContext,
  reversed: boolean,
): Workgroup {
  const shared: BufferMemory[] = [];
  const mem = prepared.program.buffers.map((decl, index) => {
    if (decl.access === 'workgroup') {
      const bytes =
        Math.ceil((decl.count * storageElementSize(decl.element)) / 4) * 4;
      const memory = new BufferMemory(
        decl.element,
        decl.count,
        new Uint8Array(bytes),
      );
      shared.push(memory);
      return memory;
    }
    return (
      storage[index] ?? new BufferMemory(decl.element, 0, new Uint8Array(0))
    );
  });
  const size = prepared.workgroupSize;
  const lanes: Lane[] = [];
  for (let z = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) {
      for (let x = 0; x < size[0]; x++) {
        lanes.push(new Lane(compiled.slots, mem, ctx, [x, y, z], size));
      }
    }
  }
  if (reversed) {
    lanes.reverse();
  }
  return {
    lanes,
    enter(wg, linear) {
      // Workgroup memory starts zeroed in every workgroup.
      for (const memory of shared) {
        memory.bytes.fill(0);
      }
      for (const lane of lanes) {
        lane.enter(wg, linear);
      }
    },
  };
}

// Runs the lanes of one workgroup until every lane has returned ('done') or every live lane waits at
// the grid-wide barrier ('grid'). Throws RunAbort on divergence, the step budget or the deadline.
function runWorkgroup(
  compiled: CompiledProgram,
  lanes: readonly Lane[],
  ctx: RunContext,
  options: ExecuteOptions,
): 'done' | 'grid' {
  for (;;) {
    if (options.schedule === 'roundRobin') {
      runRoundRobin(compiled, lanes, ctx, options);
    } else {
      for (const lane of lanes) {
        runLane(compiled, lane, ctx, options);
      }
    }
    const outcome = resolveWaits(compiled.collectives, lanes, ctx);
    if (outcome !== 'released') {
      return outcome;
    }
  }
}

function runLane(
  compiled: CompiledProgram,
  lane: Lane,
  ctx: RunContext,
  options: ExecuteOptions,
): void {
  const { instrs, weights } = compiled;
  let pc = lane.pc;
  while (pc >= 0 && lane.waitKind === WaitKind.NONE) {
    const weight = weights[pc] as number;
    pc = (instrs[pc] as Instr)(lane);
    if ((ctx.steps += weight) >= ctx.checkAt) {
      lane.pc = pc;
      checkBudget(ctx, options);
    }
  }
  lane.pc = pc;
}

function runRoundRobin(
  compiled: CompiledProgram,
  lanes: readonly Lane[],
  ctx: RunContext,
  options: ExecuteOptions,
): void {
  const { instrs, weights } = compiled;
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const lane of lanes) {
      const pc = lane.pc;
      if (pc >= 0 && lane.waitKind === WaitKind.NONE) {
        lane.pc = (instrs[pc] as Instr)(lane);
        progressed = true;
        if ((ctx.steps += weights[pc] as number) >= ctx.checkAt) {
          checkBudget(ctx, options);
        }
      }
    }
  }
}

function checkBudget(ctx: RunContext, options: ExecuteOptions): void {
  if (ctx.steps > ctx.maxSteps) {
    throw new RunAbort(
      new StackError(
        'CPU_REF_STEP_LIMIT',
        `the program ran past the step budget: expected at most ${ctx.maxSteps} steps (statements executed across all lanes), found more.`,
      ),
    );
  }
  if (options.deadline !== undefined && nowMs() > options.deadline) {
    throw new RunAbort(
      new StackError(
        'BACKEND_TIMEOUT',
        `the dispatch ran past its timeout: expected it to finish in time, found ${ctx.steps} steps done so far.`,
      ),
    );
  }
  ctx.checkAt = Math.min(ctx.steps + CHECK_EVERY, ctx.maxSteps + 1);
}

// Called when no lane of the workgroup can run: releases a subgroup operation or a barrier that every
// lane involved has reached, or reports that the lanes disagree.
function resolveWaits(
  collectives: readonly Collective[],
  lanes: readonly Lane[],
  ctx: RunContext,
): 'released' | 'done' | 'grid' {
  let running = 0;
  for (const lane of lanes) {
    if (lane.pc >= 0) {
      running++;
    }
  }
  if (running === 0) {
    return 'done';
  }
  const live = lanes.filter((lane) => lane.pc >= 0);
  if (collectives.length > 0 && releaseCollectives(collectives, live, ctx)) {
    return 'released';
  }
  return releaseBarrier(live);
}

// Completes every subgroup operation whose subgroup has fully arrived; false when none was.
function releaseCollectives(
  collectives: readonly Collective[],
  live: readonly Lane[],
  ctx: RunContext,
): boolean {
  const width = ctx.subgroupWidth;
  const subgroups = new Map<number, Lane[]>();
  for (const lane of live) {
    const id = Math.floor(lane.linear / width);
    const group = subgroups.get(id) ?? [];
    group.push(lane);
    subgroups.set(id, group);
  }
  let released = false;
  for (const group of subgroups.values()) {
    const first = group[0];
    if (
      first === undefined ||
      !group.some((lane) => lane.waitKind === WaitKind.COLLECTIVE)
    ) {
      continue;
    }
    if (
      !group.every(
        (lane) =>
          lane.waitKind === WaitKind.COLLECTIVE && lane.waitId === first.waitId,
      )
    ) {
      throw divergence(
        'the lanes of a subgroup are at different subgroup operations or barriers',
        group,
      );
    }
    const collective = collectives[first.waitId - 1];
    if (collective === undefined) {
      throw divergence(`unknown subgroup operation ${first.waitId}`, group);
    }
    completeCollective(collective, group, width);
    released = true;
  }
  return released;
}

// Releases a barrier every live lane waits at, or reports the grid barrier or a divergence.
function releaseBarrier(live: readonly Lane[]): 'released' | 'grid' {
  const first = live[0];
  if (
    first !== undefined &&
    live.every((lane) => lane.waitKind === WaitKind.GRID)
  ) {
    return 'grid';
  }
  if (
    first !== undefined &&
    live.every(
      (lane) =>
        lane.waitKind === WaitKind.BARRIER && lane.waitId === first.waitId,
    )
  ) {
    for (const lane of live) {
      lane.waitKind = WaitKind.NONE;
      lane.interval++;
    }
    return 'released';
  }
  throw divergence(
    'the live lanes of a workgroup wait at different barriers',
    live,
  );
}

function divergence(what: string, lanes: readonly Lane[]): RunAbort {
  const where = lanes
    .slice(0, 4)
    .map(
      (lane) =>
        `lane ${lane.linear} ${lane.waitKind === WaitKind.GRID ? 'at the grid barrier' : `at ${lane.waitKind === WaitKind.COLLECTIVE ? 'subgroup operation' : 'barrier'} ${lane.waitId}`}`,
    )
    .join(', ');
  return new RunAbort(
    new StackError(
      'CPU_REF_BARRIER_DIVERGENCE',
      `${what}: expected every live lane at the same one, found ${where}${lanes.length > 4 ? ', ...' : ''} (workgroup ${lanes[0]?.widX ?? 0},${lanes[0]?.widY ?? 0},${lanes[0]?.widZ ?? 0}).`,
    ),
  );
}

function completeCollective(
  collective: Collective,
  group: readonly Lane[],
  width: number,
): void {
  switch (collective.kind) {
    case 'ballot': {
      let mask = 0;
      for (const lane of group) {
        const local = lane.linear % width;
        if (local < 32 && isTruthy(lane.collectiveOperand)) {
          mask |= 1 << local;
        }
      }
      for (const lane of group) {
        lane.locals[collective.resultSlot] = mask >>> 0;
        lane.waitKind = WaitKind.NONE;
      }
      return;
    }
    case 'shuffle': {
      const byLocal = new Map<number, Value>();
      for (const lane of group) {
        byLocal.set(lane.linear % width, lane.collectiveOperand);
      }
      // A lane at or beyond the subgroup width, or with no invocation, reads zero.
      const zero = zeroOf(collective.type);
      for (const lane of group) {
        const source = lane.collectiveLane;
        lane.locals[collective.resultSlot] =
          source < width ? (byLocal.get(source) ?? zero) : zero;
        lane.waitKind = WaitKind.NONE;
      }
      return;
    }
    case 'reduce': {
      const ordered = [...group].sort((a, b) => a.linear - b.linear);
      const result = reduceImpl(
        collective.op,
        collective.type,
      )(ordered.map((lane) => lane.collectiveOperand));
      for (const lane of group) {
        lane.locals[collective.resultSlot] = result;
        lane.waitKind = WaitKind.NONE;
      }
      return;
    }
  }
}
