import { assertNever } from '@vyre/foundation';
import type { Expr } from './expr.ts';

// The commutation rule of the canonical form (docs/program-json.md, "The canonical form"): WGSL
// evaluates operands left to right, so `add(atomic('exchange', c, 0, 7), atomicAdd(c, 0, 1))` and its
// swap compute different values. Operands are swapped only when neither can observe the other's
// effects.

// An expression reads or writes memory: a load, an atomic, or a call.
const MEMORY = 1;
// An expression writes memory: an atomic, or a call (not inlined yet, so its effects are unknown).
const WRITES = 2;

/**
 * Decides, with a memo of each expression's effects, whether two operands may trade places.
 *
 * @remarks
 * The effects of an expression are found by an explicit-stack post-order walk, so deep trees cannot
 * overflow the call stack; each expression is walked once between two calls to {@link clear}.
 *
 * @internal
 */
export class CommutationRule {
  private readonly effects = new Map<Expr, number>();
  private readonly stack: Expr[] = [];

  /**
   * Whether `op(left, right)` may be written as `op(right, left)` for a commutative `op`: unless one
   * operand contains an atomic (or a call) and the other reads or writes memory.
   *
   * @param left - the left operand
   * @param right - the right operand
   */
  mayCommute(left: Expr, right: Expr): boolean {
    const a = this.effectsOf(left);
    if (a === 0) {
      return true;
    }
    const b = this.effectsOf(right);
    return !((a & WRITES && b & MEMORY) || (b & WRITES && a & MEMORY));
  }

  /** Forgets every memoized expression. */
  clear(): void {
    this.effects.clear();
    this.stack.length = 0;
  }

  private effectsOf(root: Expr): number {
    const known = this.effects.get(root);
    if (known !== undefined) {
      return known;
    }
    const stack = this.stack;
    stack.push(root);
    while (stack.length > 0) {
      const expr = stack[stack.length - 1] as Expr;
      if (this.effects.has(expr)) {
        stack.pop();
        continue;
      }
      let effects = ownEffects(expr);
      let ready = true;
      for (const child of children(expr)) {
        const childEffects = this.effects.get(child);
        if (childEffects === undefined) {
          ready = false;
          stack.push(child);
        } else {
          effects |= childEffects;
        }
      }
      if (ready) {
        stack.pop();
        this.effects.set(expr, effects);
      }
    }
    return this.effects.get(root) ?? 0;
  }
}

function ownEffects(expr: Expr): number {
  switch (expr.kind) {
    case 'load':
      return MEMORY;
    case 'atomic':
    case 'call':
      return MEMORY | WRITES;
    case 'lit':
    case 'var':
    case 'bufLen':
    case 'bufferRef':
    case 'invocationId':
    case 'workgroupId':
    case 'localId':
    case 'binary':
    case 'unary':
    case 'select':
    case 'cast':
    case 'fma':
    case 'subgroupBallot':
    case 'subgroupShuffle':
    case 'subgroupReduce':
    case 'subgroupLocalId':
    case 'subgroupSize':
      return 0;
    default:
      return assertNever(expr, 'ownEffects');
  }
}

const NONE: readonly Expr[] = [];

function children(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'lit':
    case 'var':
    case 'bufLen':
    case 'bufferRef':
    case 'invocationId':
    case 'workgroupId':
    case 'localId':
    case 'subgroupLocalId':
    case 'subgroupSize':
      return NONE;
    case 'load':
      return [expr.index];
    case 'binary':
      return [expr.left, expr.right];
    case 'unary':
      return [expr.operand];
    case 'select':
      return [expr.cond, expr.ifTrue, expr.ifFalse];
    case 'cast':
    case 'subgroupReduce':
      return [expr.value];
    case 'fma':
      return [expr.a, expr.b, expr.c];
    case 'atomic':
      return expr.expected === undefined
        ? [expr.index, expr.value]
        : [expr.index, expr.value, expr.expected];
    case 'call':
      return expr.args;
    case 'subgroupBallot':
      return [expr.cond];
    case 'subgroupShuffle':
      return [expr.value, expr.lane];
    default:
      return assertNever(expr, 'children');
  }
}
