import { chromium } from 'playwright-core';
import type { MegakernelPageReport } from './megakernel-report.ts';
import type { PageReport } from './page-report.ts';

// Opens the page in headless Chromium, with WebGPU enabled or removed, and returns what the page
// reports and shows.

/** The switches that give headless Chromium a WebGPU adapter (SwiftShader's Vulkan without a GPU). */
const CHROMIUM_ARGS: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

/**
 * The WebGPU a page sees: Chromium's own (`'enabled'`), none as in a browser without WebGPU
 * (`'absent'`: no `navigator.gpu` and no `GPU*` interfaces), or `navigator.gpu` whose `requestAdapter()`
 * finds no adapter (`'no-adapter'`).
 */
export type WebGpuAvailability = 'enabled' | 'absent' | 'no-adapter';

/** How to run a page. */
export interface ChromiumRunOptions {
  /** Default `'enabled'`; the others change the page's globals before any of its scripts runs. */
  readonly webgpu?: WebGpuAvailability;
}

/** What a page run to completion leaves. */
export interface ChromiumRun<Report> {
  readonly report: Report;
  /** The page's console messages and uncaught errors (`pageerror: ...`), in order. */
  readonly console: readonly string[];
  /** The page's text as a visitor sees it (`document.body.innerText`) when it was done. */
  readonly text: string;
}

// These run in the page before its scripts, so they cannot refer to anything else in this file.

// A browser without WebGPU has neither `navigator.gpu` nor the WebGPU interfaces (Chromium in an
// insecure context looks like this).
function removeWebGpu(): void {
  Reflect.deleteProperty(Navigator.prototype, 'gpu');
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (name.startsWith('GPU')) {
      Reflect.deleteProperty(globalThis, name);
    }
  }
}

// WebGPU without a usable GPU: `requestAdapter()` resolves null, as the specification says it does then.
function removeAdapters(): void {
  GPU.prototype.requestAdapter = () => Promise.resolve(null);
}

/** The page at `url` run to completion in the Chromium at `executablePath`, within `timeoutMs`. */
export async function runInChromium(
  executablePath: string,
  url: string,
  timeoutMs: number,
): Promise<ChromiumRun<PageReport>>;
/** The megakernel page at `url`, likewise. */
export async function runInChromium(
  executablePath: string,
  url: string,
  timeoutMs: number,
  page: 'megakernel',
  options?: ChromiumRunOptions,
): Promise<ChromiumRun<MegakernelPageReport>>;
export async function runInChromium(
  executablePath: string,
  url: string,
  timeoutMs: number,
  which?: 'megakernel',
  options: ChromiumRunOptions = {},
): Promise<ChromiumRun<PageReport | MegakernelPageReport>> {
  const browser = await chromium.launch({
    executablePath,
    // Playwright's own headless flag would pick the old headless mode; `--headless=new` is in the args.
    headless: false,
    args: [...CHROMIUM_ARGS],
    timeout: timeoutMs,
  });
  try {
    const page = await browser.newPage();
    const lines: string[] = [];
    page.on('console', (message) =>
      lines.push(`${message.type()}: ${message.text()}`),
    );
    page.on('pageerror', (error) => lines.push(`pageerror: ${error.message}`));
    const webgpu = options.webgpu ?? 'enabled';
    if (webgpu !== 'enabled') {
      await page.addInitScript(
        webgpu === 'absent' ? removeWebGpu : removeAdapters,
      );
    }
    await page.goto(url, { timeout: timeoutMs });
    await page.waitForSelector('body:not([data-state="running"])', {
      timeout: timeoutMs,
    });
    const report = await page.evaluate(
      (megakernel) =>
        megakernel ? window.vyreMegakernelReport : window.vyreReport,
      which === 'megakernel',
    );
    if (report === undefined) {
      throw new Error(
        `the page finished without a report; its console: ${lines.join(' | ')}`,
      );
    }
    const text = await page.evaluate(() => document.body.innerText);
    return { report, console: lines, text };
  } finally {
    await browser.close();
  }
}
