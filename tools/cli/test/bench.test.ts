import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '@vyre/browser-demo/find-chromium';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.ts';
import { runVyre, skipWithoutAdapter } from './cli-capture.ts';

// `vyre bench`: the command line, the report on the CPU reference (JSON, and an HTML page checked in
// headless Chromium), and the full comparison on WebGPU.

const scratch = mkdtempSync(join(tmpdir(), 'vyre-bench-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const bench = (args: readonly string[]) => runVyre('bench', args);

interface ReportRow {
  readonly backend: string;
  readonly n: number;
  readonly strategy: string;
  readonly medianMs: number;
  readonly perItemUs: number;
  readonly samplesMs: readonly number[];
  readonly verified: boolean;
}

describe('vyre bench: the command line', () => {
  it.each([
    [['--n', '0'], '--n takes sizes from 1 to 1000000'],
    [['--n', '10,x'], '--n takes sizes'],
    [['--reps', '0'], '--reps takes an integer from 1 to 1000'],
    [['--backend', 'metal'], '--backend takes one of webgpu, cpu-ref'],
    [['--backend', 'webgpu,metal'], 'or several separated by commas'],
    [['--backend', ''], '--backend takes one of webgpu, cpu-ref'],
    [['extra'], 'bench takes 0 arguments'],
  ])('%j is a usage error', async (args, message) => {
    const result = await bench(args);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('[CLI_USAGE]');
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('has help with examples', async () => {
    const result = await bench(['--help']);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.stdout).toContain('Usage: vyre bench [--n SIZES]');
    expect(result.stdout).toContain('--report bench-report/');
  });
});

describe('vyre bench on the CPU reference', () => {
  it('refuses a report folder it cannot make before measuring anything', async () => {
    const blocker = join(scratch, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const result = await bench([
      '--backend',
      'cpu-ref',
      '--n',
      '8',
      '--reps',
      '1',
      '--report',
      join(blocker, 'report'),
    ]);
    expect(result.code).toBe(ExitCode.PROBLEM);
    expect(result.stderr).toContain('error: [CLI_OUTPUT_UNWRITABLE]');
    // No progress: nothing was measured.
    expect(result.stderr).not.toContain('runs');
    expect(result.stdout).toBe('');
  });

  const dir = join(scratch, 'cpu');

  it('writes report.json and a self-contained report.html, and prints the JSON', async () => {
    const result = await bench([
      '--backend',
      'cpu-ref',
      '--n',
      '64,32',
      '--reps',
      '1',
      '--report',
      dir,
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(ExitCode.OK);
    expect(result.stderr).toContain('runs');
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    const written = JSON.parse(
      readFileSync(join(dir, 'report.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(written).toEqual(printed);
    expect(printed).toMatchObject({
      schema: 'vyre.bench/v2',
      backends: [{ id: 'cpu-ref', verified: true }],
      skipped: [],
      sizes: [32, 64],
      reps: 1,
      settle: true,
      verified: true,
    });
    const rows = printed['rows'] as ReportRow[];
    // Every strategy at each size: (a) and (b) through the backend contract.
    expect(rows.map((r) => `${r.backend} ${r.n} ${r.strategy}`)).toEqual(
      [32, 64].flatMap((n) =>
        [
          'megakernelHost',
          'megakernelResident',
          'megakernelFromDescriptors',
          'megakernelResidentBatch',
          'perItemOneSubmission',
          'perItemSubmissionEach',
        ].map((s) => `cpu-ref ${n} ${s}`),
      ),
    );
    for (const row of rows) {
      expect(row.verified).toBe(true);
      expect(row.samplesMs).toHaveLength(1);
      expect(row.perItemUs).toBeCloseTo((row.medianMs * 1000) / row.n, 9);
    }
    const machine = printed['machine'] as Record<string, unknown>;
    expect(machine['cpuCount']).toBeGreaterThan(0);
    expect(machine['node']).toBe(process.versions.node);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    // Self-contained: no scripts, nothing fetched.
    expect(html).not.toMatch(/<script|\ssrc=|\shref=|url\(/i);
    expect(html.match(/<polyline/g)).toHaveLength(6);
    expect(html.match(/<svg /g)).toHaveLength(1);
  });
});

/** `vyre bench` on the default backends at two small sizes, (b) skipped, into `dir`. */
const benchDefault = (dir: string) =>
  bench(['--n', '32,64', '--reps', '1', '--skip-b', '--report', dir, '--json']);

describe('vyre bench on the default backends', { tags: ['gpu'] }, () => {
  it('measures WebGPU and the CPU reference into one report (WebGPU left out with a notice when it cannot be opened)', async () => {
    const dir = join(scratch, 'default');
    const result = await benchDefault(dir);
    expect(result.code, result.stderr).toBe(ExitCode.OK);
    const report = JSON.parse(result.stdout) as {
      backends: { id: string; adapter?: string; verified: boolean }[];
      skipped: { backend: string; reason: string }[];
      rows: ReportRow[];
    };
    const backends = report.backends.map((b) => b.id);
    if (report.skipped.length > 0) {
      // No WebGPU (no adapter, or no Dawn): allowed only when GPU tests may skip.
      expect(process.env['VYRE_REQUIRE_GPU']).not.toBe('1');
      expect(report.skipped).toEqual([
        {
          backend: 'webgpu',
          reason: expect.stringMatching(/\[WEBGPU_[A-Z_]+\]/) as string,
        },
      ]);
      expect(result.stderr).toContain('notice: webgpu is not measured');
      expect(backends).toEqual(['cpu-ref']);
    } else {
      expect(backends).toEqual(['webgpu', 'cpu-ref']);
      expect(report.backends[0]?.adapter?.length).toBeGreaterThan(0);
    }
    for (const backend of backends) {
      const rows = report.rows.filter((r) => r.backend === backend);
      // Five strategies ((b) skipped) at two sizes, all verified.
      expect(rows).toHaveLength(10);
      expect(rows.every((r) => r.verified)).toBe(true);
    }
    const text = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(text.match(/<svg /g)).toHaveLength(backends.length);
  });
});

// The page in a browser needs no GPU: without one the report has the CPU reference's plot alone.
describe('vyre bench --report in headless Chromium', () => {
  it(
    'renders report.html in headless Chromium: a plot per backend with one line per strategy',
    { tags: ['slow'], timeout: 60_000 },
    async ({ skip }) => {
      const executablePath = findChromium();
      if (executablePath === undefined) {
        if (process.env['VYRE_REQUIRE_GPU'] === '1') {
          expect.fail('no Chromium (set VYRE_CHROMIUM)');
        }
        return skip('no Chromium');
      }
      const dir = join(scratch, 'render');
      const result = await benchDefault(dir);
      expect(result.code, result.stderr).toBe(ExitCode.OK);
      const backends = (
        JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
          backends: { id: string }[];
        }
      ).backends.map((b) => b.id);
      expect(backends).toContain('cpu-ref');
      const browser = await chromium.launch({
        executablePath,
        headless: false,
        args: ['--headless=new', '--no-sandbox'],
      });
      try {
        const page = await browser.newPage({
          viewport: { width: 1100, height: 900 },
        });
        await page.goto(
          `file://${join(dir, 'report.html')}`.replaceAll('\\', '/'),
        );
        const lines = await page.$$eval('polyline.series', (nodes) =>
          nodes.map((node) => ({
            backend: node.getAttribute('data-backend'),
            width: (node as SVGGraphicsElement).getBBox().width,
          })),
        );
        // One plot per backend, with a line per strategy, all drawn.
        expect(lines.map((l) => l.backend)).toEqual(
          backends.flatMap((b) => Array<string>(5).fill(b)),
        );
        expect(lines.every((l) => l.width > 0)).toBe(true);
        const screenshot = await page.screenshot({ fullPage: true });
        // A PNG, and not a blank page: a blank 1100 × 900 PNG compresses to a few kilobytes.
        expect([...screenshot.subarray(0, 8)]).toEqual([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
        ]);
        expect(screenshot.byteLength).toBeGreaterThan(20_000);
      } finally {
        await browser.close();
      }
    },
  );
});

describe('vyre bench on WebGPU', { tags: ['gpu'] }, () => {
  it('compares every strategy and verifies them all', async ({ skip }) => {
    const result = await bench([
      '--backend',
      'webgpu',
      '--n',
      '200',
      '--reps',
      '1',
      '--json',
    ]);
    skipWithoutAdapter(result, skip);
    expect(result.code, result.stderr).toBe(ExitCode.OK);
    const report = JSON.parse(result.stdout) as {
      backends: { id: string; adapter: string }[];
      rows: ReportRow[];
    };
    expect(report.backends.map((b) => b.id)).toEqual(['webgpu']);
    expect(report.backends[0]?.adapter.length).toBeGreaterThan(0);
    expect(report.rows.map((r) => r.strategy).sort()).toEqual(
      [
        'megakernelFromDescriptors',
        'megakernelHost',
        'megakernelResident',
        'megakernelResidentBatch',
        'perItemOneSubmission',
        'perItemSubmissionEach',
      ].sort(),
    );
    expect(report.rows.every((r) => r.verified)).toBe(true);
  });
});
