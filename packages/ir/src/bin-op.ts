/**
 * Binary operators with vyre's wire tags (`vyre-spec` `BinOp`).
 *
 * @remarks
 * The tag is part of the fingerprint and never changes. vyre's subgroup BinOps (tags 0x19..0x1C) are
 * not in this set: subgroup operations are their own expression kinds here. Typing rules and pinned
 * semantics for each operator are in `docs/semantics.md`.
 *
 * @public
 */
export const BinOp = {
  add: 0x01,
  sub: 0x02,
  mul: 0x03,
  div: 0x04,
  mod: 0x05,
  bitAnd: 0x06,
  bitOr: 0x07,
  bitXor: 0x08,
  shl: 0x09,
  shr: 0x0a,
  eq: 0x0b,
  ne: 0x0c,
  lt: 0x0d,
  gt: 0x0e,
  absDiff: 0x0f,
  le: 0x10,
  ge: 0x11,
  and: 0x12,
  or: 0x13,
  min: 0x14,
  max: 0x15,
  saturatingAdd: 0x16,
  saturatingSub: 0x17,
  saturatingMul: 0x18,
  rotateLeft: 0x1d,
  rotateRight: 0x1e,
  wrappingAdd: 0x1f,
  wrappingSub: 0x20,
  mulHigh: 0x21,
} as const;

/**
 * A binary operator: a key of {@link (BinOp:variable)}.
 *
 * @public
 */
export type BinOp = keyof typeof BinOp;

const COMMUTATIVE: ReadonlySet<BinOp> = new Set<BinOp>([
  'add',
  'mul',
  'bitAnd',
  'bitOr',
  'bitXor',
  'eq',
  'ne',
  'absDiff',
  'and',
  'or',
  'min',
  'max',
  'saturatingAdd',
  'saturatingMul',
  'wrappingAdd',
  'mulHigh',
]);

/**
 * Whether `op(a, b)` equals `op(b, a)` for every operand type the operator accepts, under the pinned
 * semantics; the canonical form orders the operands of these operators.
 *
 * @remarks
 * This is a property of the operator on values. Operands are evaluated left to right, so swapping
 * two operand expressions keeps the result only when neither can observe the other's effects: the
 * canonical form (`canonicalizeProgram`, `fingerprintProgram`) keeps the order of the operands of a
 * commutative operator when one contains an `atomic` (or a `call`) and the other a `load`, an `atomic`
 * or a `call`.
 *
 * @param op - a binary operator
 *
 * @public
 */
export function isCommutativeBinOp(op: BinOp): boolean {
  return COMMUTATIVE.has(op);
}
