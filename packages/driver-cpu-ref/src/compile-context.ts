import { InternalError } from '@vyre/foundation';
import type {
  BufferDecl,
  Program,
  SubgroupReduceOp,
  ValueType,
} from '@vyre/ir';
import type { Value } from './cpu-value.ts';
import type { Fragment, GeneratedUnit } from './generated-unit.ts';
import type { Lane } from './lane.ts';
import type { SubnormalMode } from './subnormal-mode.ts';
import type { FmaMode } from './fma-mode.ts';
import type { UnboundCounter } from './unbound-arithmetic.ts';

/** One step of a lane: runs a statement (or part of one) and returns the next pc. */
export type Instr = (lane: Lane) => number;

/** A compiled expression: evaluates it for a lane. */
export type Eval = (lane: Lane) => Value;

/** A subgroup operation the scheduler computes once every lane of the subgroup has reached it. */
export type Collective =
  | {
      readonly kind: 'ballot';
      readonly id: number;
      readonly resultSlot: number;
    }
  | {
      readonly kind: 'shuffle';
      readonly id: number;
      readonly resultSlot: number;
      readonly type: ValueType;
    }
  | {
      readonly kind: 'reduce';
      readonly id: number;
      readonly resultSlot: number;
      readonly op: SubgroupReduceOp;
      readonly type: ValueType;
    };

/** A binding visible in a scope: its slot in the lane's locals, and its type. */
export interface Binding {
  readonly slot: number;
  readonly type: ValueType;
}

/** Lexical scopes: a chain of maps from name to binding. */
export class Scope {
  readonly #names = new Map<string, Binding>();
  readonly #parent: Scope | undefined;

  constructor(parent?: Scope) {
    this.#parent = parent;
  }

  declare(name: string, binding: Binding): void {
    this.#names.set(name, binding);
  }

  lookup(name: string): Binding {
    const found = this.#names.get(name) ?? this.#parent?.lookup(name);
    if (found === undefined) {
      throw new InternalError(
        `cpu-ref compiler: variable "${name}" is not declared (the validator admits only declared names)`,
      );
    }
    return found;
  }
}

/** How a program is compiled: closures only, or generated code; one statement per step, or fused runs. */
export interface CompileMode {
  /** Whether subnormal floats are kept or flushed (see `SubnormalMode`). */
  readonly subnormals: SubnormalMode;
  /** Whether `fma` rounds once or twice (see `FmaMode`). */
  readonly fma: FmaMode;
  /** Count f32 arithmetic that meets an infinity or NaN (see unbound-arithmetic.ts). */
  readonly trackUnbound: boolean;
  /** Generated code for the statements and hot expressions (closures for everything else). */
  readonly generated: boolean;
  /** Runs of statements that never wait become one instruction (not for the round-robin schedule). */
  readonly fuse: boolean;
}

/** What the compiler accumulates for one program. */
export class CompileContext {
  readonly program: Program;
  readonly instrs: Instr[] = [];
  /** Statements each instruction executes (more than one for a fused run). */
  readonly weights: number[] = [];
  readonly collectives: Collective[] = [];
  /** The generated-code unit, or undefined when compiling to closures only. */
  readonly unit: GeneratedUnit | undefined;
  /** Whether operations keep or flush subnormal floats. */
  readonly subnormals: SubnormalMode;
  /** Whether `fma` rounds once or twice. */
  readonly fma: FmaMode;
  /** Where f32 arithmetic that meets an infinity or NaN is counted, when tracked. */
  readonly unbound: UnboundCounter | undefined;
  readonly #fuse: boolean;
  /** Instructions that hand subgroup operands to the scheduler before the statement that uses them. */
  pending: Array<(pc: number) => Instr> = [];
  #slots = 0;
  #barriers = 0;
  #open: Fragment[] = [];
  readonly #bufferIndex = new Map<string, number>();

  constructor(
    program: Program,
    unit: GeneratedUnit | undefined,
    fuse: boolean,
    subnormals: SubnormalMode,
    fma: FmaMode,
    unbound: UnboundCounter | undefined,
  ) {
    this.program = program;
    this.unit = unit;
    this.subnormals = subnormals;
    this.fma = fma;
    this.unbound = unbound;
    this.#fuse = fuse && unit !== undefined;
    program.buffers.forEach((decl, index) =>
      this.#bufferIndex.set(decl.name, index),
    );
  }

  /** A new slot in every lane's locals. */
  slot(): number {
    return this.#slots++;
  }

  get slotCount(): number {
    return this.#slots;
  }

  /** A new id for a workgroup barrier. */
  barrierId(): number {
    return ++this.#barriers;
  }

  buffer(name: string): { readonly index: number; readonly decl: BufferDecl } {
    const index = this.#bufferIndex.get(name);
    const decl = index === undefined ? undefined : this.program.buffers[index];
    if (index === undefined || decl === undefined) {
      throw new InternalError(
        `cpu-ref compiler: buffer "${name}" is not declared (the validator admits only declared buffers)`,
      );
    }
    return { index, decl };
  }

  /** The pc the next instruction gets (a jump target). */
  here(): number {
    this.#closeRun();
    return this.instrs.length;
  }

  /** Appends an instruction; `make` receives its pc. */
  emit(make: (pc: number) => Instr): number {
    const pc = this.here();
    this.instrs.push(make(pc));
    this.weights.push(1);
    return pc;
  }

  /**
   * Appends a generated statement that never waits. Fused, it joins the open run; otherwise it is an
   * instruction of its own. With `next`, the statement ends its run and jumps to `next`.
   */
  emitFragment(fragment: Fragment, next?: number): void {
    this.#open.push(fragment);
    if (!this.#fuse || next !== undefined) {
      this.#closeRun(next);
    }
  }

  /** Reserves a pc for an instruction that is written later (a forward jump). */
  reserve(): number {
    const pc = this.here();
    this.instrs.push(() => {
      throw new InternalError('cpu-ref compiler: an unpatched jump ran');
    });
    this.weights.push(1);
    return pc;
  }

  patch(pc: number, instr: Instr): void {
    this.instrs[pc] = instr;
  }

  /** Emits the collective hand-offs the last compiled expression needs, in evaluation order. */
  flushPending(): void {
    const pending = this.pending;
    this.pending = [];
    for (const make of pending) {
      this.emit(make);
    }
  }

  // Turns the open run of generated statements into one instruction at the next pc.
  #closeRun(next?: number): void {
    const run = this.#open;
    if (run.length === 0 || this.unit === undefined) {
      return;
    }
    this.#open = [];
    const pc = this.instrs.length;
    this.instrs.push(() => {
      throw new InternalError(
        'cpu-ref compiler: a generated run was not built',
      );
    });
    this.weights.push(run.length);
    this.unit.define(pc, run, `return ${String(next ?? pc + 1)};`);
  }
}
