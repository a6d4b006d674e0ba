import { blake3 } from '@noble/hashes/blake3.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { encodeCanonicalView } from './canonical-bytes.ts';
import type { Program } from './program.ts';

/**
 * The fingerprint of a program: the lowercase hex BLAKE3-256 hash of its canonical bytes (64 hex
 * digits).
 *
 * @remarks
 * Two programs have the same fingerprint exactly when their canonical forms are equal (up to BLAKE3
 * collisions): reordering buffers or swapping the operands of a commutative operator keeps it, and
 * any other change of a field, literal (an f32 `-0` included), operator, buffer or statement changes
 * it. Swapping commutative operands that could observe each other's effects (one contains an
 * `atomic` or a `call`, the other a `load`, an `atomic` or a `call`) changes it too, because they are
 * evaluated left to right and the two orders may compute different values (see
 * {@link canonicalizeProgram}). It is stable across runs, platforms and releases as long as {@link CANONICAL_ENCODING_VERSION}
 * is unchanged. The hash covers the bytes of {@link encodeCanonicalProgram}, which starts with a
 * magic and that version. Throws like {@link encodeCanonicalProgram} for a number outside its
 * field's domain.
 *
 * @param program - the program
 *
 * @example
 * ```ts
 * import { fingerprintProgram, program, ret } from '@vyre/ir';
 * const key = fingerprintProgram(program({ buffers: [], entry: [ret()] })); // 64 hex digits
 * ```
 *
 * @public
 */
export function fingerprintProgram(program: Program): string {
  return bytesToHex(blake3(encodeCanonicalView(program, undefined)));
}
