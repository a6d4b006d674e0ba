import { describe, expect, it } from 'vitest';
import { progressBar } from '../src/progress-bar.ts';
import { captureIo } from './cli-capture.ts';

describe('progressBar', () => {
  it('writes a line per tenth when standard error is not a terminal', () => {
    const io = captureIo();
    const bar = progressBar(io, 100, 'runs', false);
    for (let done = 1; done <= 100; done++) {
      bar.update(done);
    }
    bar.done();
    const lines = io.stderr().split('\n').filter(Boolean);
    // Tenths 0..10 of 100 runs: at 1, 10, 20, ..., 100.
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toMatch(/^\[#{30}\] 100\/100 runs \(\d+(\.\d)?\/s\)$/);
    expect(io.stderr()).not.toContain('\r');
  });

  it('redraws in place on a terminal, clearing what a longer line left', () => {
    const io = captureIo();
    const bar = progressBar(io, 4, 'programs', true);
    bar.update(1);
    bar.update(2, 'half way');
    bar.done();
    const text = io.stderr();
    expect(text.startsWith('\r[')).toBe(true);
    expect(text).toContain(
      `\r[${'#'.repeat(15)}${'.'.repeat(15)}] half way\x1b[K`,
    );
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
  });

  it('takes the terminal from the io by default', () => {
    const terminal = { ...captureIo(), errIsTerminal: true };
    progressBar(terminal, 2, 's').update(1);
    expect(terminal.stderr()).toMatch(/^\r/);
    const log = captureIo();
    progressBar(log, 2, 's').update(1);
    expect(log.stderr()).toMatch(/^\[/);
  });
});
