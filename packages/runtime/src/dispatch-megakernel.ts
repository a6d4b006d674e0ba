import { err, nowMs, ok, StackError, type Result } from '@vyre/foundation';
import type { BufferDecl, Node, VyreBackend } from '@vyre/ir';
import {
  SLOT_WORDS,
  type MegakernelReport,
  type MegakernelTelemetry,
} from '@vyre/telemetry';
import { DebugLog } from './debug-log-layout.ts';
import {
  runWorkItems,
  type DrainProgress,
  type FaultedItem,
} from './drain-work.ts';
import { controlWords } from './encode-control.ts';
import { IoQueue } from './io-queue-layout.ts';
import { Megakernel } from './megakernel.ts';
import type { OpcodeHandler } from './megakernel-program.ts';
import type { MegakernelVariant } from './megakernel-variant.ts';
import { dedupeWorkItems } from './planner-dedupe.ts';
import { paddedSlotCount } from './planner-geometry.ts';
import type { LaunchRecommendation } from './planner-policy.ts';
import { recommendLaunch } from './planner-recommend.ts';
import { workItemSlot, type WorkItem } from './publish-batch.ts';

// The backend-neutral megakernel dispatch (vyre `MegakernelDispatch::dispatch_megakernel`): dedupe the
// queue, let the planner choose geometry and mode (and refuse a launch over the device-memory budget
// before anything is dispatched), run it in bounded drains, and report with the planner's telemetry.
// The report must balance: queued = processed + faulted + remaining, checked before it is returned.

/**
 * What a backend offers the megakernel (vyre `MegakernelCaps`).
 *
 * @public
 */
export interface MegakernelCaps {
  readonly supported: boolean;
  /** The most workgroups (workers) one drain may launch. */
  readonly maxWorkerCount: number;
}

/**
 * The megakernel capabilities of `backend`: every backend that can bind the four protocol buffers
 * runs it (it is an IR program); the worker ceiling is the grid cap 1024 or the device's limit.
 *
 * @param backend - the backend
 *
 * @public
 */
export function megakernelCaps(backend: VyreBackend): MegakernelCaps {
  const limits = backend.capabilities.limits;
  const supported = limits.maxStorageBuffersPerShaderStage >= 4;
  return {
    supported,
    maxWorkerCount: supported
      ? Math.min(1024, limits.maxComputeWorkgroupsPerDimension)
      : 0,
  };
}

/**
 * How to run a work queue (vyre `MegakernelConfig` and its workload hints).
 *
 * @public
 */
export interface MegakernelDispatchConfig {
  /** Workers (workgroups) to launch at most (default 64, vyre's). */
  readonly workerCount?: number;
  /** Lanes per workgroup (default 256). */
  readonly workgroupSize?: number;
  /** Give up after this long; unfinished items are reported remaining (default 60 s). */
  readonly maxWallTimeMs?: number;
  /** The tenant of every item (default 0). */
  readonly tenant?: number;
  /** Observable words in the control buffer (default 0), for opcodes such as LOAD_U32 and BATCH_FENCE. */
  readonly observableSlots?: number;
  /** Drop later exact duplicates of an item before publishing (default true). */
  readonly dedupe?: boolean;
  /** Publish items grouped by opcode (default false). */
  readonly binByOpcode?: boolean;
  /** User opcodes and their bodies. */
  readonly handlers?: readonly OpcodeHandler[];
  /** Data buffers and their contents (kept across drains and returned). */
  readonly data?: readonly {
    readonly buffer: BufferDecl;
    readonly bytes: Uint8Array;
  }[];
  /**
   * The fused payload processor: when given, the planner may choose the JIT kernel (it does for long
   * queues and many hot opcodes); without one the interpreter runs.
   */
  readonly jitPayload?: readonly Node[];
  /** Force a kernel instead of the planner's choice. */
  readonly variant?: MegakernelVariant;
  /** Device-memory budget in bytes (0, the default, is unbounded). */
  readonly deviceMemoryBudgetBytes?: number;
  /** Expected sparse hits per item, for the hit-capacity estimate (default 1). */
  readonly expectedHitsPerItem?: number;
  /** The previous launch's recommendation (topology hysteresis). */
  readonly previous?: LaunchRecommendation;
  /** Called after every drain. */
  readonly onDrain?: (progress: DrainProgress) => void;
}

/**
 * A megakernel report with what the runtime adds: the faulted items, recovery, the planner's choice
 * and the final buffers.
 *
 * @public
 */
export interface MegakernelRunReport extends MegakernelReport {
  readonly itemsFaulted: number;
  /** Faulted items, by index in the queue as given (before dedupe). */
  readonly faulted: readonly FaultedItem[];
  readonly drains: number;
  readonly recoveredAfterDeviceLoss: boolean;
  readonly recommendation: LaunchRecommendation;
  readonly control: Uint32Array;
  readonly data: readonly Uint8Array[];
}

interface CachedKernel {
  readonly key: string;
  readonly handlers: readonly OpcodeHandler[] | undefined;
  readonly payload: readonly Node[] | undefined;
  readonly megakernel: Megakernel;
}

// The last kernels built per backend, so repeated dispatches reuse the compiled pipeline.
const kernels = new WeakMap<VyreBackend, CachedKernel[]>();

function kernelFor(
  backend: VyreBackend,
  variant: MegakernelVariant,
  config: MegakernelDispatchConfig,
  slotCount: number,
  workgroupSize: number,
  workgroups: number,
): Result<{ readonly megakernel: Megakernel; readonly hit: boolean }> {
  const dataBuffers = (config.data ?? []).map((d) => d.buffer);
  const key = JSON.stringify([
    variant.kind,
    slotCount,
    workgroupSize,
    workgroups,
    dataBuffers,
  ]);
  const payload = variant.kind === 'jit' ? variant.payload : undefined;
  const cached = kernels.get(backend) ?? [];
  const found = cached.find(
    (k) =>
      k.key === key && k.handlers === config.handlers && k.payload === payload,
  );
  if (found !== undefined) {
    return ok({ megakernel: found.megakernel, hit: true });
  }
  const built = Megakernel.create(backend, {
    slotCount,
    workgroupSize,
    workgroups,
    handlers: config.handlers ?? [],
    dataBuffers,
    variant,
  });
  if (!built.ok) {
    return built;
  }
  kernels.set(backend, [
    { key, handlers: config.handlers, payload, megakernel: built.value },
    ...cached.slice(0, 7),
  ]);
  return ok({ megakernel: built.value, hit: false });
}

function unbalanced(message: string): Result<never> {
  return err(new StackError('RUNTIME_PROTOCOL_MALFORMED', message));
}

/**
 * Runs a work queue on `backend` through the megakernel (vyre `dispatch_megakernel`).
 *
 * @param backend - any backend
 * @param workQueue - the items; item `i` becomes a slot of opcode `opHandle` with arguments
 *   `[inputHandle, outputHandle, param]`
 * @param config - planner inputs, opcodes, data, limits
 * @returns the report; RUNTIME_MEMORY_BUDGET_EXCEEDED (before any dispatch) when the launch would not
 *   fit the budget; RUNTIME_PUBLISH_REFUSED for an item that cannot be published; a backend error that
 *   recovery could not cure; RUNTIME_PROTOCOL_MALFORMED when the items do not add up
 *
 * @public
 */
export async function dispatchMegakernel(
  backend: VyreBackend,
  workQueue: readonly WorkItem[],
  config: MegakernelDispatchConfig = {},
): Promise<Result<MegakernelRunReport>> {
  const started = nowMs();
  const deduped =
    config.dedupe === false
      ? { items: workQueue, dedupedItems: 0, kept: undefined }
      : dedupeWorkItems(workQueue);
  const queue = deduped.items;
  const caps = megakernelCaps(backend);
  const workgroupSize = config.workgroupSize ?? 256;
  const dataBytes = (config.data ?? []).reduce(
    (sum, d) => sum + d.bytes.byteLength,
    0,
  );
  // What the launch keeps on the device: control, ring (the queue padded to whole workgroups), debug
  // log, IO queue and the data buffers.
  const residentDeviceBytes =
    (controlWords(config.observableSlots ?? 0) +
      DebugLog.BUFFER_WORDS +
      IoQueue.BUFFER_WORDS +
      paddedSlotCount(queue.length, workgroupSize) * SLOT_WORDS) *
      4 +
    dataBytes;
  const recommended = recommendLaunch(
    {
      queueLen: queue.length,
      workgroupSize,
      workerCount: Math.min(config.workerCount ?? 64, caps.maxWorkerCount),
      maxWorkgroupSize: backend.capabilities.limits.maxComputeWorkgroupSizeX,
      requeues: 0,
      maxAgeTicks: 0,
      hotOpcodes: new Set(queue.map((item) => item.opHandle)).size,
      hotWindows: 0,
      graphNodes: queue.length,
      graphEdges: 0,
      residentDeviceBytes,
      deviceMemoryBudgetBytes: config.deviceMemoryBudgetBytes ?? 0,
      expectedHitsPerItem: config.expectedHitsPerItem ?? 1,
    },
    config.previous,
  );
  if (!recommended.ok) {
    return recommended;
  }
  const plan = recommended.value;
  const variant: MegakernelVariant =
    config.variant ??
    (plan.executionMode === 'jit' && config.jitPayload !== undefined
      ? { kind: 'jit', payload: config.jitPayload }
      : { kind: 'interpreted' });
  const { slotCount, workgroupSizeX, dispatchGrid } = plan.geometry;
  const kernel = kernelFor(
    backend,
    variant,
    config,
    slotCount,
    workgroupSizeX,
    Math.min(dispatchGrid[0], slotCount / workgroupSizeX),
  );
  if (!kernel.ok) {
    return kernel;
  }
  const planned = nowMs();
  const run = await runWorkItems(
    kernel.value.megakernel,
    queue.map(workItemSlot),
    {
      ...(config.tenant === undefined ? {} : { tenant: config.tenant }),
      ...(config.observableSlots === undefined
        ? {}
        : { observableSlots: config.observableSlots }),
      ...(config.maxWallTimeMs === undefined
        ? {}
        : { maxWallTimeMs: config.maxWallTimeMs }),
      ...(config.binByOpcode === undefined
        ? {}
        : { binByOpcode: config.binByOpcode }),
      ...(config.onDrain === undefined ? {} : { onDrain: config.onDrain }),
      data: (config.data ?? []).map((d) => d.bytes),
    },
  );
  if (!run.ok) {
    return run;
  }
  const r = run.value;
  const kept = deduped.kept;
  const faulted = r.faulted.map((f) => ({
    item: kept === undefined ? f.item : (kept[f.item] ?? f.item),
    reason: f.reason,
  }));
  if (r.itemsProcessed + faulted.length + r.itemsRemaining !== queue.length) {
    return unbalanced(
      `the report does not balance: ${queue.length} queued, but ${r.itemsProcessed} processed + ${faulted.length} faulted + ${r.itemsRemaining} remaining.`,
    );
  }
  const laneSlots = slotCount * Math.max(1, r.drains);
  const telemetry: MegakernelTelemetry = {
    bytesUploaded: r.bytesUploaded,
    bytesReadBack: r.bytesReadBack,
    bytesMoved: r.bytesUploaded + r.bytesReadBack,
    residentAllocations: 0,
    kernelLaunches: r.kernelLaunches,
    syncPoints: r.kernelLaunches,
    occupancyProxyBps: Math.min(
      10_000,
      Math.floor(((r.itemsProcessed + faulted.length) * 10_000) / laneSlots),
    ),
    frontierDensityBps: plan.frontierDensityBps,
    readbackBuffers:
      4 +
      (config.data ?? []).filter((d) => d.buffer.access === 'readWrite').length,
    compiledPipelineCacheHit: kernel.value.hit,
    residentInputCacheHit: false,
    topology: plan.topology,
    pressure: plan.pressure,
    executionMode: variant.kind === 'jit' ? 'jit' : 'interpreter',
    hitCapacity: plan.hitCapacity,
    estimatedPeakDeviceBytes: plan.estimatedPeakDeviceBytes,
    deviceMemoryBudgetBytes: plan.deviceMemoryBudgetBytes,
  };
  return ok({
    itemsProcessed: r.itemsProcessed,
    itemsRemaining: r.itemsRemaining,
    itemsFaulted: faulted.length,
    faulted,
    wallTimeNs: Math.round((nowMs() - started) * 1e6),
    queuePlanNs: Math.round((planned - started) * 1e6),
    queuePublishNs: r.publishNs,
    backendDispatchNs: r.backendDispatchNs,
    lineageNs: 0,
    dedupedItems: deduped.dedupedItems,
    publishedItems: r.publishedItems,
    lineageItems: 0,
    telemetry,
    regionLineage: [],
    drains: r.drains,
    recoveredAfterDeviceLoss: r.recoveredAfterDeviceLoss,
    recommendation: plan,
    control: r.control,
    data: r.data,
  });
}
