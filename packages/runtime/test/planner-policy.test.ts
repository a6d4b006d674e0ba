import type { ErrorCode, Result } from '@vyre/foundation';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LAUNCH_POLICY,
  type LaunchRecommendation,
  type LaunchRequest,
} from '../src/planner-policy.ts';
import { recommendLaunch } from '../src/planner-recommend.ts';

// The launch policy: each threshold on both sides, hysteresis, worker shedding, sizing and the budget.
// Every expected number is worked out by hand from vyre's formulas in the comment beside it.

function expectErr(result: Result<unknown>, code: ErrorCode): void {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(/expected .*found/);
  }
}

function plan(
  overrides: Partial<LaunchRequest>,
  previous?: LaunchRecommendation,
): LaunchRecommendation {
  const result = recommendLaunch({ ...BASE, ...overrides }, previous);
  if (!result.ok) {
    throw new Error(`expected a recommendation, found ${result.error.message}`);
  }
  return result.value;
}

// A hybrid-frontier queue of 1000 items: workgroups of 64, 64 workers, no graph, unbounded memory.
const BASE: LaunchRequest = {
  queueLen: 1000,
  workgroupSize: 64,
  workerCount: 64,
  requeues: 0,
  maxAgeTicks: 0,
  hotOpcodes: 0,
  hotWindows: 0,
  graphNodes: 0,
  graphEdges: 0,
  frontierDensityBps: 2000,
  residentDeviceBytes: 0,
  deviceMemoryBudgetBytes: 0,
  expectedHitsPerItem: 1,
};

const requestArb: fc.Arbitrary<LaunchRequest> = fc.record({
  queueLen: fc.integer({ min: 0, max: 2_000_000 }),
  workgroupSize: fc.integer({ min: 0, max: 512 }),
  workerCount: fc.integer({ min: 0, max: 5000 }),
  requeues: fc.integer({ min: 0, max: 3 }),
  maxAgeTicks: fc.integer({ min: 0, max: 64 }),
  hotOpcodes: fc.integer({ min: 0, max: 16 }),
  hotWindows: fc.integer({ min: 0, max: 8 }),
  graphNodes: fc.integer({ min: 0, max: 1_000_000 }),
  graphEdges: fc.integer({ min: 0, max: 200_000 }),
  frontierDensityBps: fc.integer({ min: 0, max: 10_000 }),
  memoryPressureBps: fc.integer({ min: 0, max: 10_000 }),
  residentDeviceBytes: fc.integer({ min: 0, max: 2 ** 40 }),
  deviceMemoryBudgetBytes: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 2 ** 41 }),
  ),
  expectedHitsPerItem: fc.integer({ min: 0, max: 8 }),
});

describe('LAUNCH_POLICY', () => {
  it('holds vyre ResidentLaunchPolicy::standard() verbatim', () => {
    expect(LAUNCH_POLICY).toEqual({
      minHitCapacity: 1024,
      hitCapacityMultiplier: 2,
      saturatedWaves: 4,
      hotOpcodeThreshold: 8,
      hotWindowThreshold: 4,
      jitQueueLenThreshold: 4096,
      priorityAgeThreshold: 32,
      sparseFrontierThresholdBps: 500,
      denseFrontierThresholdBps: 4000,
      memoryPressureThresholdBps: 8500,
      fusionEdgeThreshold: 65536,
      scratchBytesPerHit: 16,
      frontierHysteresisBps: 250,
      memoryHysteresisBps: 250,
      sparseWorkerFloor: 32,
      memoryShedBaseBps: 2500,
      memoryShedSpanBps: 2500,
    });
  });
});

describe('recommendLaunch: a whole recommendation', () => {
  it('plans the base queue', () => {
    // grid min(ceil(1000/64) = 16, 64, 1024) = 16; lanes 16 × 64 = 1024 > 1000 → light;
    // hits max(1000 × 1 × 2, 1024) = 2000; peak 0 + 2000 × 16 = 32000.
    expect(recommendLaunch(BASE)).toEqual({
      ok: true,
      value: {
        topology: 'hybridFrontier',
        pressure: 'light',
        executionMode: 'interpreter',
        agePriorityWork: false,
        promoteHotOpcodes: false,
        promoteHotWindows: false,
        geometry: {
          workgroupSizeX: 64,
          slotCount: 1024,
          dispatchGrid: [16, 1, 1],
        },
        workerCount: 64,
        hitCapacity: 2000,
        estimatedPeakDeviceBytes: 32_000,
        deviceMemoryBudgetBytes: 0,
        frontierDensityBps: 2000,
        memoryPressureBps: 0,
      },
    });
  });

  it('infers density for a hot dense graph and fuses it (vyre missing_frontier_telemetry test)', () => {
    // density min(90000, 100000) × 10000 / 100000 = 9000 ≥ 4000, edges 750000 ≥ 65536, hot 8 → fused.
    // slots ceil(90000/256) = 352 → 90112; grid min(352, 256, 1024) = 256; lanes 65536 ≤ 90000 <
    // 262144 → balanced; hits 90000 × 2 = 180000; peak 2_880_000.
    const rec = plan({
      queueLen: 90_000,
      workgroupSize: 256,
      workerCount: 256,
      graphNodes: 100_000,
      graphEdges: 750_000,
      hotOpcodes: 8,
      frontierDensityBps: 0,
    });
    expect(rec).toEqual({
      topology: 'fusedDense',
      pressure: 'balanced',
      executionMode: 'jit',
      agePriorityWork: false,
      promoteHotOpcodes: true,
      promoteHotWindows: false,
      geometry: {
        workgroupSizeX: 256,
        slotCount: 90_112,
        dispatchGrid: [256, 1, 1],
      },
      workerCount: 256,
      hitCapacity: 180_000,
      estimatedPeakDeviceBytes: 2_880_000,
      deviceMemoryBudgetBytes: 0,
      frontierDensityBps: 9000,
      memoryPressureBps: 0,
    });
  });

  it('plans an empty queue as empty', () => {
    const rec = plan({ queueLen: 0, frontierDensityBps: 9000, hotOpcodes: 0 });
    expect(rec.topology).toBe('empty');
    expect(rec.pressure).toBe('empty');
    expect(rec.executionMode).toBe('interpreter');
    expect(rec.geometry).toEqual({
      workgroupSizeX: 64,
      slotCount: 64,
      dispatchGrid: [1, 1, 1],
    });
    expect(rec.hitCapacity).toBe(1024);
    expect(rec.estimatedPeakDeviceBytes).toBe(16_384);
  });
});

describe('recommendLaunch: topology thresholds', () => {
  it.each([
    [500, 'sparseFrontier'],
    [501, 'hybridFrontier'],
    [3999, 'hybridFrontier'],
    [4000, 'denseFrontier'],
    [10_000, 'denseFrontier'],
  ])('density %i bps → %s', (density, topology) => {
    expect(plan({ frontierDensityBps: density }).topology).toBe(topology);
  });

  it.each([
    [8499, 'hybridFrontier'],
    [8500, 'memoryConstrained'],
  ])('memory pressure %i bps → %s', (pressure, topology) => {
    expect(plan({ memoryPressureBps: pressure }).topology).toBe(topology);
  });

  it('memory pressure outranks a sparse or dense frontier', () => {
    expect(
      plan({ memoryPressureBps: 8500, frontierDensityBps: 100 }).topology,
    ).toBe('memoryConstrained');
    expect(
      plan({ memoryPressureBps: 8500, frontierDensityBps: 9000 }).topology,
    ).toBe('memoryConstrained');
  });

  const fusedGraph = {
    frontierDensityBps: 4000,
    graphNodes: 1,
    graphEdges: 65_536,
    hotOpcodes: 8,
  };
  it('fuses dense work only on a large graph with promoted work', () => {
    expect(plan(fusedGraph).topology).toBe('fusedDense');
    expect(plan({ ...fusedGraph, hotOpcodes: 0, hotWindows: 4 }).topology).toBe(
      'fusedDense',
    );
    expect(plan({ ...fusedGraph, graphEdges: 65_535 }).topology).toBe(
      'denseFrontier',
    );
    expect(plan({ ...fusedGraph, graphNodes: 0 }).topology).toBe(
      'denseFrontier',
    );
    expect(plan({ ...fusedGraph, hotOpcodes: 7, hotWindows: 3 }).topology).toBe(
      'denseFrontier',
    );
    expect(plan({ ...fusedGraph, frontierDensityBps: 3999 }).topology).toBe(
      'hybridFrontier',
    );
  });

  it('fusedDense alone selects JIT', () => {
    // Fused needs promoted work, which is JIT anyway: the JIT arm for fusedDense is covered by the
    // first case; the control below shows a dense, unpromoted queue stays on the interpreter.
    expect(plan(fusedGraph).executionMode).toBe('jit');
    expect(plan({ ...fusedGraph, hotOpcodes: 0 }).executionMode).toBe(
      'interpreter',
    );
  });
});

describe('recommendLaunch: density and pressure inference', () => {
  it.each([
    [1000, 10_000, 1000, 'hybridFrontier'], // 1000 × 10000 / 10000
    [1000, 3, 10_000, 'denseFrontier'], // min(1000, 3) × 10000 / 3 = 10000
    [5, 10_000, 5, 'sparseFrontier'],
    [1, 100_000, 1, 'sparseFrontier'], // 0.1 rounds down to 0, clamped up to 1
    [1000, 0, 0, 'sparseFrontier'], // nothing to infer from: density 0
  ])(
    'queue %i over %i nodes infers %i bps (%s)',
    (queueLen, graphNodes, density, topology) => {
      const unmeasured = Object.fromEntries(
        Object.entries({ ...BASE, queueLen, graphNodes }).filter(
          ([key]) => key !== 'frontierDensityBps',
        ),
      ) as unknown as LaunchRequest;
      const result = recommendLaunch(unmeasured);
      expect(result.ok).toBe(true);
      const rec = result.ok ? result.value : undefined;
      expect(rec?.frontierDensityBps).toBe(density);
      expect(rec?.topology).toBe(topology);
      // An explicit 0 means "not measured" too.
      expect(plan({ queueLen, graphNodes, frontierDensityBps: 0 })).toEqual(
        rec,
      );
    },
  );

  it('infers memory pressure from resident bytes over the budget', () => {
    // 850000 × 10000 / 1000000 = 8500 → memoryConstrained; hits max(1000 × 1 × 1, 1024) = 1024;
    // peak 850000 + 16384 = 866384 ≤ 1000000.
    const at = plan({
      residentDeviceBytes: 850_000,
      deviceMemoryBudgetBytes: 1_000_000,
    });
    expect(at.memoryPressureBps).toBe(8500);
    expect(at.topology).toBe('memoryConstrained');
    expect(at.hitCapacity).toBe(1024);
    expect(at.estimatedPeakDeviceBytes).toBe(866_384);
    // 849999 × 10000 / 1000000 = 8499.99 → 8499.
    const below = plan({
      residentDeviceBytes: 849_999,
      deviceMemoryBudgetBytes: 1_000_000,
    });
    expect(below.memoryPressureBps).toBe(8499);
    expect(below.topology).toBe('hybridFrontier');
  });

  it('infers pressure exactly where resident × 10000 passes 2^53', () => {
    // 8e15 × 10000 / 9e15 = 8888.8… → 8888.
    const rec = plan({
      residentDeviceBytes: 8_000_000_000_000_000,
      deviceMemoryBudgetBytes: 9_000_000_000_000_000,
    });
    expect(rec.memoryPressureBps).toBe(8888);
    // (2^53 − 2) × 10000 / (2^53 − 1) = 9999.99… → 9999, not 10000.
    const nearFull = plan({
      queueLen: 0,
      residentDeviceBytes: 2 ** 53 - 20_000,
      deviceMemoryBudgetBytes: 2 ** 53 - 1,
    });
    expect(nearFull.memoryPressureBps).toBe(9999);
  });

  it('keeps a measured pressure over the inferred one', () => {
    const rec = plan({
      memoryPressureBps: 100,
      residentDeviceBytes: 900_000,
      deviceMemoryBudgetBytes: 1_000_000,
    });
    expect(rec.memoryPressureBps).toBe(100);
    expect(rec.topology).toBe('hybridFrontier');
  });
});

describe('recommendLaunch: execution mode and aging', () => {
  it.each([
    [{ queueLen: 4095 }, 'interpreter'],
    [{ queueLen: 4096 }, 'jit'],
    [{ hotOpcodes: 7 }, 'interpreter'],
    [{ hotOpcodes: 8 }, 'jit'],
    [{ hotWindows: 3 }, 'interpreter'],
    [{ hotWindows: 4 }, 'jit'],
  ] as const)('%o → %s', (overrides, mode) => {
    expect(plan(overrides).executionMode).toBe(mode);
  });

  it('reports which counters promoted', () => {
    expect(plan({ hotOpcodes: 8 }).promoteHotOpcodes).toBe(true);
    expect(plan({ hotOpcodes: 7 }).promoteHotOpcodes).toBe(false);
    expect(plan({ hotWindows: 4 }).promoteHotWindows).toBe(true);
    expect(plan({ hotWindows: 3 }).promoteHotWindows).toBe(false);
  });

  it.each([
    [{ maxAgeTicks: 31 }, false],
    [{ maxAgeTicks: 32 }, true],
    [{ requeues: 0 }, false],
    [{ requeues: 1 }, true],
  ] as const)('%o → agePriorityWork %s', (overrides, aged) => {
    expect(plan(overrides).agePriorityWork).toBe(aged);
  });
});

describe('recommendLaunch: queue pressure', () => {
  it.each([
    // 64 workers of 64 lanes: grid ceil(queue / 64) ≤ 64.
    [1023, 64, 'light'], // grid 16, lanes 1024
    [1024, 64, 'balanced'], // grid 16, lanes 1024
    // 4 workers of 64 lanes: lanes 256, saturated at 1024.
    [255, 4, 'light'],
    [256, 4, 'balanced'],
    [1023, 4, 'balanced'],
    [1024, 4, 'saturated'],
  ] as const)('queue %i with %i workers → %s', (queueLen, workerCount, p) => {
    expect(plan({ queueLen, workerCount }).pressure).toBe(p);
  });

  it('requeues saturate a light queue', () => {
    expect(plan({ queueLen: 10, requeues: 1 }).pressure).toBe('saturated');
  });
});

describe('recommendLaunch: worker shedding', () => {
  const big = { queueLen: 1_000_000 }; // ceil(1e6 / 64) = 15625 workgroups: the workers cap the grid

  it.each([
    [8500, 64, 48], // keep 7500 bps: 64 × 0.75
    [8501, 64, 47], // shed 2500 + 1 × 2500 / 1500 = 2501 → 64 × 7499 / 10000 = 47.99
    [9250, 64, 40], // shed 2500 + 1250 → keep 6250 bps
    [10_000, 64, 32], // shed 5000 → keep half
    [10_000, 3, 1], // 1.5 → 1
    [10_000, 1, 1],
  ])('memory %i bps keeps %i workers as %i', (pressure, workers, kept) => {
    const rec = plan({
      ...big,
      memoryPressureBps: pressure,
      workerCount: workers,
    });
    expect(rec.topology).toBe('memoryConstrained');
    expect(rec.workerCount).toBe(kept);
    expect(rec.geometry.dispatchGrid).toEqual([kept, 1, 1]);
  });

  it.each([
    [9250, 10_000, 6250], // shed 2500 + 750 × 2500 / 1500 = 3750
    [9999, 10_000, 5002], // shed 2500 + floor(1499 × 2500 / 1500 = 2498.3) = 4998
    [8501, 10_000, 7499], // shed 2500 + floor(1.67) = 2501
  ])(
    'memory %i bps keeps %i workers as %i (grid capped at 1024)',
    (pressure, workers, kept) => {
      const rec = plan({
        ...big,
        memoryPressureBps: pressure,
        workerCount: workers,
      });
      expect(rec.workerCount).toBe(kept);
      expect(rec.geometry.dispatchGrid).toEqual([1024, 1, 1]);
    },
  );

  it.each([
    [100, 256, 51], // 256 × 100 / 500 = 51.2
    [500, 256, 256],
    [10, 256, 32], // 5.12 → floor 32
    [1, 256, 32],
    [10, 20, 20], // the floor is min(20, 32)
    [250, 40, 32], // 20 → floor 32
    [400, 40, 32], // 32
    [450, 40, 36],
  ])(
    'sparse density %i bps keeps %i workers as %i',
    (density, workers, kept) => {
      const rec = plan({
        ...big,
        frontierDensityBps: density,
        graphNodes: 10_000_000,
        workerCount: workers,
      });
      expect(rec.topology).toBe('sparseFrontier');
      expect(rec.workerCount).toBe(kept);
      expect(rec.geometry.dispatchGrid).toEqual([kept, 1, 1]);
    },
  );

  it('sheds nothing on a sparse frontier without a graph, nor on other topologies', () => {
    expect(
      plan({ ...big, frontierDensityBps: 100, workerCount: 256 }).workerCount,
    ).toBe(256);
    expect(
      plan({ ...big, frontierDensityBps: 2000, workerCount: 256 }).workerCount,
    ).toBe(256);
    expect(
      plan({ ...big, frontierDensityBps: 9000, workerCount: 256 }).workerCount,
    ).toBe(256);
  });

  it('caps the grid at 1024 however many workers remain', () => {
    const rec = plan({ ...big, workerCount: 100_000 });
    expect(rec.workerCount).toBe(100_000);
    expect(rec.geometry.dispatchGrid).toEqual([1024, 1, 1]);
  });
});

describe('recommendLaunch: hysteresis', () => {
  const prev = (overrides: Partial<LaunchRequest>): LaunchRecommendation =>
    plan(overrides);
  const sparse = prev({ frontierDensityBps: 400 });
  const hybrid = prev({ frontierDensityBps: 2000 });
  const dense = prev({ frontierDensityBps: 5000 });
  const fusedGraph = { graphNodes: 1, graphEdges: 65_536, hotOpcodes: 8 };
  const fused = prev({ ...fusedGraph, frontierDensityBps: 5000 });
  const constrained = prev({ memoryPressureBps: 9000 });

  it('starts from the topologies it names', () => {
    expect(
      [sparse, hybrid, dense, fused, constrained].map((r) => r.topology),
    ).toEqual([
      'sparseFrontier',
      'hybridFrontier',
      'denseFrontier',
      'fusedDense',
      'memoryConstrained',
    ]);
  });

  it.each([
    ['sparse', 750, 'sparseFrontier'], // crossed 500 by 250: kept
    ['sparse', 751, 'hybridFrontier'], // by 251: changed
    ['hybrid', 250, 'hybridFrontier'],
    ['hybrid', 249, 'sparseFrontier'],
    ['hybrid', 4250, 'hybridFrontier'],
    ['hybrid', 4251, 'denseFrontier'],
    ['dense', 3750, 'denseFrontier'],
    ['dense', 3749, 'hybridFrontier'],
    ['sparse', 5000, 'denseFrontier'],
  ] as const)('previous %s, density %i → %s', (from, density, topology) => {
    const previous = { sparse, hybrid, dense }[from];
    expect(plan({ frontierDensityBps: density }, previous).topology).toBe(
      topology,
    );
  });

  it('without a previous topology the thresholds apply as they are', () => {
    expect(plan({ frontierDensityBps: 750 }).topology).toBe('hybridFrontier');
    expect(plan({ frontierDensityBps: 3750 }).topology).toBe('hybridFrontier');
    expect(plan({ frontierDensityBps: 4250 }).topology).toBe('denseFrontier');
  });

  it('keeps fusedDense just below the dense threshold only while the graph is still fusible', () => {
    expect(
      plan({ ...fusedGraph, frontierDensityBps: 3750 }, fused).topology,
    ).toBe('fusedDense');
    expect(
      plan({ ...fusedGraph, frontierDensityBps: 3749 }, fused).topology,
    ).toBe('hybridFrontier');
    expect(
      plan({ ...fusedGraph, hotOpcodes: 0, frontierDensityBps: 3750 }, fused)
        .topology,
    ).toBe('hybridFrontier');
    expect(
      plan(
        { ...fusedGraph, graphEdges: 65_535, frontierDensityBps: 3750 },
        fused,
      ).topology,
    ).toBe('hybridFrontier');
  });

  it('stays memoryConstrained down to 8250 bps, still shedding a quarter of the workers', () => {
    const kept = plan(
      { queueLen: 1_000_000, memoryPressureBps: 8250 },
      constrained,
    );
    expect(kept.topology).toBe('memoryConstrained');
    expect(kept.workerCount).toBe(48); // over 0 → keep 7500 bps of 64
    // Below the threshold the hit multiplier is 2 again: 1e6 × 2.
    expect(kept.hitCapacity).toBe(2_000_000);
    const left = plan(
      { queueLen: 1_000_000, memoryPressureBps: 8249 },
      constrained,
    );
    expect(left.topology).toBe('hybridFrontier');
    expect(left.workerCount).toBe(64);
  });

  it('never overrides empty or memoryConstrained', () => {
    expect(plan({ queueLen: 0 }, dense).topology).toBe('empty');
    expect(
      plan({ memoryPressureBps: 8500, frontierDensityBps: 400 }, sparse)
        .topology,
    ).toBe('memoryConstrained');
    expect(
      plan({ frontierDensityBps: 400 }, prev({ queueLen: 0 })).topology,
    ).toBe('sparseFrontier');
  });

  it('a recommendation given itself as previous is unchanged', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const first = recommendLaunch(request);
        if (!first.ok) {
          return true;
        }
        const again = recommendLaunch(request, first.value);
        return again.ok && again.value.topology === first.value.topology;
      }),
    );
  });
});

describe('recommendLaunch: hit capacity and the memory budget', () => {
  it.each([
    [{ queueLen: 100 }, 1024], // 200 → the 1024 floor
    [{ queueLen: 511 }, 1024], // 1022
    [{ queueLen: 513 }, 1026],
    [{ expectedHitsPerItem: 0 }, 2000], // counts as 1
    [{ expectedHitsPerItem: 3 }, 6000],
    [{ expectedHitsPerItem: 3, memoryPressureBps: 8499 }, 6000],
    [{ expectedHitsPerItem: 3, memoryPressureBps: 8500 }, 3000], // multiplier 1
    [{ requestedHitCapacity: 5000 }, 5000],
    [{ requestedHitCapacity: 10 }, 10], // taken as given, below the floor
    [{ requestedHitCapacity: 0 }, 2000], // 0 derives
  ] as const)('%o → hit capacity %i', (overrides, hits) => {
    const rec = plan(overrides);
    expect(rec.hitCapacity).toBe(hits);
    expect(rec.estimatedPeakDeviceBytes).toBe(hits * 16);
  });

  it('refuses a launch over the budget with RUNTIME_MEMORY_BUDGET_EXCEEDED', () => {
    // peak 0 + 2000 × 16 = 32000.
    expectErr(
      recommendLaunch({ ...BASE, deviceMemoryBudgetBytes: 31_999 }),
      'RUNTIME_MEMORY_BUDGET_EXCEEDED',
    );
    const fits = plan({ deviceMemoryBudgetBytes: 32_000 });
    expect(fits.estimatedPeakDeviceBytes).toBe(32_000);
    expect(fits.deviceMemoryBudgetBytes).toBe(32_000);
    // resident 100 + 32000 over a budget of 32099.
    expectErr(
      recommendLaunch({
        ...BASE,
        residentDeviceBytes: 100,
        deviceMemoryBudgetBytes: 32_099,
      }),
      'RUNTIME_MEMORY_BUDGET_EXCEEDED',
    );
  });

  it('checks the budget before planning any geometry', () => {
    // 268_435_455 items would need a ring past MAX_RING_SLOTS (a geometry error), but the budget
    // fails first: hits 536_870_910 × 16 bytes > 1.
    const result = recommendLaunch({
      ...BASE,
      queueLen: 268_435_455,
      deviceMemoryBudgetBytes: 1,
    });
    expectErr(result, 'RUNTIME_MEMORY_BUDGET_EXCEEDED');
    expect(!result.ok && result.error.message).toContain('8589934560');
    expectErr(
      recommendLaunch({ ...BASE, queueLen: 268_435_455 }),
      'RUNTIME_GEOMETRY_INVALID',
    );
  });

  it('treats a budget of 0 as unbounded', () => {
    const rec = plan({ residentDeviceBytes: 2 ** 50 });
    expect(rec.estimatedPeakDeviceBytes).toBe(2 ** 50 + 32_000);
    expect(rec.deviceMemoryBudgetBytes).toBe(0);
    expect(rec.memoryPressureBps).toBe(0);
  });

  it('refuses sizes that do not fit their types', () => {
    // 2^31 items × 1 hit × 2 = 2^32: one past u32.
    expectErr(
      recommendLaunch({ ...BASE, queueLen: 2 ** 31 }),
      'RUNTIME_GEOMETRY_INVALID',
    );
    // (2^53 − 1) resident + 32000 scratch is not a safe integer.
    expectErr(
      recommendLaunch({
        ...BASE,
        residentDeviceBytes: Number.MAX_SAFE_INTEGER,
      }),
      'RUNTIME_GEOMETRY_INVALID',
    );
  });
});

describe('recommendLaunch: invalid requests', () => {
  it.each([
    { queueLen: -1 },
    { queueLen: 1.5 },
    { queueLen: Number.NaN },
    { queueLen: 2 ** 32 },
    { workgroupSize: -1 },
    { workerCount: 2 ** 32 },
    { maxWorkgroupSize: 0 },
    { maxWorkgroupSize: 0.5 },
    { maxAgeTicks: -1 },
    { hotOpcodes: 1.5 },
    { hotWindows: Number.POSITIVE_INFINITY },
    { graphNodes: -5 },
    { graphEdges: 2 ** 40 },
    { expectedHitsPerItem: -1 },
    { requestedHitCapacity: 2 ** 32 },
    { requeues: -1 },
    { requeues: 2 ** 53 },
    { residentDeviceBytes: 0.5 },
    { deviceMemoryBudgetBytes: -1 },
    { frontierDensityBps: 10_001 },
    { frontierDensityBps: -1 },
    { memoryPressureBps: 12.5 },
  ] as const)('refuses %o with RUNTIME_GEOMETRY_INVALID', (overrides) => {
    expectErr(
      recommendLaunch({ ...BASE, ...overrides }),
      'RUNTIME_GEOMETRY_INVALID',
    );
  });
});

describe('recommendLaunch: properties', () => {
  it('stays within its bounds for any valid request', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const result = recommendLaunch(request);
        if (!result.ok) {
          // The only refusal a valid, small request can meet is the budget.
          return (
            result.error.code === 'RUNTIME_MEMORY_BUDGET_EXCEEDED' &&
            request.deviceMemoryBudgetBytes !== 0
          );
        }
        const rec = result.value;
        const lanes =
          rec.geometry.dispatchGrid[0] * rec.geometry.workgroupSizeX;
        return (
          (rec.topology === 'empty') === (request.queueLen === 0) &&
          rec.workerCount <= Math.max(request.workerCount, 1) &&
          rec.geometry.dispatchGrid[0] <= 1024 &&
          lanes <= rec.geometry.slotCount &&
          rec.hitCapacity >= 1024 &&
          rec.estimatedPeakDeviceBytes ===
            request.residentDeviceBytes + rec.hitCapacity * 16 &&
          (request.deviceMemoryBudgetBytes === 0 ||
            rec.estimatedPeakDeviceBytes <= request.deviceMemoryBudgetBytes)
        );
      }),
    );
  });
});
