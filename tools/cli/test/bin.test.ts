import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The binary's entry point in a real process: what happens when the reader of standard output goes away.

const CLI = join(import.meta.dirname, '..');
const PROGRAM = join(CLI, '../../examples/programs/add-one.json');

describe('bin', () => {
  it(
    'stops quietly when standard output is closed early (vyre … | head), without a stack trace',
    { timeout: 30_000 },
    async () => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/bin.ts',
          'run',
          PROGRAM,
          '--input',
          'input=[1]',
        ],
        { cwd: CLI, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      // The reader is gone before the command writes its 1,024 outputs.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((done) =>
        child.on('close', done),
      );
      expect(stderr).not.toContain("Unhandled 'error' event");
      expect(stderr).not.toContain('EPIPE');
      expect(code).toBe(0);
    },
  );
});
