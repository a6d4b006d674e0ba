import { assertNever, InternalError } from '@vyre/foundation';
import type { Node } from '@vyre/ir';
import { Scope, type CompileContext } from './compile-context.ts';
import { compileExpression } from './compile-expression.ts';
import { compileStore } from './compile-memory.ts';
import { isTruthy } from './cpu-value.ts';
import {
  defineBranch,
  generateBinding,
  generateCondition,
  generateLoop,
  generateStore,
} from './generate-statements.ts';
import { DONE_PC, WaitKind } from './lane.ts';

// Statements compile to a flat list of instructions with explicit jumps, so that the scheduler can
// stop any lane after any instruction (round-robin stepping, barriers, subgroup operations).

/** Appends the instructions of `nodes`, run in a new scope nested in `outer`. */
export function compileStatements(
  nodes: readonly Node[],
  outer: Scope,
  cc: CompileContext,
): void {
  const scope = new Scope(outer);
  for (const node of nodes) {
    compileStatement(node, scope, cc);
  }
}

function compileStatement(node: Node, scope: Scope, cc: CompileContext): void {
  const unit = cc.unit;
  switch (node.kind) {
    case 'let': {
      if (unit !== undefined) {
        generateBinding(node, scope, cc, unit);
        return;
      }
      const value = compileExpression(node.value, scope, cc);
      cc.flushPending();
      const slot = cc.slot();
      const f = value.eval;
      cc.emit((pc) => (lane) => {
        lane.locals[slot] = f(lane);
        return pc + 1;
      });
      scope.declare(node.name, { slot, type: value.type });
      return;
    }
    case 'assign': {
      if (unit !== undefined) {
        generateBinding(node, scope, cc, unit);
        return;
      }
      const value = compileExpression(node.value, scope, cc);
      cc.flushPending();
      const { slot } = scope.lookup(node.name);
      const f = value.eval;
      cc.emit((pc) => (lane) => {
        lane.locals[slot] = f(lane);
        return pc + 1;
      });
      return;
    }
    case 'store': {
      if (unit !== undefined) {
        generateStore(node, scope, cc, unit);
        return;
      }
      const { index, decl } = cc.buffer(node.buffer);
      const at = compileExpression(node.index, scope, cc);
      const value = compileExpression(node.value, scope, cc);
      cc.flushPending();
      const write = compileStore(index, decl, at.eval, value.eval);
      cc.emit((pc) => (lane) => {
        write(lane);
        return pc + 1;
      });
      return;
    }
    case 'if': {
      if (unit !== undefined) {
        const condition = generateCondition(node.cond, scope, cc, unit);
        const test = cc.reserve();
        compileStatements(node.then, scope, cc);
        if (node.otherwise.length === 0) {
          defineBranch(unit, test, condition, test + 1, cc.here());
          return;
        }
        const skipElse = cc.reserve();
        const elseStart = cc.here();
        compileStatements(node.otherwise, scope, cc);
        const end = cc.here();
        defineBranch(unit, test, condition, test + 1, elseStart);
        cc.patch(skipElse, () => end);
        return;
      }
      const cond = compileExpression(node.cond, scope, cc);
      cc.flushPending();
      const test = cc.reserve();
      compileStatements(node.then, scope, cc);
      if (node.otherwise.length === 0) {
        const end = cc.here();
        const c = cond.eval;
        cc.patch(test, (lane) => (isTruthy(c(lane)) ? test + 1 : end));
        return;
      }
      const skipElse = cc.reserve();
      const elseStart = cc.here();
      compileStatements(node.otherwise, scope, cc);
      const end = cc.here();
      const c = cond.eval;
      cc.patch(test, (lane) => (isTruthy(c(lane)) ? test + 1 : elseStart));
      cc.patch(skipElse, () => end);
      return;
    }
    case 'loop': {
      if (unit !== undefined) {
        generateLoop(node, scope, cc, unit, (body) => {
          compileStatements(node.body, body, cc);
        });
        return;
      }
      const from = compileExpression(node.from, scope, cc);
      const to = compileExpression(node.to, scope, cc);
      cc.flushPending();
      const variable = cc.slot();
      const bound = cc.slot();
      const [f, t] = [from.eval, to.eval];
      // [from, to), both evaluated once; the variable is immutable in the body, which gets a new scope
      // on every iteration (its lets are re-initialized before use).
      const init = cc.emit((pc) => (lane) => {
        lane.locals[variable] = f(lane);
        lane.locals[bound] = t(lane);
        return pc + 1;
      });
      const check = cc.reserve();
      const body = new Scope(scope);
      body.declare(node.var, { slot: variable, type: 'u32' });
      compileStatements(node.body, body, cc);
      cc.emit(() => (lane) => {
        lane.locals[variable] = (lane.locals[variable] as number) + 1;
        return check;
      });
      const end = cc.here();
      cc.patch(check, (lane) =>
        (lane.locals[variable] as number) < (lane.locals[bound] as number)
          ? check + 1
          : end,
      );
      void init;
      return;
    }
    case 'return':
      cc.emit(() => () => DONE_PC);
      return;
    case 'block':
    case 'region':
      compileStatements(node.body, scope, cc);
      return;
    case 'barrier': {
      if (node.ordering === 'gridSync') {
        cc.emit((pc) => (lane) => {
          lane.waitKind = WaitKind.GRID;
          lane.waitId = 0;
          return pc + 1;
        });
        return;
      }
      const id = cc.barrierId();
      cc.emit((pc) => (lane) => {
        lane.waitKind = WaitKind.BARRIER;
        lane.waitId = id;
        return pc + 1;
      });
      return;
    }
    case 'indirectDispatch':
    case 'asyncLoad':
    case 'asyncStore':
    case 'asyncWait':
    case 'trap':
    case 'resume':
    case 'allReduce':
    case 'allGather':
    case 'reduceScatter':
    case 'broadcast':
      throw new InternalError(
        `cpu-ref compiler: ${node.kind} reached the interpreter; the validator rejects it`,
      );
    default:
      return assertNever(node, 'compileStatement');
  }
}
