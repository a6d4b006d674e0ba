import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

// Bundles the page's script (src/page.ts and the vyre packages it imports, from source) for browsers.

/** The page's script as one ES module, or the bundler's messages as an Error. */
export async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./page.ts', import.meta.url))],
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
    throw new Error('esbuild produced no output for src/page.ts');
  }
  return output.text;
}
