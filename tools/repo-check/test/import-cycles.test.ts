import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findImportCycles } from '../src/import-cycles.ts';

const root = mkdtempSync(join(tmpdir(), 'vyre-import-cycles-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe('findImportCycles', () => {
  it('finds none in an acyclic tree (control case)', async () => {
    const dir = tree('acyclic', {
      'a.ts':
        "import { b } from './b.ts';\nexport const a = (): number => b();\n",
      'b.ts': 'export const b = (): number => 1;\n',
    });
    expect(await findImportCycles([dir])).toEqual([]);
  });

  it('finds a runtime cycle through .ts-extension imports', async () => {
    const dir = tree('cyclic', {
      'a.ts':
        "import { b } from './b.ts';\nexport const a = (): number => b();\n",
      'b.ts':
        "import { a } from './a.ts';\nexport const b = (): number => 1;\nexport const c = a;\n",
    });
    expect(await findImportCycles([dir])).toEqual([['a.ts', 'b.ts']]);
  });

  it('ignores a cycle made only of type imports', async () => {
    const dir = tree('types-only', {
      'a.ts':
        "import type { B } from './b.ts';\nexport interface A { readonly b?: B }\n",
      'b.ts':
        "import type { A } from './a.ts';\nexport interface B { readonly a?: A }\n",
    });
    expect(await findImportCycles([dir])).toEqual([]);
  });
});
