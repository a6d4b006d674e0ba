import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SIZE, demoSeeds } from '../src/demo-program.ts';
import { findChromium } from '../src/find-chromium.ts';
import type { PageReport } from '../src/page-report.ts';
import { runInChromium } from '../src/run-in-chromium.ts';
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

async function report(skip: (note: string) => never): Promise<PageReport> {
  const chromium = findChromium();
  if (chromium === undefined) {
    const fix =
      "install Chromium (./scripts/test installs Debian's `chromium`) or set VYRE_CHROMIUM";
    if (process.env['VYRE_REQUIRE_GPU'] === '1') {
      expect.fail(`VYRE_REQUIRE_GPU=1 but no Chromium was found. Fix: ${fix}.`);
    }
    return skip(`browser test skipped: no Chromium found. Fix: ${fix}.`);
  }
  server ??= await servePage();
  const { report, console } = await runInChromium(
    chromium,
    server.url,
    120_000,
  );
  expect(report, console.join('\n')).toMatchObject({ kind: 'done' });
  return report;
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
        const chromium = findChromium();
        if (chromium === undefined) {
          if (process.env['VYRE_REQUIRE_GPU'] === '1') {
            expect.fail('VYRE_REQUIRE_GPU=1 but no Chromium was found.');
          }
          return skip('browser test skipped: no Chromium found.');
        }
        server ??= await servePage();
        const items = 1000;
        const { report, console } = await runInChromium(
          chromium,
          new URL(`/megakernel?n=${items}`, server.url).href,
          180_000,
          'megakernel',
        );
        if (report.kind !== 'done') {
          expect.fail(`${report.error}\n${console.join('\n')}`);
        }
        expect(report.backend).toBe('webgpu');
        expect(report.verified).toBe(true);
        // 1,000 items through 256 slots: at least four drains, each one shown.
        expect(report.drains.length).toBeGreaterThanOrEqual(4);
        expect(report.drains.at(-1)?.itemsProcessed).toBe(items);
        const finished = report.drains.reduce(
          (sum, d) =>
            sum + Object.values(d.doneByOpcode).reduce((a, b) => a + b, 0),
          0,
        );
        expect(finished).toBe(items);
        for (const drain of report.drains) {
          const slots = Object.values(drain.occupancy).reduce(
            (a, b) => a + b,
            0,
          );
          expect(slots).toBe(report.slots);
        }
        expect(report.perItemMs).toBeGreaterThan(0);
      },
    );
  },
);

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
