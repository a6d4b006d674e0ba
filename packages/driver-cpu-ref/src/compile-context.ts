import { InternalError } from '@vyre/foundation';
import type {
  BufferDecl,
  Program,
  SubgroupReduceOp,
  ValueType,
} from '@vyre/ir';
import type { Value } from './cpu-value.ts';
import type { Lane } from './lane.ts';

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

/** What the compiler accumulates for one program. */
export class CompileContext {
  readonly program: Program;
  readonly instrs: Instr[] = [];
  readonly collectives: Collective[] = [];
  /** Instructions that hand subgroup operands to the scheduler before the statement that uses them. */
  pending: Array<(pc: number) => Instr> = [];
  #slots = 0;
  #barriers = 0;
  readonly #bufferIndex = new Map<string, number>();

  constructor(program: Program) {
    this.program = program;
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

  /** Appends an instruction; `make` receives its pc. */
  emit(make: (pc: number) => Instr): number {
    const pc = this.instrs.length;
    this.instrs.push(make(pc));
    return pc;
  }

  /** Reserves a pc for an instruction that is written later (a forward jump). */
  reserve(): number {
    const pc = this.instrs.length;
    this.instrs.push(() => {
      throw new InternalError('cpu-ref compiler: an unpatched jump ran');
    });
    return pc;
  }

  patch(pc: number, instr: Instr): void {
    this.instrs[pc] = instr;
  }

  /** Emits the collective hand-offs the last compiled expression needs, in evaluation order. */
  flushPending(): void {
    for (const make of this.pending) {
      this.emit(make);
    }
    this.pending = [];
  }
}
