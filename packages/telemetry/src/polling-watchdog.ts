import { isStackError, StackError, type Result } from '@vyre/foundation';
import { decodeRingTelemetry } from './decode-ring.ts';
import { createTelemetryScratch } from './ring-telemetry.ts';
import { runtimeCounters, type RuntimeCounters } from './runtime-counters.ts';
import type { TelemetrySample } from './telemetry-sample.ts';
import { watchdogSince } from './watchdog-snapshot.ts';

/**
 * The bytes of one snapshot: the control buffer and the ring, as read back.
 *
 * @public
 */
export interface SnapshotBytes {
  readonly control: Uint8Array;
  readonly ring: Uint8Array;
}

/**
 * Options of {@link startWatchdog}.
 *
 * @public
 */
export interface WatchdogOptions {
  /** Reads the current snapshot (from a backend's resident buffers, a file, a socket ...). */
  readonly source: () => Promise<Result<SnapshotBytes>> | Result<SnapshotBytes>;
  /** Milliseconds from the end of one poll to the start of the next (at least 1). */
  readonly intervalMs: number;
  /** Consecutive polls with a suspected stall before `onStall` (default 1). */
  readonly stallAfterPolls?: number;
  /** Window opcodes to aggregate (see `decodeRingTelemetry`). */
  readonly windowOpcodes?: readonly number[];
  /** Constant labels for the samples (and so for the exporters). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Every decoded sample. */
  readonly onSample?: (sample: TelemetrySample) => void;
  /** A stall: called once when it has lasted `stallAfterPolls` polls, again only after progress. */
  readonly onStall?: (sample: TelemetrySample, polls: number) => void;
  /** A poll that failed: the source's error, a malformed snapshot, a drained count that went back. */
  readonly onError?: (error: StackError) => void;
}

/**
 * A running watchdog.
 *
 * @public
 */
export interface Watchdog {
  /**
   * The last decoded sample, for the exporters (`toPrometheusText` of it, or `observeTelemetry` with
   * `latest` as the source). Its telemetry is overwritten by the next poll: keep
   * `telemetryRecord(sample)` to retain one.
   */
  latest(): TelemetrySample | undefined;
  /** Polls completed. */
  polls(): number;
  /** Stops polling; a poll in flight finishes without calling back. */
  stop(): void;
}

/**
 * Polls `options.source` every `options.intervalMs` milliseconds, decodes each snapshot into one
 * reused scratch, compares it with the previous one, and reports samples, suspected stalls and errors
 * through the callbacks. Polls never overlap; the timer does not keep Node running.
 *
 * @param options - the source, the interval and the callbacks
 * @returns the watchdog, already polling
 *
 * @public
 */
export function startWatchdog(options: WatchdogOptions): Watchdog {
  const interval = Math.max(1, Math.floor(options.intervalMs));
  const stallAfter = Math.max(1, Math.floor(options.stallAfterPolls ?? 1));
  const scratch = createTelemetryScratch();
  let previous: RuntimeCounters | undefined;
  let latest: TelemetrySample | undefined;
  let polls = 0;
  let stalledPolls = 0;
  let reported = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fail = (error: StackError): void => {
    options.onError?.(error);
  };
  const poll = async (): Promise<void> => {
    let read: Result<SnapshotBytes>;
    try {
      read = await options.source();
    } catch (thrown) {
      read = {
        ok: false,
        error: isStackError(thrown)
          ? thrown
          : new StackError(
              'INTERNAL_BUG',
              `the watchdog's snapshot source threw instead of returning an error: ${thrown instanceof Error ? thrown.message : String(thrown)}.`,
              { cause: thrown },
            ),
      };
    }
    if (stopped) {
      return;
    }
    polls++;
    if (!read.ok) {
      fail(read.error);
      return;
    }
    const decoded = decodeRingTelemetry(
      read.value.control,
      read.value.ring,
      scratch,
      options.windowOpcodes === undefined
        ? {}
        : { windowOpcodes: options.windowOpcodes },
    );
    if (!decoded.ok) {
      fail(decoded.error);
      return;
    }
    const counters = runtimeCounters(decoded.value);
    const since =
      previous === undefined ? undefined : watchdogSince(previous, counters);
    previous = counters;
    if (since !== undefined && !since.ok) {
      // A new baseline: the control buffer was reset or the source changed runs.
      stalledPolls = 0;
      reported = false;
      fail(since.error);
      return;
    }
    const sample: TelemetrySample = {
      telemetry: decoded.value,
      counters,
      ...(since === undefined ? {} : { watchdog: since.value }),
      timestampMs: Date.now(),
      ...(options.labels === undefined ? {} : { labels: options.labels }),
    };
    latest = sample;
    options.onSample?.(sample);
    if (since?.value.suspectedStall === true) {
      stalledPolls++;
      if (stalledPolls >= stallAfter && !reported) {
        reported = true;
        options.onStall?.(sample, stalledPolls);
      }
    } else {
      stalledPolls = 0;
      reported = false;
    }
  };
  const loop = (): void => {
    timer = setTimeout(() => {
      void poll().finally(() => {
        if (!stopped) {
          loop();
        }
      });
    }, interval);
    unrefTimer(timer);
  };
  loop();
  return {
    latest: () => latest,
    polls: () => polls,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

// Node's timers keep the process alive unless unref'd; browsers' timers are numbers and need nothing.
function unrefTimer(handle: unknown): void {
  if (typeof handle === 'object' && handle !== null && 'unref' in handle) {
    const { unref } = handle;
    if (typeof unref === 'function') {
      unref.call(handle);
    }
  }
}
