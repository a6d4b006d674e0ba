/**
 * Subgroup reduction operators with vyre's wire tags (`SubgroupReduceOp`).
 *
 * @public
 */
export const SubgroupReduceOp = {
  add: 1,
  mul: 2,
  min: 3,
  max: 4,
  and: 5,
  or: 6,
  xor: 7,
} as const;

/**
 * A subgroup reduction operator: a key of {@link (SubgroupReduceOp:variable)}.
 *
 * @public
 */
export type SubgroupReduceOp = keyof typeof SubgroupReduceOp;
