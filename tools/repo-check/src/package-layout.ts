import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspacePackage } from './workspace-packages.ts';

// What a published package may contain (house style rule 3), plus what git ignores anyway.
const ALLOWED = new Set([
  'package.json',
  'tsconfig.json',
  'api-extractor.json',
  'README.md',
  'CHANGELOG.md',
  'etc',
  'src',
  'test',
  'dist',
  'node_modules',
  'temp',
  '.turbo',
]);

const MAX_API_EXTRACTOR_LINES = 5;

/** Problems with the files of each published package. */
export function checkPackageLayout(
  packages: readonly WorkspacePackage[],
): string[] {
  const problems: string[] = [];
  for (const pkg of packages.filter((p) => p.kind === 'package')) {
    const entries = readdirSync(pkg.dir);
    for (const entry of entries) {
      if (!ALLOWED.has(entry)) {
        problems.push(
          `${pkg.name} contains ${entry}: a package holds only ${[...ALLOWED].slice(0, 8).join(', ')}.`,
        );
      }
    }
    for (const required of [
      'README.md',
      'api-extractor.json',
      'src',
      'test',
      'etc',
    ]) {
      if (!entries.includes(required)) {
        problems.push(`${pkg.name} lacks ${required}.`);
      }
    }
    if (entries.includes('api-extractor.json')) {
      const lines = readFileSync(join(pkg.dir, 'api-extractor.json'), 'utf8')
        .trimEnd()
        .split('\n').length;
      if (lines > MAX_API_EXTRACTOR_LINES) {
        problems.push(
          `${pkg.name}/api-extractor.json has ${lines} lines: expected at most ${MAX_API_EXTRACTOR_LINES} (extend the root base).`,
        );
      }
    }
  }
  return problems;
}
