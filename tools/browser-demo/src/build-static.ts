import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundlePage } from './bundle-page.ts';

// `pnpm --filter @vyre/browser-demo build:static`: the two pages as static files in dist/, for any web
// server (WebGPU needs a secure context: https, or localhost).

const out = fileURLToPath(new URL('../dist/', import.meta.url));
await mkdir(out, { recursive: true });
const statics = fileURLToPath(new URL('../static/', import.meta.url));
await copyFile(`${statics}index.html`, `${out}index.html`);
// The page links its script at /megakernel.js and is served at /megakernel.
await copyFile(`${statics}megakernel.html`, `${out}megakernel.html`);
await writeFile(`${out}page.js`, await bundlePage('page.ts'));
await writeFile(`${out}megakernel.js`, await bundlePage('megakernel-page.ts'));
console.log(
  `static pages in ${out}: index.html, megakernel.html (and their scripts)`,
);
