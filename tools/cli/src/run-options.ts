import type { Schedule } from '@vyre/driver-cpu-ref';
import { ok, type Result } from '@vyre/foundation';
import type { DispatchConfig } from '@vyre/ir';
import type { CommandArgs } from './command-spec.ts';
import { cliUsage } from './cli-usage.ts';
import { parseBackendName, type BackendName } from './open-backend.ts';

// The options of `vyre run` that are not inputs: backend, grid, schedule and timeout.

const SCHEDULES: readonly Schedule[] = ['sequential', 'reversed', 'roundRobin'];

/** What `vyre run` was asked to do, apart from the program and its inputs. */
export interface RunOptions {
  readonly backend: BackendName;
  readonly config: DispatchConfig;
  readonly schedule: Schedule;
}

/** Parses `--backend`, `--grid`, `--schedule` and `--timeout`. */
export function parseRunOptions(args: CommandArgs): Result<RunOptions> {
  const named = parseBackendName(args.values['backend']);
  if (!named.ok) {
    return named;
  }
  const backend = named.value ?? 'cpu-ref';
  if (args.values['race-check'] === true && backend !== 'cpu-ref') {
    return cliUsage(
      `--race-check runs the CPU reference's lane orders: expected --backend cpu-ref, found --backend ${backend}.`,
    );
  }
  const scheduleArg = args.values['schedule'] ?? 'sequential';
  const schedule = SCHEDULES.find((name) => name === scheduleArg);
  if (schedule === undefined) {
    return cliUsage(
      `--schedule must name a lane order: expected one of ${SCHEDULES.join(', ')}, found "${String(scheduleArg)}".`,
    );
  }
  let config: DispatchConfig = {};
  const grid = args.values['grid'];
  if (typeof grid === 'string') {
    const parsed = parseGrid(grid);
    if (!parsed.ok) {
      return parsed;
    }
    config = { ...config, gridOverride: parsed.value };
  }
  const timeout = args.values['timeout'];
  if (typeof timeout === 'string') {
    const ms = Number(timeout);
    if (!/^\d+$/.test(timeout) || !Number.isSafeInteger(ms) || ms <= 0) {
      return cliUsage(
        `--timeout must be a whole number of milliseconds: expected a positive integer, found "${timeout}".`,
      );
    }
    config = { ...config, timeoutMs: ms };
  }
  return ok({ backend, config, schedule });
}

/** `x`, `x,y` or `x,y,z` workgroup counts; missing axes are 1. */
function parseGrid(text: string): Result<[number, number, number]> {
  const parts = text.split(',');
  const axes = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
  if (
    parts.length > 3 ||
    axes.some((axis) => !Number.isSafeInteger(axis) || axis < 1)
  ) {
    return cliUsage(
      `--grid gives workgroups per axis: expected x, x,y or x,y,z with positive integers, found "${text}".`,
    );
  }
  return ok([axes[0] ?? 1, axes[1] ?? 1, axes[2] ?? 1]);
}
