import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

// Bundles a page's script (src/page.ts or src/megakernel-page.ts and the vyre packages it imports, from
// source) for browsers.

/** The script of `entry` (a file in src/) as one ES module, or the bundler's messages as an Error. */
export async function bundlePage(entry = 'page.ts'): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`./${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) {
    throw new Error(`esbuild produced no output for src/${entry}`);
  }
  return output.text;
}
