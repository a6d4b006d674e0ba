import { findChromium } from './find-chromium.ts';
import { runInChromium } from './run-in-chromium.ts';
import { servePage } from './serve-page.ts';

// `pnpm --filter @vyre/browser-demo demo`: serves the page for a browser of your own (open the printed
// address; Chrome or Edge with WebGPU). `... demo --headless`: runs it in headless Chromium and prints
// the report; exits 1 when the page failed or the GPU and the CPU reference differ.

const server = await servePage(Number(process.env['PORT'] ?? 0));
if (!process.argv.includes('--headless')) {
  console.log(`vyre browser demo: ${server.url} (Ctrl+C stops it)`);
} else {
  const executable = findChromium();
  if (executable === undefined) {
    console.error(
      'no Chromium found. Fix: install the `chromium` package or set VYRE_CHROMIUM.',
    );
    await server.close();
    process.exit(1);
  }
  try {
    const { report } = await runInChromium(executable, server.url, 120_000);
    console.log(JSON.stringify(report, null, 2));
    const good =
      report.kind === 'done' &&
      report.columns.every((c) => c.verdict !== 'differ') &&
      report.cases.differ.length === 0;
    process.exitCode = good ? 0 : 1;
  } finally {
    await server.close();
  }
}
