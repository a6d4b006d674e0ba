import { chromium } from 'playwright-core';
import type { MegakernelPageReport } from './megakernel-report.ts';
import type { PageReport } from './page-report.ts';

// Opens the page in headless Chromium with WebGPU enabled and returns what the page reports.

/** The switches that give headless Chromium a WebGPU adapter (SwiftShader's Vulkan without a GPU). */
const CHROMIUM_ARGS: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

/** The page at `url` run to completion in the Chromium at `executablePath`, within `timeoutMs`. */
export async function runInChromium(
  executablePath: string,
  url: string,
  timeoutMs: number,
): Promise<{
  readonly report: PageReport;
  readonly console: readonly string[];
}>;
/** The megakernel page at `url`, likewise. */
export async function runInChromium(
  executablePath: string,
  url: string,
  timeoutMs: number,
  page: 'megakernel',
): Promise<{
  readonly report: MegakernelPageReport;
  readonly console: readonly string[];
}>;
export async function runInChromium(
  executablePath: string,
  url: string,
  timeoutMs: number,
  which?: 'megakernel',
): Promise<{
  readonly report: PageReport | MegakernelPageReport;
  readonly console: readonly string[];
}> {
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
    return { report, console: lines };
  } finally {
    await browser.close();
  }
}
