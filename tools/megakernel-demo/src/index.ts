// The megakernel headline workload (8 opcodes over user data buffers), its per-item-dispatch
// baselines, and the demo that runs it: shared by `vyre demo` and the megakernel benchmark. Private to
// this repository.

export {
  demoTelemetry,
  type DemoTelemetry,
  type OpcodeCount,
} from './demo-telemetry.ts';
export { BackendPerItemDispatcher } from './backend-per-item-dispatch.ts';
export {
  allocateWorkloadResident,
  runWorkloadOnMegakernel,
  workloadMegakernel,
  type MegakernelRun,
} from './megakernel-run.ts';
export { PerItemDispatcher, type PerItemMode } from './per-item-dispatch.ts';
export {
  runDemo,
  type DemoOptions,
  type DemoReport,
  type PerItemComparison,
} from './run-demo.ts';
export {
  benchSize,
  quantile,
  runsPerSize,
  STRATEGY_LABELS,
  type BenchOptions,
  type SizeBench,
  type StrategyId,
  type StrategyRow,
} from './strategy-bench.ts';
export { strategyTiming, type StrategyTiming } from './strategy-timing.ts';
export {
  allocateOutputs,
  initialBytes,
  outputsDifference,
  type WorkloadOutputs,
} from './workload-outputs.ts';
export {
  HANDLERS,
  MEGAKERNEL_DATA,
  makeWorkload,
  OPCODE_BASE,
  OPCODE_NAMES,
  perItemProgram,
  SEGMENT,
  type Workload,
} from './workload.ts';
