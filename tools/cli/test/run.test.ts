import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cast,
  f32,
  gidX,
  i32,
  load,
  outputBuffer,
  program,
  readBuffer,
  store,
  stringifyProgram,
  u32,
  binary,
  type Program,
} from '@vyre/ir';
import { ExitCode } from '../src/exit-code.ts';
import { runCli } from '../src/run-cli.ts';
import { captureIo } from './cli-capture.ts';

const EXAMPLES = join(import.meta.dirname, '../../../examples/programs');
const scratch = mkdtempSync(join(tmpdir(), 'vyre-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function programFile(name: string, p: Program): string {
  const path = join(scratch, `${name}.json`);
  writeFileSync(path, stringifyProgram(p));
  return path;
}

async function run(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await runCli(['run', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

// Every lane writes its id to out[0]: the result depends on the lane order.
const racy = programFile(
  'racy',
  program({
    workgroupSize: [4, 1, 1],
    buffers: [outputBuffer('out', 0, 'u32', 1)],
    entry: [store('out', u32(0), gidX())],
  }),
);

// One output of each JSON shape: integers, f32 (with NaN), i64 strings.
const typed = programFile(
  'typed',
  program({
    workgroupSize: [4, 1, 1],
    buffers: [
      readBuffer('x', 0, 'f32'),
      outputBuffer('halves', 1, 'f32', 4),
      outputBuffer('truncated', 2, 'i32', 4),
      outputBuffer('wide', 3, 'i64', 4),
    ],
    entry: [
      store('halves', gidX(), binary('mul', load('x', gidX()), f32(0.5))),
      store('truncated', gidX(), cast('i32', load('x', gidX()))),
      store(
        'wide',
        gidX(),
        cast('i64', binary('sub', i32(0), cast('i32', load('x', gidX())))),
      ),
    ],
  }),
);

describe('vyre run', () => {
  it('runs saxpy on cpu-ref and prints each output typed by its element type', async () => {
    const result = await run([
      join(EXAMPLES, 'saxpy.json'),
      '--input',
      'params=[2]',
      '--input',
      'x=[1, 2, 3, 0.5]',
      '--input',
      'y=[10, 20, 30, 40]',
    ]);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe('y (f32): [12,24,36,41]\n');
    expect(result.stderr).toMatch(
      /^cpu-ref \(closures\): \d+ steps, out of bounds: \d+ loads, \d+ stores, 0 atomics; [\d.]+ ms\n$/,
    );
  });

  it('prints NaN as a string and 64-bit integers as decimal strings', async () => {
    const result = await run([
      typed,
      '--input',
      'x=[3.5, -7.25, "NaN", "-Infinity"]',
    ]);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe(
      [
        'halves (f32): [1.75,-3.625,"NaN","-Infinity"]',
        // f32 -> i32 truncates toward zero, NaN gives 0, -Infinity saturates (docs/semantics.md).
        'truncated (i32): [3,-7,0,-2147483648]',
        'wide (i64): ["-3","7","0","-2147483648"]',
        '',
      ].join('\n'),
    );
  });

  it('prints a JSON report with --json: values, steps, out-of-bounds tallies', async () => {
    const result = await run([
      join(EXAMPLES, 'add-one.json'),
      '--input',
      'input=[1,2,3]',
      '--json',
    ]);
    expect(result.code).toBe(ExitCode.OK);
    const report = JSON.parse(result.stdout) as {
      backend: string;
      steps: number;
      oob: { loads: number; stores: number; atomics: number };
      outputs: Record<string, { element: string; values: number[] }>;
    };
    expect(report.backend).toBe('cpu-ref');
    // 1024 lanes: 3 load an input, 1021 load out of bounds (zero) and store 1.
    expect(report.oob).toEqual({ loads: 1021, stores: 0, atomics: 0 });
    expect(report.outputs['out']?.element).toBe('u32');
    expect(report.outputs['out']?.values).toEqual([
      2,
      3,
      4,
      ...Array<number>(1021).fill(1),
    ]);
  });

  it('writes raw output bytes with --out', async () => {
    const folder = join(scratch, 'bytes');
    const inputFile = join(scratch, 'input.bin');
    writeFileSync(inputFile, new Uint8Array(new Uint32Array([7, 8]).buffer));
    const result = await run([
      join(EXAMPLES, 'add-one.json'),
      '--input',
      `input=${inputFile}`,
      '--grid',
      '1',
      '--out',
      folder,
    ]);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe(
      `out (u32): wrote 4096 bytes to ${join(folder, 'out.bin')}\n`,
    );
    const words = new Uint32Array(
      readFileSync(join(folder, 'out.bin')).buffer.slice(0),
    );
    // One workgroup of 64: the first 64 elements are written, the rest stay zero.
    expect([...words.slice(0, 3), words[63], words[64]]).toEqual([
      8, 9, 1, 1, 0,
    ]);
  });

  it('reports a racy program with --race-check and exits 1', async () => {
    const result = await run([racy, '--race-check', '--grid', '1']);
    expect(result.code).toBe(ExitCode.PROBLEM);
    expect(result.stdout).toBe(
      [
        'racy: 1 output depends on the lane order',
        '  out: sequential and reversed differ from byte 0',
        '',
      ].join('\n'),
    );
  });

  it('reports unordered writers of one word of an 8-bit buffer with --race-check', async () => {
    const bytes = programFile(
      'bytes',
      program({
        workgroupSize: [8, 1, 1],
        buffers: [outputBuffer('flags', 0, 'u8', 8)],
        entry: [store('flags', gidX(), u32(1))],
      }),
    );
    const result = await run([bytes, '--race-check']);
    expect(result.code).toBe(ExitCode.PROBLEM);
    expect(result.stdout).toBe(
      [
        'racy: 2 words of 8/16-bit buffers written by unordered invocations (a GPU rewrites the whole word, so one write can be lost)',
        '  flags: word 0, invocations 0 and 1',
        '  flags: word 1, invocations 4 and 5',
        '',
      ].join('\n'),
    );
  });

  it('passes a race-free program with --race-check (control case)', async () => {
    const result = await run([
      join(EXAMPLES, 'workgroup-sum.json'),
      '--input',
      `input=${JSON.stringify(Array.from({ length: 128 }, (_, i) => i))}`,
      '--grid',
      '2',
      '--race-check',
    ]);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toBe(
      'race-free: sequential, reversed, roundRobin give identical outputs, and no two unordered invocations write one word of an 8/16-bit buffer\n',
    );
  });

  it.each<[string, string[], number, string]>([
    ['a missing input', [], ExitCode.USAGE, 'CLI_USAGE'],
    [
      'an unknown input',
      ['--input', 'input=[1]', '--input', 'nope=[1]'],
      ExitCode.USAGE,
      'CLI_USAGE',
    ],
    [
      'an input given twice',
      ['--input', 'input=[1]', '--input', 'input=[2]'],
      ExitCode.USAGE,
      'CLI_USAGE',
    ],
    [
      'a value out of range',
      ['--input', 'input=[1, -1]'],
      ExitCode.USAGE,
      'CLI_USAGE',
    ],
    ['malformed JSON', ['--input', 'input=[1,'], ExitCode.USAGE, 'CLI_USAGE'],
    ['a JSON object', ['--input', 'input={}'], ExitCode.USAGE, 'CLI_USAGE'],
    [
      'an unreadable input file',
      ['--input', 'input=/no/such/file.bin'],
      ExitCode.PROBLEM,
      'CLI_INPUT_UNREADABLE',
    ],
    [
      'a bad grid',
      ['--input', 'input=[1]', '--grid', '0,1'],
      ExitCode.USAGE,
      'CLI_USAGE',
    ],
    [
      'an unknown backend',
      ['--input', 'input=[1]', '--backend', 'cuda'],
      ExitCode.USAGE,
      'CLI_USAGE',
    ],
    [
      'an unknown schedule',
      ['--input', 'input=[1]', '--schedule', 'random'],
      ExitCode.USAGE,
      'CLI_USAGE',
    ],
    [
      'a bad timeout',
      ['--input', 'input=[1]', '--timeout', '1.5'],
      ExitCode.USAGE,
      'CLI_USAGE',
    ],
    [
      'a grid past the limits',
      ['--input', 'input=[1]', '--grid', '70000'],
      ExitCode.PROBLEM,
      'DISPATCH_GRID_INVALID',
    ],
  ])('rejects %s with a coded error', async (_name, extra, exit, code) => {
    const result = await run([join(EXAMPLES, 'add-one.json'), ...extra]);
    expect(result.code).toBe(exit);
    expect(result.stderr).toContain(`error: [${code}] `);
    expect(result.stderr).toMatch(/expected .*found/);
    expect(result.stderr).toContain('\nFix: ');
    expect(result.stdout).toBe('');
  });

  it('refuses --race-check off the CPU reference as usage, as JSON under --json', async () => {
    const result = await run([
      join(EXAMPLES, 'add-one.json'),
      '--input',
      'input=[1]',
      '--race-check',
      '--backend',
      'webgpu',
      '--json',
    ]);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('expected --backend cpu-ref');
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      error: { code: 'CLI_USAGE' },
    });
  });

  it('says how to give an input when its file cannot be read', async () => {
    const result = await run([
      join(EXAMPLES, 'add-one.json'),
      '--input',
      'input=1,2,3',
    ]);
    expect(result.code).toBe(ExitCode.PROBLEM);
    expect(result.stderr).toContain(
      'Fix: Give the input as a JSON array (--input NAME=[1,2,3]) or as the path of a readable file',
    );
  });

  it('rejects an input file of the wrong size with DISPATCH_INPUT_SIZE', async () => {
    const odd = join(scratch, 'odd.bin');
    writeFileSync(odd, new Uint8Array(5));
    const result = await run([
      join(EXAMPLES, 'add-one.json'),
      '--input',
      `input=${odd}`,
    ]);
    expect(result.code).toBe(ExitCode.PROBLEM);
    expect(result.stderr).toContain('error: [DISPATCH_INPUT_SIZE] ');
  });

  it(
    'runs on the WebGPU backend with the same output as on cpu-ref',
    { tags: ['gpu'] },
    async ({ skip }) => {
      const args = [
        join(EXAMPLES, 'saxpy.json'),
        '--input',
        'params=[2]',
        '--input',
        'x=[1, 2, 3, 0.5]',
        '--input',
        'y=[10, 20, 30, 40]',
      ];
      const gpu = await run([...args, '--backend', 'webgpu']);
      if (gpu.code !== ExitCode.OK && process.env['VYRE_REQUIRE_GPU'] !== '1') {
        return skip(`GPU test skipped: ${gpu.stderr}`);
      }
      expect(gpu.code).toBe(ExitCode.OK);
      expect(gpu.stdout).toBe((await run(args)).stdout);
      expect(gpu.stderr).toMatch(/^webgpu \(.+\): [\d.]+ ms/m);
    },
  );

  it('refuses --race-check on a backend other than cpu-ref', async () => {
    const result = await run([racy, '--race-check', '--backend', 'webgpu']);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('error: [CLI_USAGE] ');
  });

  it('prints the validation diagnostics of an invalid program', async () => {
    const result = await run([
      join(EXAMPLES, 'invalid', 'store-to-unknown-buffer.json'),
    ]);
    expect(result.code).toBe(ExitCode.PROBLEM);
    expect(result.stderr).toContain('error: [IR_INVALID_PROGRAM] ');
    expect(result.stderr).toContain('error[V064] /entry/0/body/0/buffer: ');
  });

  it('reports an output folder that cannot be written with CLI_OUTPUT_UNWRITABLE', async () => {
    const blocker = join(scratch, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const result = await run([
      join(EXAMPLES, 'add-one.json'),
      '--input',
      'input=[1]',
      '--out',
      join(blocker, 'outputs'),
    ]);
    expect(result.code).toBe(ExitCode.PROBLEM);
    expect(result.stderr).toContain('error: [CLI_OUTPUT_UNWRITABLE] ');
  });

  it.runIf(process.platform === 'linux')(
    'fails, not hangs, on an output folder under a parent that refuses new entries (/proc)',
    { timeout: 10_000 },
    async () => {
      const result = await run([
        join(EXAMPLES, 'add-one.json'),
        '--input',
        'input=[1]',
        '--out',
        '/proc/vyre-no-such-folder/outputs',
      ]);
      expect(result.code).toBe(ExitCode.PROBLEM);
      expect(result.stderr).toContain('error: [CLI_OUTPUT_UNWRITABLE] ');
    },
  );
});
