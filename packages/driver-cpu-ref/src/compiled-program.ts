import type { Program } from '@vyre/ir';
import {
  CompileContext,
  Scope,
  type Collective,
  type Instr,
} from './compile-context.ts';
import { compileStatements } from './compile-statements.ts';
import { DONE_PC } from './lane.ts';

/** A program compiled for the CPU reference: a flat instruction list every lane runs from pc 0. */
export interface CompiledProgram {
  readonly instrs: readonly Instr[];
  /** Local slots each lane needs. */
  readonly slots: number;
  /** The subgroup operations, by id (id = index + 1). */
  readonly collectives: readonly Collective[];
  /** Whether any barrier is a grid-wide (`gridSync`) barrier. */
  readonly hasGridSync: boolean;
}

/** Compiles a validated program; throws InternalError for anything the validator should have rejected. */
export function compileProgram(program: Program): CompiledProgram {
  const cc = new CompileContext(program);
  compileStatements(program.entry, new Scope(), cc);
  cc.emit(() => () => DONE_PC);
  return {
    instrs: cc.instrs,
    slots: cc.slotCount,
    collectives: cc.collectives,
    hasGridSync: hasGridSync(program),
  };
}

function hasGridSync(program: Program): boolean {
  const stack: unknown[] = [...program.entry];
  while (stack.length > 0) {
    const node = stack.pop() as {
      kind?: string;
      ordering?: string;
      body?: unknown[];
      then?: unknown[];
      otherwise?: unknown[];
    };
    if (node.kind === 'barrier' && node.ordering === 'gridSync') {
      return true;
    }
    for (const list of [node.body, node.then, node.otherwise]) {
      if (Array.isArray(list)) {
        stack.push(...list);
      }
    }
  }
  return false;
}
