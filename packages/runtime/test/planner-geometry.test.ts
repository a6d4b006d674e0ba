import type { ErrorCode, Result } from '@vyre/foundation';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultWorkerGroupsFromLimits,
  dispatchGridFor,
  paddedSlotCount,
  planLaunchGeometry,
  SCHEDULING_POLICY,
  workerGroupsForGeometry,
  workerWorkgroupSize,
} from '../src/planner-geometry.ts';

// Launch geometry: every formula at and around its limits, with expectations worked out by hand.

function expectErr(result: Result<unknown>, code: ErrorCode): void {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(/expected .*found/);
  }
}

describe('SCHEDULING_POLICY', () => {
  it('holds vyre SchedulingPolicy::standard() verbatim', () => {
    expect(SCHEDULING_POLICY).toEqual({
      defaultWorkerCount: 64,
      occupancyDivisor: 256,
      maxDispatchWorkgroups: 1024,
      powerfulDeviceInvocations: 4096,
      powerfulDeviceMinWorkerGroups: 64,
      minWorkgroupSizeX: 32,
      defaultWorkgroupSizeX: 64,
      maxWorkgroupSizeX: 256,
      fusedOverDispatchMultiplier: 4,
    });
  });
});

describe('workerWorkgroupSize', () => {
  it.each([
    [0, 256, 1],
    [1, 256, 1],
    [64, 256, 64],
    [255, 256, 255],
    [256, 256, 256],
    [257, 256, 256],
    [5, 0, 1],
  ])('clamp(%i, 1, %i) = %i', (workers, maxX, expected) => {
    expect(workerWorkgroupSize(workers, maxX)).toBe(expected);
  });
});

describe('paddedSlotCount', () => {
  it.each([
    [0, 64, 64],
    [1, 64, 64],
    [63, 64, 64],
    [64, 64, 64],
    [65, 64, 128],
    [1000, 64, 1024],
    [5, 1, 5],
  ])('paddedSlotCount(%i, %i) = %i', (slots, wg, expected) => {
    expect(paddedSlotCount(slots, wg)).toBe(expected);
  });
});

describe('dispatchGridFor', () => {
  it.each([
    [64, 1000, 64, 16],
    [64, 0, 64, 1],
    [0, 1000, 64, 1],
    [8, 1000, 64, 8],
    [2000, 65_472, 64, 1023],
    [2000, 65_536, 64, 1024],
    [2000, 65_537, 64, 1024],
    [0xffff_ffff, 0xffff_ffff, 1, 1024],
  ])('workers %i, queue %i, wg %i → x = %i', (workers, queue, wg, x) => {
    expect(dispatchGridFor(workers, queue, wg)).toEqual([x, 1, 1]);
  });
});

describe('defaultWorkerGroupsFromLimits', () => {
  it.each([
    [65_535, 256, 255],
    [65_535, 4096, 255],
    [256, 4096, 64],
    [256, 4095, 1],
    [0, 0, 1],
    [511, 0, 1],
    [512, 0, 2],
    [262_143, 0, 1023],
    [262_144, 0, 1024],
    [1_000_000, 8192, 1024],
  ])(
    'maxWorkgroupsPerDimension %i, invocations %i → %i',
    (perDim, invocations, expected) => {
      expect(
        defaultWorkerGroupsFromLimits({
          maxWorkgroupsPerDimension: perDim,
          maxInvocationsPerWorkgroup: invocations,
        }),
      ).toBe(expected);
    },
  );
});

describe('workerGroupsForGeometry', () => {
  it('divides a whole ring into workgroups', () => {
    expect(workerGroupsForGeometry(1024, 64)).toEqual({ ok: true, value: 16 });
    expect(workerGroupsForGeometry(64, 64)).toEqual({ ok: true, value: 1 });
    expect(workerGroupsForGeometry(268_435_392, 64)).toEqual({
      ok: true,
      value: 4_194_303,
    });
  });

  it.each([
    [1000, 64],
    [0, 64],
    [64, 0],
    [64.5, 1],
    [64, 1.5],
    [-64, 64],
    [Number.NaN, 64],
    [268_435_456, 64], // 2^28 slots: one past MAX_RING_SLOTS words-wise
    [2 ** 32, 1],
  ])('refuses %s slots in workgroups of %s', (slots, wg) => {
    expectErr(workerGroupsForGeometry(slots, wg), 'RUNTIME_GEOMETRY_INVALID');
  });
});

describe('planLaunchGeometry', () => {
  it('uses the standard defaults: workgroups of 64, 64 workers', () => {
    expect(planLaunchGeometry({ queueLen: 1000 })).toEqual({
      ok: true,
      value: { workgroupSizeX: 64, slotCount: 1024, dispatchGrid: [16, 1, 1] },
    });
  });

  it('plans one workgroup of slots for an empty queue', () => {
    expect(planLaunchGeometry({ queueLen: 0 })).toEqual({
      ok: true,
      value: { workgroupSizeX: 64, slotCount: 64, dispatchGrid: [1, 1, 1] },
    });
  });

  it('pads the ring and caps the grid by the worker count', () => {
    expect(
      planLaunchGeometry({
        queueLen: 100_000,
        workgroupSize: 256,
        workerCount: 2000,
      }),
    ).toEqual({
      ok: true,
      value: {
        workgroupSizeX: 256,
        slotCount: 100_096,
        dispatchGrid: [391, 1, 1],
      },
    });
    expect(
      planLaunchGeometry({ queueLen: 100_000, workgroupSize: 256 }),
    ).toEqual({
      ok: true,
      value: {
        workgroupSizeX: 256,
        slotCount: 100_096,
        dispatchGrid: [64, 1, 1],
      },
    });
  });

  it('caps the grid at 1024 workgroups', () => {
    const plan = planLaunchGeometry({
      queueLen: 1_000_000,
      workgroupSize: 64,
      workerCount: 5000,
    });
    expect(plan.ok && plan.value.dispatchGrid).toEqual([1024, 1, 1]);
  });

  it('clamps the workgroup size to the device maximum and to at least 1', () => {
    const wide = planLaunchGeometry({ queueLen: 10, workgroupSize: 512 });
    expect(wide.ok && wide.value.workgroupSizeX).toBe(256);
    const narrow = planLaunchGeometry({
      queueLen: 10,
      workgroupSize: 128,
      maxWorkgroupSize: 32,
    });
    expect(narrow.ok && narrow.value).toEqual({
      workgroupSizeX: 32,
      slotCount: 32,
      dispatchGrid: [1, 1, 1],
    });
    const zero = planLaunchGeometry({ queueLen: 10, workgroupSize: 0 });
    expect(zero.ok && zero.value).toEqual({
      workgroupSizeX: 1,
      slotCount: 10,
      dispatchGrid: [10, 1, 1],
    });
  });

  it('accepts the largest ring that fits the protocol and refuses one slot more', () => {
    // 268_435_392 = 4_194_303 × 64, the last multiple of 64 within MAX_RING_SLOTS (268_435_455).
    const last = planLaunchGeometry({ queueLen: 268_435_392 });
    expect(last.ok && last.value.slotCount).toBe(268_435_392);
    // One more item pads to 268_435_456 = 2^28 slots, whose 2^32 words do not fit a u32.
    expectErr(
      planLaunchGeometry({ queueLen: 268_435_393 }),
      'RUNTIME_GEOMETRY_INVALID',
    );
    expectErr(
      planLaunchGeometry({ queueLen: 0xffff_ffff, workgroupSize: 1 }),
      'RUNTIME_GEOMETRY_INVALID',
    );
  });

  it.each([
    { queueLen: -1 },
    { queueLen: Number.NaN },
    { queueLen: 1.5 },
    { queueLen: 2 ** 32 },
    { queueLen: Number.POSITIVE_INFINITY },
    { queueLen: 10, workgroupSize: -64 },
    { queueLen: 10, workerCount: 0.5 },
    { queueLen: 10, maxWorkgroupSize: 0 },
    { queueLen: 10, maxWorkgroupSize: 2 ** 32 },
  ])('refuses %o with RUNTIME_GEOMETRY_INVALID', (request) => {
    expectErr(planLaunchGeometry(request), 'RUNTIME_GEOMETRY_INVALID');
  });

  it('always pads to whole workgroups and keeps the grid within the ring and 1024', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 256 }),
        fc.integer({ min: 0, max: 5000 }),
        (queueLen, workgroupSize, workerCount) => {
          const plan = planLaunchGeometry({
            queueLen,
            workgroupSize,
            workerCount,
          });
          if (!plan.ok) {
            return false;
          }
          const { slotCount, dispatchGrid, workgroupSizeX } = plan.value;
          const groups = workerGroupsForGeometry(slotCount, workgroupSizeX);
          return (
            workgroupSizeX === workgroupSize &&
            slotCount >= queueLen &&
            slotCount - queueLen <
              (queueLen === 0 ? slotCount + 1 : workgroupSize) &&
            groups.ok &&
            dispatchGrid[0] >= 1 &&
            dispatchGrid[0] <= Math.min(1024, groups.value) &&
            dispatchGrid[0] <= Math.max(1, workerCount) &&
            dispatchGrid[1] === 1 &&
            dispatchGrid[2] === 1
          );
        },
      ),
    );
  });
});
