import type { Program } from '@vyre/ir';
import {
  CompileContext,
  Scope,
  type Collective,
  type CompileMode,
  type Instr,
} from './compile-context.ts';
import { compileStatements } from './compile-statements.ts';
import { GeneratedUnit } from './generated-unit.ts';
import { DONE_PC } from './lane.ts';
import { unboundCounter, type UnboundCounter } from './unbound-arithmetic.ts';

/** A program compiled for the CPU reference: a flat instruction list every lane runs from pc 0. */
export interface CompiledProgram {
  readonly instrs: readonly Instr[];
  /** Statements each instruction executes, by pc (the step count it adds). */
  readonly weights: Uint32Array;
  readonly mode: CompileMode;
  /** Local slots each lane needs. */
  readonly slots: number;
  /** The subgroup operations, by id (id = index + 1). */
  readonly collectives: readonly Collective[];
  /** Whether any barrier is a grid-wide (`gridSync`) barrier. */
  readonly hasGridSync: boolean;
  /** The count of f32 arithmetic that met an infinity or NaN, when the mode tracks it. */
  readonly unbound: UnboundCounter | undefined;
}

/**
 * Compiles a validated program; throws InternalError for anything the validator should have rejected.
 * The caller checks that the environment allows generated code before asking for it.
 */
export function compileProgram(
  program: Program,
  mode: CompileMode,
): CompiledProgram {
  const unit = mode.generated ? new GeneratedUnit() : undefined;
  const unbound = mode.trackUnbound ? unboundCounter() : undefined;
  const cc = new CompileContext(
    program,
    unit,
    mode.fuse,
    mode.subnormals,
    mode.fma,
    unbound,
  );
  compileStatements(program.entry, new Scope(), cc);
  cc.emit(() => () => DONE_PC);
  unit?.build(cc.instrs);
  return {
    instrs: cc.instrs,
    weights: Uint32Array.from(cc.weights),
    mode,
    slots: cc.slotCount,
    collectives: cc.collectives,
    hasGridSync: hasGridSync(program),
    unbound,
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
