import type { Expr } from './expr.ts';
import type { Binding } from './scope-chain.ts';
import type { ValidationContext } from './validate-context.ts';
import { walkRootExpression } from './validate-expressions.ts';
import { isIdentifier } from './validate-identifiers.ts';
import { describeValue } from './validate-value-description.ts';

// Bindings: let and assign statements and the naming rules of declarations (V008, V011, V032, V045,
// V120, V133). Every value a binding is given feeds its uniformity node, together with the control
// flow it is given in (an assignment under a non-uniform if makes the binding non-uniform).

/**
 * A let statement: its name, its value, and its declaration in the current scope.
 *
 * @param ctx - the validation run
 * @param name - the let's name
 * @param value - its value
 * @param path - the let's path
 * @param ordinal - the let's ordinal
 *
 * @internal
 */
export function walkLet(
  ctx: ValidationContext,
  name: string,
  value: Expr,
  path: string,
  ordinal: number,
): void {
  if (!isIdentifier(name)) {
    reportIdentifier(ctx, 'let binding', name, `${path}/name`, ordinal);
  }
  const type = walkRootExpression(ctx, value, `${path}/value`);
  const visible = ctx.scopes.lookup(name);
  if (visible !== undefined) {
    reportRedeclaration(ctx, visible, name, `${path}/name`, ordinal);
  }
  const binding = ctx.scopes.declare(name, type, false, path);
  ctx.dependOnExpression(binding);
  ctx.uniformity.edge(ctx.control, binding);
  ctx.uniformity.edge(ctx.returned, binding);
}

/**
 * An assign statement: its value, and the binding it targets.
 *
 * @param ctx - the validation run
 * @param name - the target's name
 * @param value - the value
 * @param path - the assign's path
 * @param ordinal - the assign's ordinal
 *
 * @internal
 */
export function walkAssign(
  ctx: ValidationContext,
  name: string,
  value: Expr,
  path: string,
  ordinal: number,
): void {
  const valuePath = `${path}/value`;
  const valueOrdinal = ctx.nodes + 1;
  const type = walkRootExpression(ctx, value, valuePath);
  const binding = ctx.scopes.lookup(name);
  if (binding === undefined) {
    ctx.report(
      'V120',
      ordinal,
      `${path}/name`,
      `an assignment targets ${describeValue(name)}: expected a let binding declared before, in this scope or an enclosing one, found none`,
    );
    return;
  }
  if (binding.isLoopVariable) {
    ctx.report(
      'V011',
      ordinal,
      `${path}/name`,
      `an assignment targets ${describeValue(name)}: expected a let binding, found the loop variable of the loop at ${binding.path}`,
    );
    return;
  }
  if (
    type !== undefined &&
    binding.type !== undefined &&
    type !== binding.type
  ) {
    ctx.report(
      'V045',
      valueOrdinal,
      valuePath,
      `an assignment to ${describeValue(name)} gives a ${type}: expected ${binding.type}, its type since ${binding.path}, found ${type}`,
    );
  }
  ctx.dependOnExpression(binding);
  ctx.uniformity.edge(ctx.control, binding);
  ctx.uniformity.edge(ctx.returned, binding);
}

/**
 * V008 or V032 for a declaration of `name`, which `visible` already binds.
 *
 * @param ctx - the validation run
 * @param visible - the visible binding of the same name
 * @param name - the name
 * @param path - the name's path
 * @param ordinal - the declaring statement's ordinal
 * @param loopVariable - whether the declaration is a loop variable (which has a scope of its own)
 *
 * @internal
 */
export function reportRedeclaration(
  ctx: ValidationContext,
  visible: Binding,
  name: string,
  path: string,
  ordinal: number,
  loopVariable = false,
): void {
  const earlier = `${visible.isLoopVariable ? 'the loop variable of' : 'the let at'} ${visible.path}`;
  if (!loopVariable && ctx.scopes.isInCurrentScope(visible)) {
    ctx.report(
      'V032',
      ordinal,
      path,
      `let ${describeValue(name)} is declared twice in one scope: expected a new name or an assign, found ${earlier}`,
    );
  } else {
    ctx.report(
      'V008',
      ordinal,
      path,
      `${describeValue(name)} shadows a visible binding: expected a name not visible here, found ${earlier} in an enclosing scope`,
    );
  }
}

/**
 * V133 for a let or loop variable name.
 *
 * @param ctx - the validation run
 * @param what - `let binding` or `loop variable`
 * @param name - the name
 * @param path - the name's path
 * @param ordinal - the declaring statement's ordinal
 *
 * @internal
 */
export function reportIdentifier(
  ctx: ValidationContext,
  what: string,
  name: unknown,
  path: string,
  ordinal: number,
): void {
  ctx.report(
    'V133',
    ordinal,
    path,
    `${what} name ${describeValue(name)} is not an identifier: expected an ASCII letter followed by letters, digits or underscores, at most 64 characters`,
  );
}
