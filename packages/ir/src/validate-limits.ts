/**
 * The size limits the validator enforces (vyre's `validate` limits). A program that exceeds one is
 * rejected, and the validator does not descend past the limit, so it never overflows the stack.
 *
 * @remarks
 * - `statementNesting` (V018): a top-level region is at level 1, each statement inside the body of a
 *   statement at level `n` is at level `n + 1`.
 * - `expressionDepth` (V033): the root expression of a statement is at depth 1, each operand of an
 *   expression at depth `d` is at depth `d + 1`.
 * - `nodes` (V019): every statement (regions included) and every expression counts as one node.
 *
 * @public
 */
export const ValidationLimits = {
  statementNesting: 64,
  expressionDepth: 128,
  nodes: 100_000,
} as const;
