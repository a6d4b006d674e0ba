import { expect } from 'vitest';
import { ExitCode } from '../src/exit-code.ts';
import { runCli } from '../src/run-cli.ts';
import type { CliIo } from '../src/cli-io.ts';

/** A CliIo that collects what a command writes. */
export function captureIo(): CliIo & {
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

/** Runs `vyre <command> <args>` in-process: the exit code and what it wrote. */
export async function runVyre(
  command: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await runCli([command, ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/**
 * Skips a GPU test whose command found no WebGPU adapter (fails it instead when VYRE_REQUIRE_GPU=1);
 * otherwise does nothing.
 */
export function skipWithoutAdapter(
  result: { readonly code: number; readonly stderr: string },
  skip: (note: string) => never,
): void {
  if (
    result.code === ExitCode.PROBLEM &&
    result.stderr.includes('WEBGPU_NO_ADAPTER')
  ) {
    if (process.env['VYRE_REQUIRE_GPU'] === '1') {
      expect.fail(result.stderr);
    }
    skip('no WebGPU adapter');
  }
}
