import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.ts';
import { ExitCode } from '../src/exit-code.ts';
import { runCli } from '../src/run-cli.ts';

function capture(): CliIo & {
  readonly stdout: () => string;
  readonly stderr: () => string;
} {
  let out = '';
  let err = '';
  return {
    out: (text) => (out += text),
    err: (text) => (err += text),
    stdout: () => out,
    stderr: () => err,
  };
}

describe('runCli', () => {
  it('prints usage for --help and exits 0', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(ExitCode.OK);
    expect(io.stdout()).toMatch(/^Usage: vyre <command>/);
  });

  it('prints usage and exits 2 without a command', async () => {
    const io = capture();
    expect(await runCli([], io)).toBe(ExitCode.USAGE);
    expect(io.stdout()).toMatch(/^Usage:/);
  });

  it.each([
    ['an unknown command', ['frobnicate'], 'unknown command "frobnicate"'],
    ['an unknown option', ['doctor', '--frob'], "Unknown option '--frob'"],
    ['an extra argument', ['doctor', 'extra'], 'doctor takes no arguments'],
  ])(
    'rejects %s with CLI_USAGE and exit code 2',
    async (_name, argv, message) => {
      const io = capture();
      expect(await runCli(argv, io)).toBe(ExitCode.USAGE);
      expect(io.stderr()).toContain('error: [CLI_USAGE]');
      expect(io.stderr()).toContain(message);
      expect(io.stderr()).toContain('Fix: Run `vyre --help`');
    },
  );
});
