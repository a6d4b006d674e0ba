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
