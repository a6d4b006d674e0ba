/**
 * The size limits the validator enforces (vyre's `validate` limits). A program that exceeds one is
 * rejected, and the validator does not descend past the limit, so it never overflows the stack.
 *
 * @remarks
 * - `statementNesting` (V018): a top-level region is at level 1, each statement inside the body of a
 *   statement at level `n` is at level `n + 1`, and no statement may be deeper than level 64. A
 *   region, block, if or loop at level 64 is rejected even when its body is empty, because its body
 *   would be at level 65: 62 nested ifs inside the root region are the most allowed. This keeps the
 *   emitted WGSL within Tint's nesting limit (127, where an if or loop counts 2 and a block 1).
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
