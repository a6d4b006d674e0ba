import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPackageLayout } from '../src/package-layout.ts';
import type { WorkspacePackage } from '../src/workspace-packages.ts';

const root = mkdtempSync(join(tmpdir(), 'vyre-layout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function packageDir(
  name: string,
  files: string[],
  dirs: string[],
  apiExtractorLines = 3,
): WorkspacePackage {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    writeFileSync(
      join(dir, file),
      file === 'api-extractor.json'
        ? '{\n'.repeat(apiExtractorLines - 1) + '}\n'
        : '',
    );
  }
  for (const sub of dirs) {
    mkdirSync(join(dir, sub));
  }
  return {
    name: `@vyre/${name}`,
    dir,
    kind: 'package',
    private: false,
    dependencies: [],
    devDependencies: [],
    references: [],
    composite: true,
  };
}

const FILES = [
  'package.json',
  'tsconfig.json',
  'api-extractor.json',
  'README.md',
];
const DIRS = ['src', 'test', 'etc'];

describe('checkPackageLayout', () => {
  it('accepts the standard layout (control case)', () => {
    expect(checkPackageLayout([packageDir('good', FILES, DIRS)])).toEqual([]);
  });

  it('rejects a stray file', () => {
    expect(
      checkPackageLayout([
        packageDir('stray', [...FILES, 'utils.ts'], DIRS),
      ])[0],
    ).toMatch(/contains utils.ts/);
  });

  it('requires a README', () => {
    expect(
      checkPackageLayout([packageDir('no-readme', FILES.slice(0, 3), DIRS)]),
    ).toEqual(['@vyre/no-readme lacks README.md.']);
  });

  it.each([
    ['5 lines', 5, 0],
    ['6 lines', 6, 1],
  ])('api-extractor.json of %s', (_name, lines, problems) => {
    expect(
      checkPackageLayout([packageDir(`ae-${lines}`, FILES, DIRS, lines)]),
    ).toHaveLength(problems);
  });

  it('ignores tools', () => {
    const tool = {
      ...packageDir('tool', ['package.json', 'anything.txt'], []),
      kind: 'tool' as const,
    };
    expect(checkPackageLayout([tool])).toEqual([]);
  });
});
