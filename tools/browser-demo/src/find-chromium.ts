import { accessSync, constants } from 'node:fs';

// Where the full Chromium is. Only full Chromium in `--headless=new` mode has WebGPU; Playwright's
// headless shell has none, so the test uses the system's browser.

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** `VYRE_CHROMIUM` when set, else the first installed candidate, else undefined. */
export function findChromium(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const chosen = env['VYRE_CHROMIUM'];
  const list = chosen === undefined || chosen === '' ? CANDIDATES : [chosen];
  return list.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
