import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.ts';
import { runCli } from '../src/run-cli.ts';
import { captureIo } from './cli-capture.ts';

const EXAMPLES = join(import.meta.dirname, '../../../examples/programs');
const scratch = mkdtempSync(join(tmpdir(), 'vyre-emit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('vyre emit', () => {
  it('prints the WGSL of a valid program', async () => {
    const io = captureIo();
    expect(await runCli(['emit', join(EXAMPLES, 'add-one.json')], io)).toBe(
      ExitCode.OK,
    );
    expect(io.stdout()).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read> b_input: array<u32>;
      @group(0) @binding(1) var<storage, read_write> b_out: array<u32>;

      fn vyre_load_input(i: u32) -> u32 {
        if (i < arrayLength(&b_input)) {
          return b_input[i];
        }
        return 0u;
      }

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        vyre_store_out(gid.x, vyre_load_input(gid.x) + 1u);
      }
      "
    `);
  });

  it('writes the WGSL to --out and the module description with --json', async () => {
    const out = join(scratch, 'histogram.wgsl');
    expect(
      await runCli(
        ['emit', join(EXAMPLES, 'histogram.json'), '--out', out],
        captureIo(),
      ),
    ).toBe(ExitCode.OK);
    expect(readFileSync(out, 'utf8')).toMatch(
      /^@group\(0\) @binding\(0\) var<storage, read> b_bytes: array<u32>;/,
    );
    const io = captureIo();
    expect(
      await runCli(['emit', join(EXAMPLES, 'histogram.json'), '--json'], io),
    ).toBe(ExitCode.OK);
    const module = JSON.parse(io.stdout()) as {
      entryPoint: string;
      bindings: Array<{ name: string; atomic: boolean }>;
    };
    expect(module.entryPoint).toBe('main');
    expect(
      module.bindings.map((binding) => [binding.name, binding.atomic]),
    ).toEqual([
      ['bytes', false],
      ['counts', true],
    ]);
  });

  it('refuses an invalid program with IR_INVALID_PROGRAM and its diagnostics', async () => {
    const io = captureIo();
    expect(
      await runCli(
        ['emit', join(EXAMPLES, 'invalid', 'barrier-in-divergent-if.json')],
        io,
      ),
    ).toBe(ExitCode.PROBLEM);
    expect(io.stdout()).toBe('');
    expect(io.stderr()).toMatch(
      /^error: \[IR_INVALID_PROGRAM\] emitWgsl needs a valid program/,
    );
    expect(io.stderr()).toContain('error[V010] /entry/0/body/0/then/0: ');
  });
});
