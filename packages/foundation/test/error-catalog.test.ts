import { describe, expect, it } from 'vitest';
import { ErrorCatalog } from '../src/index.ts';

const LAYERS = [
  'INTERNAL',
  'MATH',
  'BYTES',
  'ALLOC',
  'IR',
  'WEBGPU',
  'DISPATCH',
  'BACKEND',
  'RESIDENT',
  'CPU',
  'CLI',
  'TELEMETRY',
  'RUNTIME',
];
const codes = Object.keys(ErrorCatalog);

describe('ErrorCatalog', () => {
  it.each(codes)('%s is SCREAMING_SNAKE with a known layer prefix', (code) => {
    expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
    expect(LAYERS).toContain(code.split('_')[0]);
  });

  it.each(Object.entries(ErrorCatalog))(
    '%s has a summary sentence and a hint',
    (_code, entry) => {
      expect(entry.summary).toMatch(/^[A-Z].*\.$/);
      expect(entry.hint).toMatch(/^[A-Z`].*\.\)?$/);
    },
  );
});
