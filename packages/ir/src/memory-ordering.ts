/**
 * Memory orderings with vyre's wire tags. Atomics accept every ordering but `gridSync`; barriers accept
 * every ordering but `relaxed`. `gridSync` on a barrier is a whole-dispatch barrier, which WGSL cannot
 * express inside one kernel.
 *
 * @public
 */
export const MemoryOrdering = {
  relaxed: 0,
  acquire: 1,
  release: 2,
  acqRel: 3,
  seqCst: 4,
  gridSync: 5,
} as const;

/**
 * A memory ordering: a key of {@link (MemoryOrdering:variable)}.
 *
 * @public
 */
export type MemoryOrdering = keyof typeof MemoryOrdering;
