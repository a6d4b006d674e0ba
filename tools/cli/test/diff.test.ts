import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.ts';
import { runCli } from '../src/run-cli.ts';
import { captureIo } from './cli-capture.ts';

// `vyre diff`: the command line, the summary, and a real comparison with the WebGPU backend.

async function diff(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await runCli(['diff', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('vyre diff: the command line', () => {
  it.each([
    [['--count', '0'], '--count takes an integer from 1 to 10000000'],
    [['--count', 'many'], '--count takes an integer'],
    [['--seed=-3'], '--seed takes an integer from 0 to 2147483647'],
    [['--a', 'webgpu'], '--a is the reference side: expected cpu-ref'],
    [['--b', 'metal'], '--b takes one of webgpu, cpu-ref'],
  ])('%j is a usage error', async (args, message) => {
    const result = await diff(args);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('[CLI_USAGE]');
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('compares the CPU reference with itself under another lane order, as JSON', async () => {
    const result = await diff([
      '--count',
      '40',
      '--seed',
      '5',
      '--b',
      'cpu-ref',
      '--json',
    ]);
    expect(result.code).toBe(ExitCode.OK);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      a: 'cpu-ref',
      b: 'cpu-ref',
      seed: 5,
      programs: 40,
      mismatches: 0,
    });
    expect(Number(report['agree']) + Number(report['racy'])).toBe(40);
    // Coverage names what the programs contained.
    expect(Object.keys(report['coverage'] as object)).toContain('node:store');
    // Progress goes to standard error, a line per tenth when it is not a terminal.
    expect(result.stderr).toContain('40/40 programs');
  });
});

describe('vyre diff: WebGPU', { tags: ['gpu'] }, () => {
  it('compares generated programs on WebGPU with the CPU reference', async ({
    skip,
  }) => {
    const result = await diff(['--count', '30', '--seed', '11']);
    if (
      result.code === ExitCode.PROBLEM &&
      result.stderr.includes('WEBGPU_NO_ADAPTER')
    ) {
      if (process.env['VYRE_REQUIRE_GPU'] === '1') {
        expect.fail(result.stderr);
      }
      skip('no WebGPU adapter');
    }
    expect(result.code, result.stdout + result.stderr).toBe(ExitCode.OK);
    expect(result.stdout).toContain('vyre diff: cpu-ref vs webgpu');
    expect(result.stdout).toMatch(/programs {7}30 \(/);
    expect(result.stdout).toContain('mismatches     0');
  });
});
