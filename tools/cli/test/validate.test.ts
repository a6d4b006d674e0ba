import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.ts';
import { runCli } from '../src/run-cli.ts';
import { captureIo } from './cli-capture.ts';

const EXAMPLES = join(import.meta.dirname, '../../../examples/programs');
const valid = readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));

describe('vyre validate', () => {
  it('has examples to check', () => {
    expect(valid.length).toBeGreaterThanOrEqual(5);
  });

  it.each(valid)('accepts examples/programs/%s', async (file) => {
    const io = captureIo();
    expect(await runCli(['validate', join(EXAMPLES, file)], io)).toBe(
      ExitCode.OK,
    );
    expect(io.stdout()).toBe('valid (0 warnings)\n');
  });

  it.each([
    ['store-to-unknown-buffer.json', 'V064', '/entry/0/body/0/buffer'],
    ['barrier-in-divergent-if.json', 'V010', '/entry/0/body/0/then/0'],
  ])('reports invalid/%s as %s at %s and exits 1', async (file, code, path) => {
    const io = captureIo();
    expect(
      await runCli(['validate', join(EXAMPLES, 'invalid', file)], io),
    ).toBe(ExitCode.PROBLEM);
    expect(io.stdout()).toContain(`error[${code}] ${path}: `);
    expect(io.stdout()).toContain('\n  Fix: ');
    expect(io.stdout()).toMatch(/invalid: 1 error, 0 warnings\n$/);
  });

  it('prints the report as JSON with --json', async () => {
    const io = captureIo();
    expect(
      await runCli(
        [
          'validate',
          join(EXAMPLES, 'invalid', 'store-to-unknown-buffer.json'),
          '--json',
        ],
        io,
      ),
    ).toBe(ExitCode.PROBLEM);
    const report = JSON.parse(io.stdout()) as {
      ok: boolean;
      errors: Array<{ code: string }>;
    };
    expect(report.ok).toBe(false);
    expect(report.errors.map((error) => error.code)).toEqual(['V064']);
  });

  it('reports an unreadable file with CLI_INPUT_UNREADABLE', async () => {
    const io = captureIo();
    expect(
      await runCli(['validate', join(EXAMPLES, 'no-such-file.json')], io),
    ).toBe(ExitCode.PROBLEM);
    expect(io.stderr()).toMatch(
      /^error: \[CLI_INPUT_UNREADABLE\] reading ".*no-such-file.json" failed/,
    );
  });

  it('reports malformed JSON with its code and path', async () => {
    const io = captureIo();
    expect(
      await runCli(
        ['validate', join(import.meta.dirname, 'tsconfig.json')],
        io,
      ),
    ).toBe(ExitCode.PROBLEM);
    expect(io.stderr()).toMatch(/^error: \[IR_JSON_/);
  });
});
