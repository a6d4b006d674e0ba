// Wall-time figures of one strategy over its timed runs.

/** The timed runs of one strategy and what they come to per item. */
export interface StrategyTiming {
  /** Wall time of each timed run, in milliseconds, in the order they ran. */
  readonly samplesMs: readonly number[];
  /** The median of `samplesMs` (the upper median for an even count). */
  readonly medianMs: number;
  /** `medianMs` per item, in microseconds. */
  readonly perItemUs: number;
  /** Items per second at the median. */
  readonly itemsPerSecond: number;
}

/** The figures of `samplesMs` (at least one run) over `items` items. */
export function strategyTiming(
  samplesMs: readonly number[],
  items: number,
): StrategyTiming {
  const sorted = [...samplesMs].sort((p, q) => p - q);
  const medianMs = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return {
    samplesMs: [...samplesMs],
    medianMs,
    perItemUs: (medianMs * 1000) / items,
    itemsPerSecond: items / (medianMs / 1000),
  };
}
