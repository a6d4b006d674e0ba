import fc from 'fast-check';
import {
  add,
  assign,
  atomic,
  barrier,
  ifThen,
  isWritableBuffer,
  letBind,
  load,
  localId,
  loop,
  lt,
  mod,
  mul,
  region,
  ret,
  store,
  u32,
  storageElementSize,
  valueTypeOfElement,
  workgroupId,
  type BufferDecl,
  type Node,
  type ValueType,
} from '@vyre/ir';
import {
  generateExpression,
  indexExpression,
  type Draw,
  type ExpressionOptions,
} from './expression-generator.ts';
import type { GenerationScope } from './generation-scope.ts';
import { ownSlot } from './lane-slots.ts';
import { SCALAR_TYPES } from './operator-tables.ts';

/** What statement lists may contain. */
export interface StatementOptions extends ExpressionOptions {
  readonly maxStatements: number;
  readonly maxNesting: number;
  /** Place workgroup barriers (only in uniform control flow). Programs with barriers never return early. */
  readonly barriers: boolean;
  /** Place early returns (only when `barriers` is off, so no barrier follows a divergent return). */
  readonly returns: boolean;
}

type StatementKind =
  | 'let'
  | 'assign'
  | 'store'
  | 'if'
  | 'loop'
  | 'block'
  | 'barrier'
  | 'reduce'
  | 'exchange';

/** A list of statements that validates in `scope`; it may end with a return. */
export function generateStatements(
  draw: Draw,
  scope: GenerationScope,
  options: StatementOptions,
): Node[] {
  const count = draw(fc.integer, { min: 1, max: options.maxStatements });
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) {
    nodes.push(...generateStatement(draw, scope, options));
  }
  if (
    options.returns &&
    !options.barriers &&
    scope.depth > 0 &&
    draw(fc.integer, { min: 0, max: 4 }) === 0
  ) {
    nodes.push(ret());
  }
  return nodes;
}

// One statement, or the few statements of a workgroup exchange.
function generateStatement(
  draw: Draw,
  scope: GenerationScope,
  options: StatementOptions,
): Node[] {
  const kind = drawKind(draw, scope, options);
  return kind === 'exchange'
    ? exchange(draw, scope, options)
    : [singleStatement(kind, draw, scope, options)];
}

function sharedBuffer(scope: GenerationScope): BufferDecl | undefined {
  return scope.buffers.find((decl) => decl.access === 'workgroup');
}

function drawKind(
  draw: Draw,
  scope: GenerationScope,
  options: StatementOptions,
): StatementKind {
  const kinds: StatementKind[] = ['let', 'let', 'store', 'store'];
  if (scope.visible().some((binding) => binding.mutable)) {
    kinds.push('assign');
  }
  if (scope.depth < options.maxNesting) {
    kinds.push('if', 'loop', 'block');
  }
  if (options.barriers && scope.uniformControl) {
    kinds.push('barrier');
  }
  if (options.slots !== undefined) {
    kinds.push('reduce');
    if (
      options.barriers &&
      scope.uniformControl &&
      sharedBuffer(scope) !== undefined
    ) {
      kinds.push('exchange');
    }
  }
  return draw(() => fc.constantFrom(...kinds));
}

// Lane l stores to its own slot of the workgroup buffer, all wait, l reads the slot of lane l + k
// (mod the workgroup size), all wait again: no lane's write can race with another's read.
function exchange(
  draw: Draw,
  scope: GenerationScope,
  options: StatementOptions,
): Node[] {
  const shared = sharedBuffer(scope);
  const slots = options.slots;
  if (shared === undefined || slots === undefined) {
    return [];
  }
  const type = valueTypeOfElement(shared.element);
  const spread = Math.max(1, 4 / storageElementSize(shared.element));
  const lanes = slots.workgroupInvocations;
  const own = mul(localId(0), u32(spread));
  const shift = draw(fc.integer, { min: 1, max: Math.max(1, lanes - 1) });
  const partner = mul(
    mod(add(localId(0), u32(shift)), u32(lanes)),
    u32(spread),
  );
  const value = generateExpression(draw, scope, type, 0, options);
  const name = scope.freshName('x');
  const nodes = [
    store(shared.name, own, value),
    barrier(),
    letBind(name, load(shared.name, partner)),
    barrier(),
  ];
  scope.declare({ name, type, uniform: false, mutable: true });
  return nodes;
}

function singleStatement(
  kind: Exclude<StatementKind, 'exchange'>,
  draw: Draw,
  scope: GenerationScope,
  options: StatementOptions,
): Node {
  const expr = (
    type: ValueType,
    uniform = false,
  ): ReturnType<typeof generateExpression> =>
    generateExpression(draw, scope, type, 0, options, uniform);
  switch (kind) {
    case 'let': {
      const type = draw(() => fc.constantFrom(...SCALAR_TYPES));
      // A uniform binding stays uniform: it is only ever assigned uniform values.
      const uniform = draw(fc.boolean);
      const value = expr(type, uniform);
      const name = scope.freshName('v');
      scope.declare({ name, type, uniform, mutable: true });
      return letBind(name, value);
    }
    case 'assign': {
      const mutable = scope.visible().filter((binding) => binding.mutable);
      const target = draw(() => fc.constantFrom(...mutable));
      return assign(target.name, expr(target.type, target.uniform));
    }
    case 'store': {
      const { slots } = options;
      const writable = scope.buffers.filter(
        (decl) => isWritableBuffer(decl) && decl.name !== slots?.reduction,
      );
      const decl = draw(() => fc.constantFrom(...writable));
      if (slots !== undefined) {
        return store(
          decl.name,
          ownSlot(draw, slots, decl),
          expr(valueTypeOfElement(decl.element)),
        );
      }
      const index = indexExpression(draw, scope, options);
      // A literal index at or beyond a static count is a validation error (V036), not an OOB store.
      const inRange =
        index.kind === 'lit' &&
        index.type === 'u32' &&
        decl.count > 0 &&
        index.value >= decl.count
          ? u32(index.value % decl.count)
          : index;
      return store(decl.name, inRange, expr(valueTypeOfElement(decl.element)));
    }
    case 'if': {
      const uniform = draw(fc.boolean);
      const cond = uniform
        ? lt(workgroupId(0), u32(draw(fc.integer, { min: 0, max: 4 })))
        : expr(draw(() => fc.constantFrom('bool' as const, 'u32' as const)));
      const then = generateStatements(draw, scope.child(uniform), options);
      const otherwise = draw(fc.boolean)
        ? generateStatements(draw, scope.child(uniform), options)
        : [];
      return ifThen(cond, then, otherwise);
    }
    case 'loop': {
      // Literal bounds keep the loop uniform and short.
      const body = scope.child(true);
      const variable = scope.freshName('i');
      body.declare({
        name: variable,
        type: 'u32',
        uniform: true,
        mutable: false,
      });
      const from = draw(fc.integer, { min: 0, max: 2 });
      const to = from + draw(fc.integer, { min: 0, max: 3 });
      return loop(
        variable,
        u32(from),
        u32(to),
        generateStatements(draw, body, options),
      );
    }
    case 'block':
      return region(
        'vyre.generated.block',
        generateStatements(draw, scope.child(true), options),
      );
    case 'barrier':
      return barrier();
    case 'reduce': {
      // A commutative update whose result nobody reads: the final memory is the same in any lane order.
      const reduction = options.slots?.reduction ?? 'counter';
      return letBind(
        scope.freshName('r'),
        atomic(
          options.slots?.reduceOp ?? 'add',
          reduction,
          indexExpression(draw, scope, options),
          expr('u32'),
        ),
      );
    }
  }
}
