import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.ts';
import { runVyre, skipWithoutAdapter } from './cli-capture.ts';

// `vyre telemetry`: snapshots from files or from one drain of the demo workload, printed for people, as
// JSON and in the Prometheus text format; bad snapshots and bad command lines get coded errors.

const scratch = mkdtempSync(join(tmpdir(), 'vyre-telemetry-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const telemetry = (args: readonly string[]) => runVyre('telemetry', args);

describe('vyre telemetry: the command line', () => {
  it.each([
    [[], 'expected two files (or --demo)'],
    [['control.bin'], 'expected two files (or --demo)'],
    [
      ['a', 'b', '--format', 'xml'],
      '--format takes one of text, json, prometheus',
    ],
    [
      ['a', 'b', '--out', 'dir'],
      '--out applies to the snapshot of a --demo run',
    ],
    [['a', 'b', '--n', '10'], '--n applies to the snapshot of a --demo run'],
    [
      ['a', 'b', '--backend', 'webgpu'],
      '--backend applies to the snapshot of a --demo run',
    ],
    [['a', 'b', '--labels', '1a=x'], '--labels names a label "1a"'],
    [['a', 'b', '--labels', '__x=y'], '--labels names a label "__x"'],
    [['a', 'b', '--json', '--format', 'text'], '--json is --format json'],
    [['a', '--demo'], 'expected no snapshot files with it'],
    [['--demo', '--n', '0'], '--n takes an integer from 1 to 100000'],
    [
      ['--demo', '--backend', 'metal'],
      '--backend takes one of webgpu, cpu-ref',
    ],
    [['a', 'b', '--labels', 'instance'], '--labels takes NAME=VALUE pairs'],
    [
      ['a', 'b', '--window-opcodes', '0xzz'],
      '--window-opcodes takes u32 opcodes',
    ],
  ])('%j is a usage error', async (args, message) => {
    const result = await telemetry(args);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('[CLI_USAGE]');
    expect(result.stderr).toContain(message);
    // Under --json the failure is also printed as JSON; otherwise nothing goes to standard output.
    if (args.includes('--json')) {
      expect(JSON.parse(result.stdout)).toMatchObject({
        ok: false,
        error: { code: 'CLI_USAGE' },
      });
    } else {
      expect(result.stdout).toBe('');
    }
  });

  it('has help with examples', async () => {
    const result = await telemetry(['--help']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toContain('Usage: vyre telemetry <control.bin>');
    expect(result.stdout).toContain('vyre telemetry --demo --n 2000');
  });
});

describe('vyre telemetry on snapshots', () => {
  it('decodes one drain of the demo workload', async () => {
    const result = await telemetry(['--demo', '--n', '300']);
    expect(result.code, result.stderr).toBe(ExitCode.OK);
    expect(result.stdout).toContain(
      'vyre telemetry: one drain of 300 demo work items on cpu-ref',
    );
    expect(result.stdout).toContain('DONE_COUNT 300, EPOCH 0, SHUTDOWN clear');
    expect(result.stdout).toContain('512 slots: empty 212, done 300');
  });

  it('writes the demo snapshot and decodes the files to the same record, as JSON and for Prometheus', async () => {
    const dir = join(scratch, 'snap');
    const fromDemo = await telemetry([
      '--demo',
      '--n',
      '300',
      '--out',
      dir,
      '--format',
      'json',
    ]);
    expect(fromDemo.code, fromDemo.stderr).toBe(ExitCode.OK);
    const fromFiles = await telemetry([
      join(dir, 'control.bin'),
      join(dir, 'ring.bin'),
      '--json',
    ]);
    expect(fromFiles.code, fromFiles.stderr).toBe(ExitCode.OK);
    const [a, b] = [fromDemo.stdout, fromFiles.stdout].map(
      (text) => JSON.parse(text) as Record<string, unknown>,
    );
    expect(a).toMatchObject({
      schema: 'vyre.telemetry/v1',
      control: { doneCount: 300, shutdown: false },
      occupancy: { empty: 212, done: 300, published: 0 },
      counters: { totalSlots: 512, drainedSlots: 300, queueDepth: 0 },
    });
    expect({ ...b, timestampMs: 0 }).toEqual({ ...a, timestampMs: 0 });
    const prometheus = await telemetry([
      join(dir, 'control.bin'),
      join(dir, 'ring.bin'),
      '--format',
      'prometheus',
      '--labels',
      'instance=gpu-0',
    ]);
    expect(prometheus.code, prometheus.stderr).toBe(ExitCode.OK);
    expect(prometheus.stdout).toContain(
      'vyre_ring_slots{instance="gpu-0",status="done"} 300',
    );
  });

  it('refuses malformed and missing snapshots with their codes and fixes', async () => {
    const control = join(scratch, 'short-control.bin');
    const ring = join(scratch, 'ring.bin');
    writeFileSync(control, new Uint8Array(12));
    writeFileSync(ring, new Uint8Array(64));
    const malformed = await telemetry([control, ring]);
    expect(malformed.code).toBe(ExitCode.PROBLEM);
    expect(malformed.stderr).toContain('[TELEMETRY_SNAPSHOT_MALFORMED]');
    expect(malformed.stderr).toContain('Fix: ');
    const missing = await telemetry([control, join(scratch, 'nope.bin')]);
    expect(missing.code).toBe(ExitCode.PROBLEM);
    expect(missing.stderr).toContain('[CLI_INPUT_UNREADABLE]');
    expect(missing.stderr).toContain('vyre telemetry --demo --out DIR');
  });

  it(
    'gives the same occupancy from a drain on WebGPU',
    { tags: ['gpu'] },
    async ({ skip }) => {
      const result = await telemetry([
        '--demo',
        '--n',
        '300',
        '--backend',
        'webgpu',
      ]);
      skipWithoutAdapter(result, skip);
      expect(result.code, result.stderr).toBe(ExitCode.OK);
      expect(result.stdout).toContain('on webgpu');
      expect(result.stdout).toContain('512 slots: empty 212, done 300');
    },
  );
});
