import { err, ok, StackError, type Result } from '@vyre/foundation';
import { describe, expect, it } from 'vitest';
import {
  RingStatus,
  startWatchdog,
  toPrometheusText,
  type SnapshotBytes,
  type TelemetrySample,
} from '../src/index.ts';
import { controlBytes, ringBytes } from './snapshot-builder.ts';

// The polling watchdog over a scripted snapshot source: stalls are reported once they last, again
// only after progress; errors are reported and polling goes on; stop() stops it.

const queued = ringBytes([
  { status: RingStatus.PUBLISHED },
  { status: RingStatus.EMPTY },
]);
const snapshot = (doneCount: number): SnapshotBytes => ({
  control: controlBytes({ doneCount }),
  ring: queued,
});

function script(steps: ReadonlyArray<() => Result<SnapshotBytes>>) {
  let next = 0;
  return () => {
    const step = steps[Math.min(next, steps.length - 1)];
    next++;
    if (step === undefined) {
      throw new Error('empty script');
    }
    return step();
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('startWatchdog', () => {
  it('reports a stall once it has lasted, and again only after progress', async () => {
    const stalls: number[] = [];
    const samples: TelemetrySample[] = [];
    const watchdog = startWatchdog({
      source: script([
        () => ok(snapshot(1)),
        () => ok(snapshot(2)), // progress
        () => ok(snapshot(2)), // stalled 1
        () => ok(snapshot(2)), // stalled 2: reported
        () => ok(snapshot(2)), // stalled 3: not again
        () => ok(snapshot(3)), // progress
        () => ok(snapshot(3)), // stalled 1
        () => ok(snapshot(3)), // stalled 2: reported again
      ]),
      intervalMs: 1,
      stallAfterPolls: 2,
      labels: { instance: 'test' },
      onSample: (sample) => samples.push(sample),
      onStall: (sample) => stalls.push(sample.telemetry.control.doneCount),
    });
    await until(() => watchdog.polls() >= 8);
    watchdog.stop();
    expect(stalls.slice(0, 2)).toEqual([2, 3]);
    expect(samples[0]?.watchdog).toBeUndefined();
    expect(samples[1]?.watchdog?.doneDelta).toBe(1);
    const latest = watchdog.latest();
    expect(latest?.watchdog?.suspectedStall).toBe(true);
    // The exporters read the watchdog's latest sample.
    const text = latest === undefined ? undefined : toPrometheusText(latest);
    expect(text?.ok && text.value).toMatch(
      /^vyre_watchdog_stall_suspected\{instance="test"\} 1$/m,
    );
  });

  it('reports errors and keeps polling: a failing source, a malformed snapshot, a count that went back', async () => {
    const codes: string[] = [];
    const deltas: (number | undefined)[] = [];
    const watchdog = startWatchdog({
      source: script([
        () => ok(snapshot(5)),
        () => err(new StackError('BACKEND_DEVICE_LOST', 'lost')),
        () => ok({ control: new Uint8Array(8), ring: queued }),
        () => ok(snapshot(3)),
        () => ok(snapshot(4)),
      ]),
      intervalMs: 1,
      onSample: (sample) => deltas.push(sample.watchdog?.doneDelta),
      onError: (error) => codes.push(error.code),
    });
    await until(() => watchdog.polls() >= 5);
    watchdog.stop();
    expect(codes.slice(0, 3)).toEqual([
      'BACKEND_DEVICE_LOST',
      'TELEMETRY_SNAPSHOT_MALFORMED',
      'TELEMETRY_DONE_COUNT_REGRESSED',
    ]);
    // 5 (no previous), then 3 → 4 against the new baseline.
    expect(deltas.slice(0, 2)).toEqual([undefined, 1]);
  });

  it('turns a throwing source into an error, and stop() ends the polling', async () => {
    const codes: string[] = [];
    let calls = 0;
    const watchdog = startWatchdog({
      source: () => {
        calls++;
        throw new Error('boom');
      },
      intervalMs: 1,
      onError: (error) => codes.push(error.code),
    });
    await until(() => calls >= 2);
    watchdog.stop();
    const stoppedAt = calls;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toBe(stoppedAt);
    expect(codes[0]).toBe('INTERNAL_BUG');
  });
});
