/**
 * The CPU reference interpreter for vyre Programs (backend id `cpu-ref`): the oracle every GPU result
 * is compared with.
 *
 * @remarks
 * Depends on `@vyre/ir` and `@vyre/foundation`; it must never depend on another driver, the runtime
 * or telemetry, and it is never a silent fallback for a GPU backend. It implements `docs/semantics.md`
 * exactly and exposes races instead of hiding them.
 *
 * @packageDocumentation
 */

export {
  CPU_REF_CAPABILITIES,
  CpuRefBackend,
  type CpuRefCompiler,
  type CpuRefOptions,
  type CpuRefRunResult,
} from './cpu-ref-backend.ts';
export type { CompileCacheStats } from './compile-cache.ts';
export type { Schedule } from './execute-dispatch.ts';
export { f16BitsToF32, f32ToF16Bits } from './f16-bits.ts';
export { f32FromBits, f32ToBits } from './f32-bits.ts';
export type { NarrowStoreConflict } from './narrow-store-tracker.ts';
export type { RaceReport, ScheduleDifference } from './race-report.ts';
export type { OobReport } from './run-context.ts';
export type { SubnormalMode } from './subnormal-mode.ts';
export type { FmaMode } from './fma-mode.ts';
