import { join } from 'node:path';
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

  it.each([
    'doctor',
    'validate',
    'emit',
    'run',
    'diff',
    'demo',
    'bench',
    'soak',
    'telemetry',
  ])(
    'prints help with options, examples and exit codes for %s --help',
    async (command) => {
      const io = capture();
      expect(await runCli([command, '--help'], io)).toBe(ExitCode.OK);
      const help = io.stdout();
      expect(help).toMatch(new RegExp(`^Usage: vyre ${command}`));
      expect(help).toContain('--json');
      // Every example runs this command.
      const examples = help.slice(
        help.indexOf('Examples:'),
        help.indexOf('Exit codes:'),
      );
      expect(examples.match(/^ {2}\S.*$/gm)?.length).toBeGreaterThan(0);
      for (const line of examples.match(/^ {2}\S.*$/gm) ?? []) {
        expect(line.trim()).toMatch(
          new RegExp(`^(vyre ${command}\\b|cat .*\\| vyre ${command}\\b)`),
        );
      }
      expect(help).toMatch(
        /Exit codes:\n {2}0 +\S.*\n {2}1 +\S.*\n {2}2 +invalid command line/,
      );
      // Option descriptions line up in one column (or wrap onto the next line).
      const options = help.slice(
        help.indexOf('Options:'),
        help.indexOf('Examples:'),
      );
      for (const line of options.split('\n').slice(1)) {
        // An option with its description on the same line (a long one wraps to the next).
        if (line.startsWith('  -') && /\S {2,}\S/.test(line.trim())) {
          expect(line.slice(0, 21), line).toMatch(/^ {2}-\S.* $/);
          expect(line[21], line).not.toBe(' ');
        }
      }
    },
  );

  it('prints usage on standard error and exits 2 without a command', async () => {
    const io = capture();
    expect(await runCli([], io)).toBe(ExitCode.USAGE);
    expect(io.stderr()).toMatch(/^Usage:/);
    expect(io.stdout()).toBe('');
  });

  it('prints its version for --version', async () => {
    const io = capture();
    expect(await runCli(['--version'], io)).toBe(ExitCode.OK);
    expect(io.stdout()).toMatch(
      new RegExp(
        `^vyre \\d+\\.\\d+\\.\\d+\\S* \\(Node ${process.versions.node}, `,
      ),
    );
  });

  it('prints a failure as JSON on standard output under --json, and as text on standard error', async () => {
    const io = capture();
    expect(
      await runCli(['validate', '/nonexistent/program.json', '--json'], io),
    ).toBe(ExitCode.PROBLEM);
    expect(io.stderr()).toContain('error: [CLI_INPUT_UNREADABLE]');
    expect(JSON.parse(io.stdout())).toEqual({
      ok: false,
      error: {
        code: 'CLI_INPUT_UNREADABLE',
        message: expect.stringContaining('/nonexistent/program.json') as string,
        hint: expect.stringMatching(/\S/) as string,
      },
    });
  });

  it("prints a usage error as JSON under --json, with the command's own hint", async () => {
    const io = capture();
    expect(await runCli(['bench', '--n', '0', '--json'], io)).toBe(
      ExitCode.USAGE,
    );
    expect(JSON.parse(io.stdout())).toMatchObject({
      ok: false,
      error: { code: 'CLI_USAGE' },
    });
    const unknown = capture();
    expect(await runCli(['emit', '--frob', '--json'], unknown)).toBe(
      ExitCode.USAGE,
    );
    expect(JSON.parse(unknown.stdout())).toMatchObject({
      ok: false,
      error: {
        code: 'CLI_USAGE',
        hint: 'Run `vyre emit --help` for its options and examples.',
      },
    });
  });

  it('reports an exception a command throws as INTERNAL_BUG (exit 1), not a crash', async () => {
    // An output sink that throws makes the command throw (the binary itself stops quietly on a closed
    // pipe: bin.test.ts).
    let err = '';
    const io = {
      out: (): void => {
        throw new Error('EPIPE: broken pipe, write');
      },
      err: (text: string): void => {
        err += text;
      },
    };
    const program = join(
      import.meta.dirname,
      '../../../examples/programs/saxpy.json',
    );
    expect(await runCli(['validate', program], io)).toBe(ExitCode.PROBLEM);
    expect(err).toContain(
      'error: [INTERNAL_BUG] Internal error: vyre validate threw instead of returning a result or a coded error: EPIPE: broken pipe',
    );
    expect(err).toContain('Fix: Report it');
    // The stack follows, for the report.
    expect(err).toMatch(/\n\s+at /);
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
      expect(io.stderr()).toMatch(/Fix: Run `vyre (--help|\w+ --help)`/);
    },
  );
});
