import type { Result } from '@vyre/foundation';
import { geometryInvalid } from './planner-geometry.ts';
import type { LaunchRequest } from './planner-policy.ts';
import { isU32 } from './publish-slot.ts';

// Validation of a launch request, before any arithmetic: every later step may assume in-range integers.

const U32_FIELDS = [
  'queueLen',
  'workgroupSize',
  'workerCount',
  'maxAgeTicks',
  'hotOpcodes',
  'hotWindows',
  'graphNodes',
  'graphEdges',
  'expectedHitsPerItem',
] as const satisfies readonly (keyof LaunchRequest)[];

const OPTIONAL_U32_FIELDS = [
  'maxWorkgroupSize',
  'requestedHitCapacity',
] as const satisfies readonly (keyof LaunchRequest)[];

const SAFE_FIELDS = [
  'requeues',
  'residentDeviceBytes',
  'deviceMemoryBudgetBytes',
] as const satisfies readonly (keyof LaunchRequest)[];

const BPS_FIELDS = [
  'frontierDensityBps',
  'memoryPressureBps',
] as const satisfies readonly (keyof LaunchRequest)[];

const isSafeCount = (x: unknown): x is number =>
  Number.isSafeInteger(x) && (x as number) >= 0;

const isBps = (x: unknown): x is number =>
  Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 10_000;

/** RUNTIME_GEOMETRY_INVALID for the first field out of range, or undefined when all are in range. */
export function checkLaunchRequest(
  request: LaunchRequest,
): Result<never> | undefined {
  for (const name of U32_FIELDS) {
    if (!isU32(request[name])) {
      return geometryInvalid(
        `launch request ${name} must be an integer from 0 to 4294967295: expected a u32, found ${String(request[name])}.`,
      );
    }
  }
  for (const name of OPTIONAL_U32_FIELDS) {
    const value = request[name];
    if (value !== undefined && !isU32(value)) {
      return geometryInvalid(
        `launch request ${name} must be an integer from 0 to 4294967295: expected a u32, found ${String(value)}.`,
      );
    }
  }
  if (request.maxWorkgroupSize === 0) {
    return geometryInvalid(
      'launch request maxWorkgroupSize must allow at least one lane: expected 1 or more, found 0.',
    );
  }
  for (const name of SAFE_FIELDS) {
    if (!isSafeCount(request[name])) {
      return geometryInvalid(
        `launch request ${name} must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}: expected a safe integer, found ${String(request[name])}.`,
      );
    }
  }
  for (const name of BPS_FIELDS) {
    const value = request[name];
    if (value !== undefined && !isBps(value)) {
      return geometryInvalid(
        `launch request ${name} must be basis points: expected an integer from 0 to 10000, found ${String(value)}.`,
      );
    }
  }
  return undefined;
}
