/**
 * The CPU reference interpreter for vyre Programs: the oracle every GPU result is compared with.
 *
 * @remarks
 * Depends on `@vyre/ir` and `@vyre/foundation` (as its interpreter lands); it must never depend on
 * another driver, the runtime or telemetry, and it is never a silent fallback for a GPU backend.
 * This release holds the f32 bit-level helpers the interpreter is built on.
 *
 * @packageDocumentation
 */

export { f32FromBits, f32ToBits } from './f32-bits.ts';
