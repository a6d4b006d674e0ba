import type { CliIo } from './cli-io.ts';

// A progress bar on standard error: redrawn in place on a terminal, a line per tenth otherwise (logs).

/** Updates and finishes a progress display. */
export interface ProgressBar {
  readonly update: (done: number) => void;
  readonly done: () => void;
}

const WIDTH = 30;

/** A progress bar for `total` units named `unit`, written to `io.err`. */
export function progressBar(
  io: CliIo,
  total: number,
  unit: string,
  terminal: boolean = process.stderr.isTTY,
): ProgressBar {
  let lastTenth = -1;
  let lastDrawn = -1;
  const started = performance.now();
  const line = (done: number): string => {
    const filled = Math.round((done / total) * WIDTH);
    const rate = done / Math.max((performance.now() - started) / 1000, 1e-9);
    return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total} ${unit} (${rate.toFixed(1)}/s)`;
  };
  return {
    update: (done) => {
      if (terminal) {
        const percent = Math.floor((done / total) * 100);
        if (percent !== lastDrawn || done === total) {
          lastDrawn = percent;
          io.err(`\r${line(done)}`);
        }
        return;
      }
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        io.err(`${line(done)}\n`);
      }
    },
    done: () => {
      if (terminal) {
        io.err('\n');
      }
    },
  };
}
