import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.ts';
import { runCli } from '../src/run-cli.ts';
import { captureIo } from './cli-capture.ts';

// `vyre demo`: the command line, the report on the CPU reference, and the ratio on WebGPU.

async function demo(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await runCli(['demo', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('vyre demo: the command line', () => {
  it.each([
    [['--n', '0'], '--n takes an integer from 1 to 1000000'],
    [['--n', 'lots'], '--n takes an integer'],
    [['--n', '2000001'], 'found "2000001"'],
    [['--reps', '0'], '--reps takes an integer from 1 to 1000'],
    [['--backend', 'metal'], '--backend takes one of webgpu, cpu-ref'],
    [['extra'], 'demo takes 0 arguments'],
  ])('%j is a usage error', async (args, message) => {
    const result = await demo(args);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('[CLI_USAGE]');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Fix: ');
    expect(result.stdout).toBe('');
  });

  it('has help with examples', async () => {
    const result = await demo(['--help']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toContain('Usage: vyre demo [--n ITEMS]');
    expect(result.stdout).toContain('vyre demo --n 100000 --reps 5');
  });
});

describe('vyre demo on the CPU reference', () => {
  it('runs, verifies and says that the ratio needs a GPU', async () => {
    const result = await demo(['--backend', 'cpu-ref', '--n', '200']);
    expect(result.code, result.stderr).toBe(ExitCode.OK);
    expect(result.stdout).toContain(
      'vyre demo: 200 work items of 8 opcodes in one megakernel',
    );
    expect(result.stdout).toMatch(/^ {2}backend {6}cpu-ref$/m);
    expect(result.stdout).toMatch(/^ {2}data {9}resident buffers, uploaded/m);
    expect(result.stdout).toContain(
      'verified     yes: data, hist and sums equal the megakernel on the CPU reference byte for byte (4 runs)',
    );
    expect(result.stdout).toMatch(/^ {2}ratio {8}needs a GPU/m);
    expect(result.stdout).toContain('DONE_COUNT 200, faulted 0, remaining 0');
    expect(result.stdout).toMatch(/items\/s, [\d.]+ µs per item/);
    // Progress on standard error, a line per tenth when it is not a terminal.
    expect(result.stderr).toContain('5/5 runs');
  });

  it('prints one JSON object', async () => {
    const result = await demo([
      '--backend',
      'cpu-ref',
      '--n',
      '300',
      '--reps',
      '2',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(ExitCode.OK);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      backend: 'cpu-ref',
      items: 300,
      slotCount: 512,
      residentData: true,
      verified: true,
      verifiedRuns: 3,
      telemetry: {
        doneCount: 300,
        itemsProcessed: 300,
        faulted: 0,
        remaining: 0,
      },
    });
    expect(report['samplesMs']).toHaveLength(2);
    for (const key of ['wallMs', 'itemsPerSecond', 'perItemUs']) {
      expect(report[key], key).toBeGreaterThan(0);
    }
    expect(report).not.toHaveProperty('ratio');
    const telemetry = report['telemetry'] as Record<string, unknown>;
    expect(telemetry['bytesUploaded']).toBeGreaterThan(0);
    expect(telemetry['bytesReadBack']).toBeGreaterThan(0);
    expect(telemetry['opcodes']).toHaveLength(8);
  });
});

describe('vyre demo on WebGPU', { tags: ['gpu'] }, () => {
  it('verifies the megakernel and prints the ratio against one dispatch per item', async ({
    skip,
  }) => {
    const result = await demo(['--backend', 'webgpu', '--n', '500']);
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
    expect(result.stdout).toMatch(/^ {2}backend {6}webgpu \(.+\)$/m);
    expect(result.stdout).toMatch(
      /^ {2}ratio {8}\(a\)\/megakernel = [\d.]+× /m,
    );
    expect(result.stdout).toContain('verified     yes');
    expect(result.stdout).toContain('DONE_COUNT 500');
  });
});
