import { describe, expect, it } from 'vitest';
import { ValidationCodes, type ValidationCode } from '@vyre/ir';
import { renderValidationDoc } from '../src/validation-doc.ts';

describe('renderValidationDoc', () => {
  it('has one table row per code, in catalog order, with its phase, severity, summary and hint', () => {
    const doc = renderValidationDoc();
    const rows = [
      ...doc.matchAll(
        /^\| `(V\d{3})` \| (\w+) +\| (\w+) +\| (.*?) +\| (.*?) +\|$/gm,
      ),
    ];
    expect(rows.map((row) => row[1])).toEqual(Object.keys(ValidationCodes));
    for (const row of rows) {
      const entry = ValidationCodes[row[1] as ValidationCode];
      expect(row.slice(2)).toEqual([
        entry.phase,
        entry.severity,
        entry.summary.replaceAll('|', '\\|'),
        entry.hint.replaceAll('|', '\\|'),
      ]);
    }
  });

  it('says it is generated, and ends with a newline', () => {
    const doc = renderValidationDoc();
    expect(doc).toMatch(/Do not edit by hand/);
    expect(doc.endsWith('\n')).toBe(true);
  });
});
