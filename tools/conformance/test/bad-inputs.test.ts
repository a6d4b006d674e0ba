import { describe, expect, it } from 'vitest';
import { badInputCases } from '../src/index.ts';

// The bad-input family promises one case per code; conformance-suite.test.ts runs them on every
// backend.

describe('bad input', () => {
  it('has a case for each code it promises', () => {
    const codes = new Set(badInputCases().map((entry) => entry.code));
    expect([...codes].sort()).toEqual([
      'BACKEND_TIMEOUT',
      'DISPATCH_GRID_INVALID',
      'DISPATCH_GRID_REQUIRED',
      'DISPATCH_INPUT_COUNT',
      'DISPATCH_INPUT_SIZE',
      'IR_INVALID_PROGRAM',
    ]);
  });
});
