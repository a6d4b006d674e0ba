import {
  BinOp,
  binaryType,
  castType,
  DataTypeWireTag,
  isTranscendentalUnOp,
  UnOp,
  unaryType,
  type DataType,
  type ValueType,
} from '@vyre/ir';

// Which operators produce which type, derived once from the IR's own typing rules, so the generator
// can never disagree with the validator about what is well-typed.

/** A binary operator application that type-checks to the table's result type. */
export interface BinaryShape {
  readonly op: BinOp;
  readonly left: ValueType;
  readonly right: ValueType;
}

/** A unary operator application that type-checks to the table's result type. */
export interface UnaryShape {
  readonly op: UnOp;
  readonly operand: ValueType;
}

/** A cast that type-checks to the table's result type. */
export interface CastShape {
  readonly from: ValueType;
  readonly target: DataType;
}

/** The value types the generator builds expressions of (the WGSL baseline: no f16). */
const GENERATED_TYPES: readonly ValueType[] = [
  'u32',
  'i32',
  'f32',
  'bool',
  'u64',
  'i64',
  'vec2u32',
  'vec4u32',
];

/** Types that have literals and arithmetic; the others are reached only through casts. */
export const SCALAR_TYPES: readonly ValueType[] = ['u32', 'i32', 'f32', 'bool'];

function byResult<T>(
  entries: Iterable<readonly [ValueType, T]>,
): ReadonlyMap<ValueType, readonly T[]> {
  const table = new Map<ValueType, T[]>();
  for (const [type, entry] of entries) {
    const list = table.get(type) ?? [];
    list.push(entry);
    table.set(type, list);
  }
  return table;
}

function* binaryShapes(): Generator<readonly [ValueType, BinaryShape]> {
  for (const op of Object.keys(BinOp) as BinOp[]) {
    for (const left of GENERATED_TYPES) {
      for (const right of GENERATED_TYPES) {
        const check = binaryType(op, left, right);
        if (check.ok) {
          yield [check.type, { op, left, right }];
        }
      }
    }
  }
}

function* unaryShapes(
  allowTranscendentals: boolean,
): Generator<readonly [ValueType, UnaryShape]> {
  for (const op of Object.keys(UnOp) as UnOp[]) {
    if (!allowTranscendentals && isTranscendentalUnOp(op)) {
      continue;
    }
    for (const operand of GENERATED_TYPES) {
      const check = unaryType(op, operand);
      if (check.ok) {
        yield [check.type, { op, operand }];
      }
    }
  }
}

function* castShapes(): Generator<readonly [ValueType, CastShape]> {
  const targets = (Object.keys(DataTypeWireTag) as DataType[]).filter(
    (type) => type !== 'f16',
  );
  for (const from of GENERATED_TYPES) {
    for (const target of targets) {
      const check = castType(from, target);
      if (check.ok && from !== target) {
        yield [check.type, { from, target }];
      }
    }
  }
}

/** Binary shapes grouped by result type. */
export const BINARY_BY_RESULT: ReadonlyMap<ValueType, readonly BinaryShape[]> =
  byResult(binaryShapes());
/** Unary shapes grouped by result type, with transcendental functions. */
export const UNARY_BY_RESULT: ReadonlyMap<ValueType, readonly UnaryShape[]> =
  byResult(unaryShapes(true));
/** Unary shapes grouped by result type, without transcendental functions. */
export const ELEMENTARY_UNARY_BY_RESULT: ReadonlyMap<
  ValueType,
  readonly UnaryShape[]
> = byResult(unaryShapes(false));
/** Cast shapes grouped by result type. */
export const CAST_BY_RESULT: ReadonlyMap<ValueType, readonly CastShape[]> =
  byResult(castShapes());
