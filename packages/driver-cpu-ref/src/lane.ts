import type { BufferMemory } from './buffer-memory.ts';
import type { Value } from './cpu-value.ts';
import type { RunContext } from './run-context.ts';

/** What a lane waits for: nothing, a workgroup barrier, the grid barrier, or a subgroup collective. */
export const WaitKind = {
  NONE: 0,
  BARRIER: 1,
  GRID: 2,
  COLLECTIVE: 3,
} as const;

export type WaitKind = (typeof WaitKind)[keyof typeof WaitKind];

/** The pc of a lane that has returned. */
export const DONE_PC = -1;

/** One invocation: its ids, its locals, and where it is in the instruction list. */
export class Lane {
  pc = 0;
  waitKind: WaitKind = WaitKind.NONE;
  /** The barrier node or collective the lane waits at (an id assigned by the compiler). */
  waitId = 0;
  /** The operand a lane hands to the collective it waits at. */
  collectiveOperand: Value = 0;
  /** The lane's value of `subgroupShuffle`'s lane operand. */
  collectiveLane = 0;
  readonly locals: Value[];
  /** Each buffer's memory, by declaration index (workgroup buffers are this lane's workgroup's). */
  readonly mem: readonly BufferMemory[];
  readonly ctx: RunContext;
  gidX = 0;
  gidY = 0;
  gidZ = 0;
  readonly lidX: number;
  readonly lidY: number;
  readonly lidZ: number;
  widX = 0;
  widY = 0;
  widZ = 0;
  /** The lane's index within its workgroup (x fastest). */
  readonly linear: number;
  /** The workgroup's index in the grid (x fastest). */
  workgroupLinear = 0;
  /** The invocation's index in the dispatch: workgroup-major, then {@link Lane.linear}. */
  invocationLinear = 0;
  /** Workgroup barriers this lane has passed in its current workgroup. */
  interval = 0;
  readonly #size: readonly [number, number, number];

  constructor(
    slots: number,
    mem: readonly BufferMemory[],
    ctx: RunContext,
    local: readonly [number, number, number],
    size: readonly [number, number, number],
  ) {
    this.locals = new Array<Value>(slots).fill(0);
    this.mem = mem;
    this.ctx = ctx;
    this.lidX = local[0];
    this.lidY = local[1];
    this.lidZ = local[2];
    this.#size = size;
    this.linear = local[0] + size[0] * (local[1] + size[1] * local[2]);
  }

  /**
   * Starts the lane at pc 0 in `workgroup`. Locals keep their old values: the validator admits only
   * programs that write a local before reading it, so no value crosses from one workgroup to the next.
   */
  enter(
    workgroup: readonly [number, number, number],
    workgroupLinear: number,
  ): void {
    this.pc = 0;
    this.interval = 0;
    this.workgroupLinear = workgroupLinear;
    this.invocationLinear =
      workgroupLinear * this.#size[0] * this.#size[1] * this.#size[2] +
      this.linear;
    this.waitKind = WaitKind.NONE;
    this.waitId = 0;
    this.widX = workgroup[0];
    this.widY = workgroup[1];
    this.widZ = workgroup[2];
    this.gidX = workgroup[0] * this.#size[0] + this.lidX;
    this.gidY = workgroup[1] * this.#size[1] + this.lidY;
    this.gidZ = workgroup[2] * this.#size[2] + this.lidZ;
  }

  /** The lane's index in its subgroup. */
  subgroupLocalId(): number {
    return this.linear % this.ctx.subgroupWidth;
  }
}
