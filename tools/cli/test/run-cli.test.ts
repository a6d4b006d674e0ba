import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.ts';
import { runCli } from '../src/run-cli.ts';
import { captureIo as capture } from './cli-capture.ts';

describe('runCli', () => {
  it('prints usage for --help and exits 0', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(ExitCode.OK);
    expect(io.stdout()).toMatch(/^Usage: vyre <command>/);
    expect(io.stdout()).toMatch(/validate +Check a program/);
  });

  it.each(['doctor', 'validate', 'emit'])(
    'prints help with examples for %s --help',
    async (command) => {
      const io = capture();
      expect(await runCli([command, '--help'], io)).toBe(ExitCode.OK);
      expect(io.stdout()).toMatch(new RegExp(`^Usage: vyre ${command}`));
      expect(io.stdout()).toContain('Examples:');
    },
  );

  it('prints usage and exits 2 without a command', async () => {
    const io = capture();
    expect(await runCli([], io)).toBe(ExitCode.USAGE);
    expect(io.stdout()).toMatch(/^Usage:/);
  });

  it.each([
    ['an unknown command', ['frobnicate'], 'unknown command "frobnicate"'],
    ['an unknown option', ['doctor', '--frob'], "Unknown option '--frob'"],
    ['an extra argument', ['doctor', 'extra'], 'doctor takes 0 arguments'],
    ['a missing argument', ['validate'], 'validate takes 1 argument'],
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
