import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkApiDocs,
  renderPackageApi,
  tsdocSummary,
} from '../src/api-doc.ts';

// docs/api/ from API Extractor's doc model: summaries, signatures grouped by kind, members, and the
// currency check.

const scratch = mkdtempSync(join(tmpdir(), 'vyre-api-doc-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('tsdocSummary', () => {
  it('takes the first paragraph, on one line, with links as code', () => {
    expect(
      tsdocSummary(
        '/**\n * Runs `items` on {@link Megakernel},\n * refilling its ring.\n *\n * More.\n *\n * @param x - y\n * @public\n */\n',
      ),
    ).toBe('Runs `items` on `Megakernel`, refilling its ring.');
    expect(tsdocSummary('/**\n * See {@link A.b | the b of A}.\n */')).toBe(
      'See `the b of A`.',
    );
    expect(tsdocSummary(undefined)).toBe('');
  });
});

const model = {
  kind: 'Package',
  name: '@vyre/x',
  docComment: '/**\n * The x package.\n *\n * @packageDocumentation\n */\n',
  members: [
    {
      kind: 'EntryPoint',
      members: [
        {
          kind: 'Function',
          name: 'zeta',
          docComment: '/**\n * Zeta.\n */',
          excerptTokens: [
            { text: 'export declare function zeta(): ' },
            { text: 'void' },
            { text: ';' },
          ],
        },
        {
          kind: 'Interface',
          name: 'Alpha',
          docComment: '/**\n * An alpha.\n */',
          excerptTokens: [{ text: 'export interface Alpha ' }],
          members: [
            {
              kind: 'PropertySignature',
              name: 'size',
              docComment: '/** Its size. */',
              excerptTokens: [
                { text: 'readonly size: ' },
                { text: 'number' },
                { text: ';' },
              ],
            },
          ],
        },
      ],
    },
  ],
};

describe('renderPackageApi', () => {
  it('groups exports by kind with their signatures, summaries and members', () => {
    const page = renderPackageApi(model);
    expect(page).toContain('# @vyre/x\n');
    expect(page).toContain('The x package.');
    expect(page.indexOf('## Interfaces')).toBeLessThan(
      page.indexOf('## Functions'),
    );
    expect(page).toContain(
      '### `zeta`\n\n```ts\nexport declare function zeta(): void;\n```\n\nZeta.',
    );
    expect(page).toContain('- `readonly size: number;` — Its size.');
  });
});

describe('checkApiDocs', () => {
  it('reports a stale page, a stray page and a missing doc model', () => {
    const dir = join(scratch, 'api');
    const pages = new Map([['x.md', 'current\n']]);
    expect(checkApiDocs(dir, { pages, missing: [] })).toEqual([
      'docs/api/x.md differs from the doc model: run `pnpm repo-check --write` and commit the result.',
    ]);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'x.md'), 'current\n');
    writeFileSync(join(dir, 'stray.md'), 'old\n');
    expect(checkApiDocs(dir, { pages, missing: [] })).toEqual([
      'docs/api/stray.md belongs to no published package: remove it.',
    ]);
    expect(checkApiDocs(dir, { pages, missing: ['@vyre/y'] })[0]).toContain(
      'no doc model for @vyre/y',
    );
  });
});
