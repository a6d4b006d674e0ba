import fc from 'fast-check';
import {
  assign,
  barrier,
  ifThen,
  isWritableBuffer,
  letBind,
  loop,
  lt,
  region,
  ret,
  store,
  u32,
  valueTypeOfElement,
  workgroupId,
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
  'let' | 'assign' | 'store' | 'if' | 'loop' | 'block' | 'barrier';

/** A list of statements that validates in `scope`; it may end with a return. */
export function generateStatements(
  draw: Draw,
  scope: GenerationScope,
  options: StatementOptions,
): Node[] {
  const count = draw(fc.integer, { min: 1, max: options.maxStatements });
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) {
    nodes.push(generateStatement(draw, scope, options));
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

function generateStatement(
  draw: Draw,
  scope: GenerationScope,
  options: StatementOptions,
): Node {
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
  const kind: StatementKind = draw(() => fc.constantFrom(...kinds));
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
      const writable = scope.buffers.filter(isWritableBuffer);
      const decl = draw(() => fc.constantFrom(...writable));
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
  }
}
