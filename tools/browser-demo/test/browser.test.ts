import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SIZE, demoSeeds } from '../src/demo-program.ts';
import { findChromium } from '../src/find-chromium.ts';
import type { MegakernelPageReport } from '../src/megakernel-report.ts';
import type { PageReport } from '../src/page-report.ts';
import {
  runInChromium,
  type ChromiumRun,
  type WebGpuAvailability,
} from '../src/run-in-chromium.ts';
import { servePage, type PageServer } from '../src/serve-page.ts';

// The WebGPU driver, unchanged, in a real browser: the demo page runs in Debian's Chromium (full
// Chromium, `--headless=new`, WebGPU on SwiftShader's Vulkan) driven by Playwright. Without a Chromium
// the test skips with a notice, unless VYRE_REQUIRE_GPU=1 (CI), where that fails it.

// Collatz steps computed here, independently of both backends, capped like the program's loop.
function collatzSteps(seed: number): number {
  let x = seed;
  let steps = 0;
  for (let k = 0; k < 256; k++) {
    if (x !== 1) {
      x = x % 2 === 1 ? (Math.imul(x, 3) + 1) >>> 0 : Math.floor(x / 2);
      steps += 1;
    }
  }
  return steps;
}

let server: PageServer | undefined;
afterAll(async () => {
  await server?.close();
});

// The Chromium to run; without one, a skip with a notice, or a failure under VYRE_REQUIRE_GPU=1.
function chromiumOr(skip: (note: string) => never): string {
  const chromium = findChromium();
  if (chromium === undefined) {
    const fix =
      "install Chromium (./scripts/test installs Debian's `chromium`) or set VYRE_CHROMIUM";
    if (process.env['VYRE_REQUIRE_GPU'] === '1') {
      expect.fail(`VYRE_REQUIRE_GPU=1 but no Chromium was found. Fix: ${fix}.`);
    }
    return skip(`browser test skipped: no Chromium found. Fix: ${fix}.`);
  }
  return chromium;
}

async function report(skip: (note: string) => never): Promise<PageReport> {
  const chromium = chromiumOr(skip);
  server ??= await servePage();
  const { report, console } = await runInChromium(
    chromium,
    server.url,
    120_000,
  );
  expect(report, console.join('\n')).toMatchObject({ kind: 'done' });
  return report;
}

type MegakernelDone = Extract<MegakernelPageReport, { kind: 'done' }>;

// The megakernel page run to completion on `items` items, and what it showed.
async function megakernel(
  skip: (note: string) => never,
  items: number,
  webgpu: WebGpuAvailability,
): Promise<ChromiumRun<MegakernelDone>> {
  const chromium = chromiumOr(skip);
  server ??= await servePage();
  const run = await runInChromium(
    chromium,
    new URL(`/megakernel?n=${items}`, server.url).href,
    180_000,
    'megakernel',
    { webgpu },
  );
  if (run.report.kind !== 'done') {
    expect.fail(`${run.report.error}\n${run.console.join('\n')}`);
  }
  return { ...run, report: run.report };
}

// `items` through 256 slots: every drain reported, the DONE slots of all drains add up to the items,
// and every drain's slots by status add up to the ring.
function expectDrains(report: MegakernelDone, items: number): void {
  expect(report.drains.length).toBeGreaterThanOrEqual(
    Math.ceil(items / report.slots),
  );
  expect(report.drains.at(-1)?.itemsProcessed).toBe(items);
  const finished = report.drains.reduce(
    (sum, d) => sum + Object.values(d.doneByOpcode).reduce((a, b) => a + b, 0),
    0,
  );
  expect(finished).toBe(items);
  for (const drain of report.drains) {
    const slots = Object.values(drain.occupancy).reduce((a, b) => a + b, 0);
    expect(slots).toBe(report.slots);
  }
}

describe(
  'the WebGPU driver in headless Chromium',
  { tags: ['gpu', 'slow'] },
  () => {
    it(
      'dispatches the demo, matches the CPU reference, and agrees on the operator cases',
      { timeout: 240_000 },
      async ({ skip }) => {
        const result = await report(skip);
        if (result.kind !== 'done') {
          return;
        }
        expect(result.adapter).not.toBe('');
        const [steps, scaled] = result.columns;
        expect(steps?.verdict).toBe('identical');
        expect(steps?.gpu).toEqual(
          Array.from(demoSeeds(), (seed) => String(collatzSteps(seed))),
        );
        expect(scaled?.gpu).toHaveLength(DEMO_SIZE);
        expect(scaled?.verdict).not.toBe('differ');
        expect(result.cases.differ).toEqual([]);
        expect(result.cases.agree).toBeGreaterThan(100);
      },
    );
  },
);

describe(
  'the megakernel in headless Chromium',
  { tags: ['gpu', 'slow'] },
  () => {
    it(
      'drains the demo workload in several drains, shows each drain, and matches the CPU reference',
      { timeout: 240_000 },
      async ({ skip }) => {
        const items = 1000;
        const { report } = await megakernel(skip, items, 'enabled');
        expect(report.backend).toBe('webgpu');
        expect(report.notice).toBeUndefined();
        expect(report.verified).toBe(true);
        // 1,000 items through 256 slots: at least four drains, each one shown.
        expect(report.drains.length).toBeGreaterThanOrEqual(4);
        expectDrains(report, items);
        expect(report.perItemMs).toBeGreaterThan(0);
      },
    );
  },
);

// A browser without WebGPU, or whose WebGPU finds no adapter: the page runs the workload on the CPU
// reference, tells the visitor why, still shows every drain, and skips the per-item comparison (it
// needs a GPU device). Chromium's WebGPU is taken away by a script that runs before the page's.
describe('the megakernel page without WebGPU', { tags: ['slow'] }, () => {
  it.for([
    {
      webgpu: 'absent',
      why: /^This browser has no WebGPU \(no navigator\.gpu\)/,
    },
    {
      webgpu: 'no-adapter',
      why: /^WebGPU could not be opened, .*\[WEBGPU_NO_ADAPTER\]/,
    },
  ] as const)(
    'falls back to the CPU reference with a notice when WebGPU is $webgpu',
    { timeout: 240_000 },
    async ({ webgpu, why }, { skip }) => {
      const items = 1000;
      const { report, console, text } = await megakernel(skip, items, webgpu);
      // No uncaught error and no console error (a 404 or a failed import would show here).
      expect(
        console.filter((line) => /^(pageerror|error):/.test(line)),
      ).toEqual([]);
      expect(report.backend).toBe('cpu-ref');
      expect(report.notice).toMatch(why);
      expect(report.notice).toContain('runs on the CPU reference');
      expect(report.verified).toBe(true);
      expectDrains(report, items);
      expect(report).not.toHaveProperty('perItemMs');

      // What the visitor sees: the backend and the notice, every drain's row, and the result.
      const lines = text
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim());
      const notice = (report.notice ?? '').replace(/\s+/g, ' ').trim();
      expect(lines).toContain(`Backend: cpu-ref — ${notice}`);
      const rows = text
        .split('\n')
        .filter((line) => /^\d+\t/.test(line))
        .map((line) => line.split('\t'));
      expect(rows.map((cells) => cells[0])).toEqual(
        report.drains.map((d) => String(d.drain)),
      );
      expect(rows.at(-1)?.[1]).toBe(`${items} / ${items}`);
      for (const [, , , , byStatus, byOpcode] of rows) {
        expect(byStatus).toMatch(/^(\w+ \d+)(, \w+ \d+)*$/);
        expect(byOpcode).toMatch(/^(\w+ \d+)(, \w+ \d+)*$/);
      }
      expect(lines).toContain(
        `drain ${report.drains.length}: ${items} of ${items} items done`,
      );
      const result = lines.find((line) => line.startsWith(`${items} items in`));
      expect(result).toMatch(/; identical to the CPU reference$/);
      expect(result).not.toContain('one dispatch per item');
    },
  );
});

describe('the page server', () => {
  it('serves the page and its script, and nothing else', async () => {
    server ??= await servePage();
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(
      '<script type="module" src="/page.js">',
    );
    const script = await fetch(new URL('/page.js', server.url));
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('navigator');
    const megakernel = await fetch(new URL('/megakernel', server.url));
    expect(await megakernel.text()).toContain(
      '<script type="module" src="/megakernel.js">',
    );
    const megakernelScript = await fetch(new URL('/megakernel.js', server.url));
    expect(await megakernelScript.text()).toContain('vyreMegakernelReport');
    expect((await fetch(new URL('/missing', server.url))).status).toBe(404);
  });
});

describe('findChromium', () => {
  it('honours VYRE_CHROMIUM and reports a missing executable as undefined', () => {
    expect(
      findChromium({ VYRE_CHROMIUM: '/nonexistent/chromium' }),
    ).toBeUndefined();
    expect(findChromium({ VYRE_CHROMIUM: process.execPath })).toBe(
      process.execPath,
    );
  });
});
