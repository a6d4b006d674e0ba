/**
 * vyre's intermediate representation, the language every backend speaks: Program trees and their
 * builders, the typing rules, the validator, the JSON form, the fingerprint and the WGSL emitter.
 *
 * @remarks
 * Depends only on `@vyre/foundation`; it must never depend on a driver, the runtime or telemetry.
 * The meaning of every construct is pinned in `docs/semantics.md`.
 *
 * @packageDocumentation
 */

export { AtomicOp } from './atomic-op.ts';
export { BinOp, isCommutativeBinOp } from './bin-op.ts';
export {
  bufferRole,
  planBindings,
  type BindingPlan,
  type BufferRole,
} from './binding-plan.ts';
export {
  CANONICAL_ENCODING_VERSION,
  encodeCanonicalProgram,
} from './canonical-bytes.ts';
export { canonicalizeProgram } from './canonical-program.ts';
export {
  BufferAccess,
  isBackendAllocatedOutput,
  isWritableBuffer,
  outputBuffer,
  readBuffer,
  readWriteBuffer,
  staticByteLength,
  uniformBuffer,
  workgroupBuffer,
  type BufferDecl,
  type BufferOptions,
  type ByteRange,
} from './buffer-decl.ts';
export type {
  Diagnostic,
  DiagnosticLocation,
  ValidationReport,
} from './diagnostic.ts';
export type { DispatchConfig } from './dispatch-config.ts';
export {
  dataTypeByteSize,
  dataTypeFromWireTag,
  DataTypeWireTag,
  type DataType,
} from './data-type.ts';
export type {
  AtomicExpr,
  BinaryExpr,
  BoolLiteral,
  BufferRefExpr,
  BufLenExpr,
  CallExpr,
  CastExpr,
  Expr,
  ExprKind,
  FmaExpr,
  IdExpr,
  Literal,
  LoadExpr,
  NumberLiteral,
  SelectExpr,
  SubgroupBallotExpr,
  SubgroupInfoExpr,
  SubgroupReduceExpr,
  SubgroupShuffleExpr,
  UnaryExpr,
  VarExpr,
} from './expr.ts';
export {
  add,
  and,
  atomic,
  atomicAdd,
  atomicCompareExchange,
  binary,
  bitAnd,
  bitNot,
  bitOr,
  bitXor,
  bool,
  bufferRef,
  bufLen,
  call,
  cast,
  div,
  eq,
  f32,
  fma,
  ge,
  gidX,
  gidY,
  gidZ,
  gt,
  i32,
  invocationId,
  le,
  lidX,
  load,
  local,
  localId,
  lt,
  max,
  min,
  mod,
  mul,
  ne,
  negate,
  not,
  or,
  select,
  shl,
  shr,
  sub,
  subgroupBallot,
  subgroupLocalId,
  subgroupReduce,
  subgroupShuffle,
  subgroupSize,
  u32,
  unary,
  wgX,
  workgroupId,
} from './expr-builders.ts';
export { fingerprintProgram } from './fingerprint.ts';
export { MemoryOrdering } from './memory-ordering.ts';
export type {
  AssignNode,
  AsyncCopyNode,
  AsyncWaitNode,
  BarrierNode,
  BlockNode,
  CollectiveNode,
  IfNode,
  IndirectDispatchNode,
  LetNode,
  LoopNode,
  Node,
  NodeKind,
  RegionNode,
  ResumeNode,
  ReturnNode,
  StoreNode,
  TrapNode,
} from './node.ts';
export {
  assign,
  asyncLoad,
  asyncStore,
  asyncWait,
  barrier,
  block,
  collective,
  ifThen,
  indirectDispatch,
  letBind,
  loop,
  region,
  resume,
  ret,
  store,
  trap,
} from './node-builders.ts';
export {
  program,
  ROOT_REGION_GENERATOR,
  type Program,
  type ProgramSpec,
} from './program.ts';
export { decodeProgram, parseProgram } from './program-json-decode.ts';
export {
  programToJson,
  stringifyProgram,
  type StringifyProgramOptions,
} from './program-json-encode.ts';
export { ProgramJsonError } from './program-json-error.ts';
export {
  PROGRAM_JSON_FORMAT,
  type ProgramJson,
} from './program-json-format.ts';
export { PROGRAM_JSON_LIMITS } from './program-json-limits.ts';
export {
  prepareDispatch,
  storageElementSize,
  type PreparedDispatch,
} from './prepare-dispatch.ts';
export { prepareResidentDispatch } from './prepare-resident-dispatch.ts';
export { checkReadTargets } from './read-targets.ts';
export { ProgramValidationError } from './program-validation-error.ts';
export { SubgroupReduceOp } from './subgroup-reduce-op.ts';
export {
  BASELINE_WGSL_CAPABILITIES,
  type TargetCapabilities,
  type TargetLimits,
} from './target-capabilities.ts';
export {
  binaryType,
  castType,
  fmaType,
  isCastAllowed,
  isConditionType,
  literalType,
  selectType,
  unaryType,
  type TypeCheck,
  type TypeIssue,
} from './typing-rules.ts';
export { isTranscendentalUnOp, UnOp } from './un-op.ts';
export {
  ValidationCodes,
  type ValidationCode,
  type ValidationCodeEntry,
  type ValidationPhase,
} from './validation-code.ts';
export { validateProgram, type ValidationOptions } from './validate.ts';
export { ValidationLimits } from './validate-limits.ts';
export { valueTypeOfElement, type ValueType } from './value-type.ts';
export type { WgslBinding } from './wgsl-buffer-access.ts';
export {
  emitWgsl,
  type EmitOptions,
  type WgslEnable,
  type WgslModule,
} from './wgsl-module.ts';
export type {
  DispatchResult,
  DispatchTiming,
  ResidentBuffer,
  ResidentDispatchStep,
  ResidentRange,
  SequenceResult,
  VyreBackend,
} from './vyre-backend.ts';
