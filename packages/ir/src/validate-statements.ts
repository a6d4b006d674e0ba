import type { LoopNode, Node } from './node.ts';
import { isConditionType } from './typing-rules.ts';
import {
  ControlPoint,
  ReturnPoint,
  UniformityNode,
} from './uniformity-graph.ts';
import {
  reportIdentifier,
  reportRedeclaration,
  walkAssign,
  walkLet,
} from './validate-bindings.ts';
import type { ValidationContext } from './validate-context.ts';
import { walkExpression, walkRootExpression } from './validate-expressions.ts';
import { isIdentifier, isLabel } from './validate-identifiers.ts';
import { ValidationLimits } from './validate-limits.ts';
import { checkStoreTarget, isMemoryOrdering } from './validate-memory.ts';
import { isDataType, isRecord } from './validate-program-rules.ts';
import { walkUnlowered } from './validate-unlowered.ts';
import { describeValue } from './validate-value-description.ts';
import { valueTypeOfElement } from './value-type.ts';

// The statement walk: scopes and bindings (V008, V011, V032, V045, V120), statement typing (V121-V125,
// V131 via loads), unreachable code (V112), the limits on nesting (V018), the nodes that cannot be
// lowered yet (V046, V056, V117, V126, V127), barriers (V043, V132), and the control-flow side of the
// uniformity analysis. Recursion depth is capped by V018.

const STATEMENT_KINDS: ReadonlySet<unknown> = new Set<Node['kind']>([
  'let',
  'assign',
  'store',
  'if',
  'loop',
  'return',
  'block',
  'barrier',
  'region',
  'indirectDispatch',
  'asyncLoad',
  'asyncStore',
  'asyncWait',
  'trap',
  'resume',
  'allReduce',
  'allGather',
  'reduceScatter',
  'broadcast',
]);

// The statements with a body, named for the V018 message: one at the nesting limit is rejected even
// when its body is empty, because its body would be one level deeper.
const CONTAINER_NAMES: ReadonlyMap<unknown, string> = new Map<
  Node['kind'],
  string
>([
  ['if', 'an if'],
  ['loop', 'a loop'],
  ['block', 'a block'],
  ['region', 'a region'],
]);

/**
 * Walks the program's entry: a list of regions (V105) in one program scope.
 *
 * @param ctx - the validation run
 * @param entry - the program's entry
 *
 * @internal
 */
export function walkEntry(ctx: ValidationContext, entry: unknown): void {
  if (!Array.isArray(entry)) {
    ctx.report(
      'V056',
      0,
      '/entry',
      `the entry is ${describeValue(entry)}: expected an array of regions`,
    );
    return;
  }
  ctx.scopes.open();
  walkList(ctx, entry as readonly Node[], '/entry', 1);
  ctx.scopes.close();
}

// A statement list in the current scope; `level` is the nesting level of its statements.
function walkList(
  ctx: ValidationContext,
  list: readonly Node[],
  path: string,
  level: number,
): void {
  let returnAt: string | undefined;
  let unreachableReported = false;
  for (let i = 0; i < list.length; i++) {
    if (ctx.halted) {
      return;
    }
    const node = list[i] as Node;
    const nodePath = `${path}/${i}`;
    if (returnAt !== undefined && !unreachableReported) {
      unreachableReported = true;
      ctx.report(
        'V112',
        ctx.nodes + 1,
        nodePath,
        `${list.length - i} statement(s) follow the return at ${returnAt}: expected the return to end its statement list, found unreachable statements`,
      );
    }
    walkStatement(ctx, node, nodePath, level);
    if (returnAt === undefined && isRecord(node) && node.kind === 'return') {
      returnAt = nodePath;
    }
  }
}

// A nested statement list in a scope of its own.
function walkBody(
  ctx: ValidationContext,
  body: readonly Node[],
  path: string,
  level: number,
  ordinal: number,
): void {
  if (!Array.isArray(body)) {
    ctx.report(
      'V056',
      ordinal,
      path,
      `a statement body is ${describeValue(body)}: expected an array of statements`,
    );
    return;
  }
  ctx.scopes.open();
  walkList(ctx, body, path, level);
  ctx.scopes.close();
}

function walkStatement(
  ctx: ValidationContext,
  node: Node,
  path: string,
  level: number,
): void {
  const ordinal = ctx.visit(path);
  if (ordinal === 0) {
    return;
  }
  if (!isRecord(node)) {
    ctx.report(
      'V056',
      ordinal,
      path,
      `a statement is ${describeValue(node)}: expected a statement object with a kind`,
    );
    return;
  }
  // Statements deeper than the limit are never walked: the container holding them is reported here,
  // so the recursion stops at the limit.
  const container = CONTAINER_NAMES.get(node.kind);
  if (container !== undefined && level >= ValidationLimits.statementNesting) {
    ctx.report(
      'V018',
      ordinal,
      path,
      `statements are nested too deeply: expected at most ${ValidationLimits.statementNesting} levels, found ${container} at level ${level}, whose body is at level ${level + 1} (its contents are not checked)`,
    );
    return;
  }
  if (level === 1 && node.kind !== 'region' && STATEMENT_KINDS.has(node.kind)) {
    ctx.report(
      'V105',
      ordinal,
      path,
      `a top-level node is ${describeValue(node.kind)}: expected a region (program() wraps the body in one)`,
    );
  }
  switch (node.kind) {
    case 'let':
      walkLet(ctx, node.name, node.value, path, ordinal);
      return;
    case 'assign':
      walkAssign(ctx, node.name, node.value, path, ordinal);
      return;
    case 'store': {
      const decl = checkStoreTarget(ctx, node, path, ordinal);
      const indexPath = `${path}/index`;
      const indexOrdinal = ctx.nodes + 1;
      const index = walkRootExpression(ctx, node.index, indexPath);
      if (index !== undefined && index !== 'u32') {
        ctx.report(
          'V122',
          indexOrdinal,
          indexPath,
          `a store index is ${index}: expected u32, found ${index}`,
        );
      } else if (
        index === 'u32' &&
        decl !== undefined &&
        node.index.kind === 'lit' &&
        typeof decl.count === 'number' &&
        decl.count > 0 &&
        (node.index.value as number) >= decl.count
      ) {
        ctx.report(
          'V036',
          indexOrdinal,
          indexPath,
          `a store to buffer ${describeValue(node.buffer)} has the constant index ${String(node.index.value)}: expected an index below its count ${decl.count}`,
          node.buffer,
        );
      }
      const valuePath = `${path}/value`;
      const valueOrdinal = ctx.nodes + 1;
      const value = walkRootExpression(ctx, node.value, valuePath);
      if (
        value !== undefined &&
        decl !== undefined &&
        isDataType(decl.element)
      ) {
        const expected = valueTypeOfElement(decl.element);
        if (value !== expected) {
          ctx.report(
            'V121',
            valueOrdinal,
            valuePath,
            `a store to buffer ${describeValue(node.buffer)} (${decl.element} elements) writes a ${value}: expected ${expected}, found ${value}`,
            node.buffer,
          );
        }
      }
      return;
    }
    case 'if': {
      const condPath = `${path}/cond`;
      const condOrdinal = ctx.nodes + 1;
      const cond = walkRootExpression(ctx, node.cond, condPath);
      if (cond !== undefined && !isConditionType(cond)) {
        ctx.report(
          'V123',
          condOrdinal,
          condPath,
          `an if condition is ${cond}: expected bool or u32, found ${cond}`,
        );
      }
      const saved = ctx.control;
      const returnedBefore = ctx.returned;
      ctx.control = enterControl(ctx, 'the if', path);
      walkBody(ctx, node.then, `${path}/then`, level + 1, ordinal);
      // A lane runs one branch: returns in `then` do not precede `otherwise`, only what follows the if.
      const returnedInThen = ctx.returned;
      ctx.returned = returnedBefore;
      walkBody(ctx, node.otherwise, `${path}/otherwise`, level + 1, ordinal);
      ctx.returned = joinReturned(
        ctx,
        returnedBefore,
        returnedInThen,
        ctx.returned,
      );
      ctx.control = saved;
      return;
    }
    case 'loop':
      walkLoop(ctx, node, path, level, ordinal);
      return;
    case 'return':
      if (ctx.control !== ctx.uniformity.root) {
        const after = new ReturnPoint(path, ordinal, ctx.control);
        ctx.uniformity.edge(ctx.returned, after);
        ctx.uniformity.edge(ctx.control, after);
        ctx.uniformity.returns.push(after);
        ctx.returned = after;
      }
      return;
    case 'block':
      walkBody(ctx, node.body, `${path}/body`, level + 1, ordinal);
      return;
    case 'barrier': {
      const ordering: unknown = node.ordering;
      if (!isMemoryOrdering(ordering)) {
        ctx.report(
          'V056',
          ordinal,
          `${path}/ordering`,
          `unknown memory ordering ${describeValue(ordering)}: expected acquire, release, acqRel or seqCst`,
        );
      } else if (ordering === 'relaxed') {
        ctx.report(
          'V043',
          ordinal,
          `${path}/ordering`,
          'a barrier has ordering relaxed: expected acquire, release, acqRel or seqCst, found relaxed',
        );
      } else if (
        ordering === 'gridSync' &&
        ctx.capabilities.gridSync !== true
      ) {
        ctx.report(
          'V132',
          ordinal,
          `${path}/ordering`,
          'a barrier has ordering gridSync: expected a target with the gridSync capability, found one without it (one WGSL dispatch cannot synchronize the whole grid)',
        );
      }
      ctx.uniformity.syncPoints.push({
        control: ctx.control,
        returned: ctx.returned,
        what: 'a barrier',
        path,
        ordinal,
      });
      return;
    }
    case 'region':
      if (!isLabel(node.generator)) {
        reportLabel(ctx, 'region generator', node.generator, path, ordinal);
      }
      if (node.sourceRegion !== undefined && !isLabel(node.sourceRegion)) {
        reportLabel(ctx, 'source region', node.sourceRegion, path, ordinal);
      }
      walkBody(ctx, node.body, `${path}/body`, level + 1, ordinal);
      return;
    case 'indirectDispatch':
    case 'asyncLoad':
    case 'asyncStore':
    case 'trap':
    case 'asyncWait':
    case 'resume':
    case 'allReduce':
    case 'allGather':
    case 'reduceScatter':
    case 'broadcast':
      walkUnlowered(ctx, node, path, ordinal);
      return;
    default: {
      const kind: unknown = (node as { readonly kind: unknown }).kind;
      ctx.report(
        'V056',
        ordinal,
        `${path}/kind`,
        `unknown statement kind ${describeValue(kind)}: expected one of ${[...STATEMENT_KINDS].join(', ')}`,
      );
    }
  }
}

function walkLoop(
  ctx: ValidationContext,
  node: LoopNode,
  path: string,
  level: number,
  ordinal: number,
): void {
  const name = node.var;
  if (!isIdentifier(name)) {
    reportIdentifier(ctx, 'loop variable', name, `${path}/var`, ordinal);
  }
  ctx.beginExpression();
  const fromPath = `${path}/from`;
  const fromOrdinal = ctx.nodes + 1;
  const from = walkExpression(ctx, node.from, fromPath, 1);
  const toPath = `${path}/to`;
  const toOrdinal = ctx.nodes + 1;
  const to = walkExpression(ctx, node.to, toPath, 1);
  if (from !== undefined && from !== 'u32') {
    ctx.report(
      'V124',
      fromOrdinal,
      fromPath,
      `a loop start is ${from}: expected u32, found ${from}`,
    );
  }
  if (to !== undefined && to !== 'u32') {
    ctx.report(
      'V125',
      toOrdinal,
      toPath,
      `a loop end is ${to}: expected u32, found ${to}`,
    );
  }
  const visible = ctx.scopes.lookup(name);
  if (visible !== undefined) {
    reportRedeclaration(ctx, visible, name, `${path}/var`, ordinal, true);
  }
  // Lanes that return inside the body are missing from every later iteration: the state at the top
  // of the body depends on the state at its end (the back edge added below).
  const top = new ReturnPoint(path, ordinal, undefined);
  ctx.uniformity.edge(ctx.returned, top);
  ctx.scopes.open();
  const variable = ctx.scopes.declare(name, 'u32', true, path);
  ctx.dependOnExpression(variable);
  ctx.uniformity.edge(ctx.control, variable);
  ctx.uniformity.edge(top, variable);
  const savedControl = ctx.control;
  ctx.control = enterControl(ctx, 'the loop', path);
  ctx.returned = top;
  walkBody(ctx, node.body, `${path}/body`, level + 1, ordinal);
  ctx.uniformity.edge(ctx.returned, top);
  ctx.control = savedControl;
  ctx.scopes.close();
}

// The control flow inside an if branch or loop body whose condition or bounds were just walked: the
// enclosing control flow when they are uniform by construction, else a new point depending on both.
function enterControl(
  ctx: ValidationContext,
  what: string,
  path: string,
): ValidationContext['control'] {
  if (!ctx.exprNonUniform && ctx.exprReadCount === 0) {
    return ctx.control;
  }
  const point = new ControlPoint(what, path, ctx.control);
  ctx.uniformity.edge(ctx.control, point);
  ctx.dependOnExpression(point);
  return point;
}

// "Some lanes have returned" after an if: non-uniform when it is at the end of either branch. The
// state at the end of a branch depends on the state before the if, so a branch that does not return
// (whose state is still `before`) adds nothing.
function joinReturned(
  ctx: ValidationContext,
  before: UniformityNode,
  afterThen: UniformityNode,
  afterOtherwise: UniformityNode,
): UniformityNode {
  if (afterThen === before) {
    return afterOtherwise;
  }
  if (afterOtherwise === before) {
    return afterThen;
  }
  const joined = new UniformityNode();
  ctx.uniformity.edge(afterThen, joined);
  ctx.uniformity.edge(afterOtherwise, joined);
  return joined;
}

function reportLabel(
  ctx: ValidationContext,
  what: string,
  label: unknown,
  path: string,
  ordinal: number,
): void {
  const field = what === 'region generator' ? 'generator' : 'sourceRegion';
  ctx.report(
    'V133',
    ordinal,
    `${path}/${field}`,
    `${what} ${describeValue(label)} is not a valid label: expected 1 to 256 printable ASCII characters`,
  );
}
