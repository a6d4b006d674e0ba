import { describe, expect, it } from 'vitest';
import { ErrorCatalog } from '@vyre/foundation';
import { renderErrorsDoc } from '../src/errors-doc.ts';

describe('renderErrorsDoc', () => {
  it('has one table row per catalog code, in catalog order, with its summary and hint', () => {
    const doc = renderErrorsDoc();
    const rows = [...doc.matchAll(/^\| `([A-Z0-9_]+)` \| (.*) \| (.*) \|$/gm)];
    expect(rows.map((row) => row[1])).toEqual(Object.keys(ErrorCatalog));
    for (const row of rows) {
      const entry = ErrorCatalog[row[1] as keyof typeof ErrorCatalog];
      expect(row[2]).toBe(entry.summary.replaceAll('|', '\\|'));
      expect(row[3]).toBe(entry.hint.replaceAll('|', '\\|'));
    }
  });
});
