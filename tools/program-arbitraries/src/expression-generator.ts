import fc from 'fast-check';
import {
  atomic,
  binary,
  bool,
  bufLen,
  cast,
  f32,
  fma,
  i32,
  invocationId,
  isWritableBuffer,
  load,
  local,
  localId,
  select,
  u32,
  unary,
  valueTypeOfElement,
  workgroupId,
  type Expr,
  type ValueType,
} from '@vyre/ir';
import type { GenerationScope } from './generation-scope.ts';
import { ownSlot, type LaneSlots } from './lane-slots.ts';
import {
  BINARY_BY_RESULT,
  CAST_BY_RESULT,
  ELEMENTARY_UNARY_BY_RESULT,
  UNARY_BY_RESULT,
} from './operator-tables.ts';

/** Draws values inside a generator (`fc.gen()`); shrinking follows every draw. */
export type Draw = fc.GeneratorValue;

/** What expressions may contain. */
export interface ExpressionOptions {
  /** Nesting limit below the root expression. */
  readonly maxDepth: number;
  /** Allow exp, log, sin, ... (which widen the f32 comparison window to 128 ULP). */
  readonly transcendentals: boolean;
  /** Allow atomics as values (their results depend on the order lanes run in). */
  readonly atomics: boolean;
  /**
   * Keep lanes apart (differential programs): writable buffers are accessed only at the lane's own
   * slots, the reduction buffer never, and atomics are not values.
   */
  readonly slots?: LaneSlots;
}

// Values every boundary test wants, plus arbitrary ones.
const U32_EDGES = [
  0, 1, 2, 3, 31, 32, 255, 256, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
];
const I32_EDGES = [
  0, 1, -1, 2, -2, 31, 32, 0x7fffffff, -0x80000000, -0x7fffffff,
];

function literal(draw: Draw, type: 'u32' | 'i32' | 'f32' | 'bool'): Expr {
  switch (type) {
    case 'u32':
      return u32(
        draw(() =>
          fc.oneof(
            fc.constantFrom(...U32_EDGES),
            fc.integer({ min: 0, max: 0xffffffff }),
          ),
        ),
      );
    case 'i32':
      return i32(
        draw(() =>
          fc.oneof(
            fc.constantFrom(...I32_EDGES),
            fc.integer({ min: -0x80000000, max: 0x7fffffff }),
          ),
        ),
      );
    case 'f32':
      return f32(
        draw(() =>
          fc.oneof(
            fc.constantFrom(
              0,
              -0,
              1,
              -1,
              0.5,
              1.5,
              2.5,
              -2.5,
              3e38,
              1e-45,
              16777217,
            ),
            fc.float({ noNaN: true, noDefaultInfinity: true }),
          ),
        ),
      );
    case 'bool':
      return bool(draw(fc.boolean));
  }
}

/**
 * Builds an expression of `type` that type-checks in `scope`. With `uniform`, only values that are the
 * same in every lane of a workgroup (literals, workgroup ids, buffer lengths, uniform bindings).
 */
export function generateExpression(
  draw: Draw,
  scope: GenerationScope,
  type: ValueType,
  depth: number,
  options: ExpressionOptions,
  uniform = false,
): Expr {
  const leaves = leafBuilders(draw, scope, type, uniform, options);
  const inner =
    depth < options.maxDepth
      ? innerBuilders(draw, scope, type, depth, options, uniform)
      : [];
  const builders = [...leaves, ...inner];
  const index = draw(fc.integer, { min: 0, max: builders.length - 1 });
  const build = builders[index];
  if (build === undefined) {
    throw new Error(`no expression of type ${type} can be built here`);
  }
  return build();
}

function leafBuilders(
  draw: Draw,
  scope: GenerationScope,
  type: ValueType,
  uniform: boolean,
  options: ExpressionOptions,
): Array<() => Expr> {
  const builders: Array<() => Expr> = [];
  if (type === 'u32' || type === 'i32' || type === 'f32' || type === 'bool') {
    builders.push(() => literal(draw, type));
  } else {
    // 64-bit and vector values have no literals: reach them through a cast of a u32.
    builders.push(() => cast(type, literal(draw, 'u32')));
  }
  const bindings = scope
    .visible()
    .filter(
      (binding) => binding.type === type && (!uniform || binding.uniform),
    );
  if (bindings.length > 0) {
    builders.push(() => local(draw(() => fc.constantFrom(...bindings)).name));
  }
  if (type === 'u32') {
    builders.push(() => workgroupId(draw(fc.integer, { min: 0, max: 2 })));
    const sized = scope.buffers;
    if (sized.length > 0) {
      builders.push(() => bufLen(draw(() => fc.constantFrom(...sized)).name));
    }
    if (!uniform) {
      builders.push(() => invocationId(draw(fc.integer, { min: 0, max: 2 })));
      builders.push(() => localId(draw(fc.integer, { min: 0, max: 2 })));
    }
  }
  if (!uniform) {
    const { slots } = options;
    const readable = scope.buffers.filter(
      (decl) =>
        valueTypeOfElement(decl.element) === type &&
        decl.name !== slots?.reduction,
    );
    if (readable.length > 0) {
      builders.push(() => {
        const decl = draw(() => fc.constantFrom(...readable));
        return load(
          decl.name,
          slots?.owned.has(decl.name) === true
            ? ownSlot(draw, slots, decl)
            : indexExpression(draw, scope, options),
        );
      });
    }
  }
  return builders;
}

function innerBuilders(
  draw: Draw,
  scope: GenerationScope,
  type: ValueType,
  depth: number,
  options: ExpressionOptions,
  uniform: boolean,
): Array<() => Expr> {
  const sub = (t: ValueType): Expr =>
    generateExpression(draw, scope, t, depth + 1, options, uniform);
  const builders: Array<() => Expr> = [];
  const binaries = BINARY_BY_RESULT.get(type) ?? [];
  if (binaries.length > 0) {
    builders.push(() => {
      const shape = draw(() => fc.constantFrom(...binaries));
      return binary(shape.op, sub(shape.left), sub(shape.right));
    });
  }
  const unaries =
    (options.transcendentals
      ? UNARY_BY_RESULT
      : ELEMENTARY_UNARY_BY_RESULT
    ).get(type) ?? [];
  if (unaries.length > 0) {
    builders.push(() => {
      const shape = draw(() => fc.constantFrom(...unaries));
      return unary(shape.op, sub(shape.operand));
    });
  }
  const casts = CAST_BY_RESULT.get(type) ?? [];
  if (casts.length > 0) {
    builders.push(() => {
      const shape = draw(() => fc.constantFrom(...casts));
      return cast(shape.target, sub(shape.from));
    });
  }
  builders.push(() =>
    select(
      sub(draw(() => fc.constantFrom('bool' as const, 'u32' as const))),
      sub(type),
      sub(type),
    ),
  );
  if (type === 'f32') {
    builders.push(() => fma(sub('f32'), sub('f32'), sub('f32')));
  }
  if (
    type === 'u32' &&
    options.atomics &&
    options.slots === undefined &&
    !uniform
  ) {
    const targets = atomicTargets(scope);
    if (targets.length > 0) {
      builders.push(() => {
        const op = draw(() =>
          fc.constantFrom(
            'add',
            'or',
            'and',
            'xor',
            'min',
            'max',
            'exchange',
            'fetchNand',
            'lruUpdate' as const,
          ),
        );
        return atomic(
          op,
          draw(() => fc.constantFrom(...targets)),
          indexExpression(draw, scope, options),
          sub('u32'),
        );
      });
    }
  }
  return builders;
}

/** Buffers atomics may target: writable u32 storage buffers. */
function atomicTargets(scope: GenerationScope): string[] {
  return scope.buffers
    .filter(
      (decl) =>
        decl.element === 'u32' &&
        decl.access !== 'workgroup' &&
        isWritableBuffer(decl),
    )
    .map((decl) => decl.name);
}

/** A u32 index: mostly the invocation id or a small constant, sometimes anything (out of bounds is defined). */
export function indexExpression(
  draw: Draw,
  scope: GenerationScope,
  options: ExpressionOptions,
): Expr {
  const kind = draw(fc.integer, { min: 0, max: 5 });
  switch (kind) {
    case 0:
    case 1:
      return invocationId(0);
    case 2:
      return localId(0);
    case 3:
      return u32(draw(fc.integer, { min: 0, max: 8 }));
    default:
      return generateExpression(draw, scope, 'u32', options.maxDepth, options);
  }
}
