import type { CliIo } from './cli-io.ts';

// A progress bar on standard error: redrawn in place on a terminal, a line per tenth otherwise (logs).

/** Updates and finishes a progress display. */
export interface ProgressBar {
  /** `done` of the total; `label` replaces the default `done/total unit (rate/s)` after the bar. */
  readonly update: (done: number, label?: string) => void;
  readonly done: () => void;
}

const WIDTH = 30;
// Erases the rest of the line after a redraw, so a shorter line leaves nothing behind.
const CLEAR_TO_END = '\x1b[K';

/**
 * A progress bar for `total` units named `unit`, written to `io.err`; redrawn in place when
 * `terminal` (default: whether `io`'s standard error is a terminal).
 */
export function progressBar(
  io: CliIo,
  total: number,
  unit: string,
  terminal: boolean = io.errIsTerminal === true,
): ProgressBar {
  let lastTenth = -1;
  let lastDrawn = -1;
  const started = performance.now();
  const line = (done: number, label: string | undefined): string => {
    const filled = Math.round((Math.min(done, total) / total) * WIDTH);
    const rate = done / Math.max((performance.now() - started) / 1000, 1e-9);
    return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${label ?? `${done}/${total} ${unit} (${rate.toFixed(1)}/s)`}`;
  };
  return {
    update: (done, label) => {
      if (terminal) {
        const percent = Math.floor((done / total) * 100);
        if (percent !== lastDrawn || done === total) {
          lastDrawn = percent;
          io.err(`\r${line(done, label)}${CLEAR_TO_END}`);
        }
        return;
      }
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        io.err(`${line(done, label)}\n`);
      }
    },
    done: () => {
      if (terminal) {
        io.err('\n');
      }
    },
  };
}
