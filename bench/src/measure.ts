// A minimal timing harness: warm up, time each call with performance.now(), report percentiles.
// Figures are wall-clock on whatever machine runs them; compare strategies within one run.

export interface Timing {
  readonly name: string;
  readonly iterations: number;
  readonly medianUs: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly minUs: number;
}

export interface MeasureOptions {
  readonly iterations?: number;
  readonly warmup?: number;
}

/** Times `fn` `iterations` times after `warmup` untimed calls. `fn` returns a value so it cannot be optimized away. */
export function measure(
  name: string,
  fn: () => unknown,
  options: MeasureOptions = {},
): Timing {
  const iterations = options.iterations ?? 2_000;
  const warmup = options.warmup ?? 500;
  let sink: unknown;
  for (let i = 0; i < warmup; i++) {
    sink = fn();
  }
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    sink = fn();
    samples[i] = performance.now() - start;
  }
  if (sink === Symbol.for('never')) {
    console.log('unreachable');
  }
  samples.sort();
  const at = (q: number): number =>
    (samples[Math.min(iterations - 1, Math.floor(q * iterations))] ?? 0) * 1000;
  return {
    name,
    iterations,
    medianUs: at(0.5),
    p90Us: at(0.9),
    p99Us: at(0.99),
    minUs: at(0),
  };
}

/** Prints timings as an aligned table, with a target column when given. */
export function printTimings(
  title: string,
  rows: ReadonlyArray<{ readonly timing: Timing; readonly targetUs?: number }>,
): void {
  console.log(`\n${title}`);
  console.log(
    `${'case'.padEnd(34)}${'median µs'.padStart(11)}${'p90 µs'.padStart(10)}${'p99 µs'.padStart(10)}${'min µs'.padStart(10)}  target`,
  );
  for (const { timing, targetUs } of rows) {
    const verdict =
      targetUs === undefined
        ? ''
        : `≤ ${targetUs} µs: ${timing.medianUs <= targetUs ? 'met' : 'MISSED'}`;
    console.log(
      `${timing.name.padEnd(34)}${timing.medianUs.toFixed(1).padStart(11)}${timing.p90Us.toFixed(1).padStart(10)}${timing.p99Us.toFixed(1).padStart(10)}${timing.minUs.toFixed(1).padStart(10)}  ${verdict}`,
    );
  }
}
