import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import type { Result } from '@vyre/foundation';
import type {
  ResidentDispatchStep,
  ResidentRange,
  SequenceResult,
} from '@vyre/ir';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.ts';
import { soak as runSoak } from '../src/soak.ts';
import { runVyre, skipWithoutAdapter } from './cli-capture.ts';

// `vyre soak`: the command line, a short soak on the CPU reference and one on WebGPU.

const soak = (args: readonly string[]) => runVyre('soak', args);

describe('vyre soak: the command line', () => {
  it.each([
    [['--minutes', '0'], '--minutes takes a number above 0'],
    [['--minutes', 'ten'], '--minutes takes a number above 0'],
    [['--runs', '1.5'], '--runs takes a whole number above 0'],
    [['--n', '0'], '--n takes a whole number above 0'],
    [['--backend', 'metal'], '--backend takes one of webgpu, cpu-ref'],
    [['extra'], 'soak takes 0 arguments'],
  ])('%j is a usage error', async (args, message) => {
    const result = await soak(args);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('[CLI_USAGE]');
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('has help with examples', async () => {
    const result = await soak(['--help']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toContain('Usage: vyre soak [--minutes M]');
    expect(result.stdout).toContain('vyre soak --minutes 60');
  });
});

describe('vyre soak', () => {
  it('runs a number of runs on the CPU reference, each verified', async () => {
    const result = await soak([
      '--backend',
      'cpu-ref',
      '--runs',
      '3',
      '--n',
      '64',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(ExitCode.OK);
    expect(result.stderr).toContain('3 of 3 runs');
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      backend: 'cpu-ref',
      items: 64,
      runs: 3,
      mismatchedRuns: 0,
    });
    expect(report).not.toHaveProperty('error');
    const memory = report['memory'] as Record<string, number>;
    expect(memory['rssMaxBytes']).toBeGreaterThanOrEqual(
      memory['rssEndBytes'] ?? Infinity,
    );
  });

  it('stops at a time limit and prints a summary', async () => {
    const result = await soak([
      '--backend',
      'cpu-ref',
      '--minutes',
      '0.005',
      '--n',
      '32',
    ]);
    expect(result.code, result.stderr).toBe(ExitCode.OK);
    expect(result.stdout).toMatch(
      /^vyre soak: [\d,]+ runs of 32 work items on cpu-ref in [\d.]+ s$/m,
    );
    expect(result.stdout).toContain('verified     yes');
    expect(result.stdout).toMatch(/run time {5}p50 [\d.]+ ms, p99/);
  });

  it('verifies every run on WebGPU', { tags: ['gpu'] }, async ({ skip }) => {
    const result = await soak(['--runs', '5', '--n', '200', '--json']);
    skipWithoutAdapter(result, skip);
    expect(result.code, result.stderr).toBe(ExitCode.OK);
    expect(JSON.parse(result.stdout)).toMatchObject({
      backend: 'webgpu',
      runs: 5,
      mismatchedRuns: 0,
    });
  });
});

// The real CPU reference, with one deliberate fault: the second sequence's data readback has a byte
// flipped, as a flaky device might.
class FlakyCpuBackend extends CpuRefBackend {
  sequences = 0;

  override async dispatchSequence(
    steps: readonly ResidentDispatchStep[],
    reads: readonly ResidentRange[],
  ): Promise<Result<SequenceResult>> {
    const result = await super.dispatchSequence(steps, reads);
    this.sequences++;
    const data = result.ok ? result.value.reads[1] : undefined;
    if (this.sequences === 2 && data !== undefined && data.byteLength > 0) {
      data[0] = (data[0] ?? 0) ^ 0xff;
    }
    return result;
  }
}

describe('soak', () => {
  it('counts a run whose bytes differ from the reference, and goes on', async () => {
    const backend = new FlakyCpuBackend();
    const reference = new CpuRefBackend();
    try {
      const result = await runSoak(
        backend,
        reference,
        64,
        { ms: Infinity, runs: 4 },
        () => {},
      );
      if (!result.ok) {
        expect.fail(result.error.format());
      }
      expect(result.value).toMatchObject({ runs: 4, mismatchedRuns: 1 });
      expect(result.value.firstMismatch).toMatch(/^run 2: /);
    } finally {
      backend.dispose();
      reference.dispose();
    }
  });
});
