import type { Program, VyreBackend } from '@vyre/ir';

// Byte and word copies, and one raw bounded drain of a megakernel program: what the tests of the
// kernels share.

/** The u32 words of `bytes` (copied). */
export const wordsOf = (bytes: Uint8Array | undefined): Uint32Array =>
  new Uint32Array((bytes ?? new Uint8Array(0)).slice().buffer);

/** The bytes of `words` (copied). */
export const bytesOf = (words: Uint32Array): Uint8Array =>
  new Uint8Array(words.slice().buffer);

/** One dispatch of `program` over copies of `buffers` on `workgroups` workgroups; the outputs as words. */
export async function drainOnce(
  backend: VyreBackend,
  program: Program,
  buffers: readonly Uint32Array[],
  workgroups: number,
): Promise<Uint32Array[]> {
  const result = await backend.dispatch(program, buffers.map(bytesOf), {
    gridOverride: [workgroups, 1, 1],
  });
  if (!result.ok) {
    throw new Error(result.error.format());
  }
  return result.value.outputs.map(wordsOf);
}
