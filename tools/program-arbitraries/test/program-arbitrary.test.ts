import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateProgram, type Expr, type Node, type Program } from '@vyre/ir';
import { arbitraryProgram } from '../src/index.ts';

// Counts every statement and expression kind in a program (iteratively: generated trees are small,
// but the walk should not depend on it).
function kinds(program: Program): Set<string> {
  const seen = new Set<string>();
  const stack: Array<Node | Expr> = [...program.entry];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) {
      break;
    }
    seen.add(
      item.kind === 'binary'
        ? `binary:${item.op}`
        : item.kind === 'unary'
          ? `unary:${item.op}`
          : item.kind,
    );
    for (const value of Object.values(item)) {
      if (Array.isArray(value)) {
        stack.push(...(value as Array<Node | Expr>));
      } else if (
        typeof value === 'object' &&
        value !== null &&
        'kind' in value
      ) {
        stack.push(value as Node | Expr);
      }
    }
  }
  return seen;
}

describe('arbitraryProgram', { tags: ['slow'] }, () => {
  it('generates programs that validate with the baseline WGSL capabilities', () => {
    fc.assert(
      fc.property(arbitraryProgram(), (program) => {
        const report = validateProgram(program);
        expect(report.errors).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('reaches every statement kind and a broad set of operators across a sample', () => {
    const seen = new Set<string>();
    for (const program of fc.sample(arbitraryProgram(), {
      numRuns: 400,
      seed: 42,
    })) {
      for (const kind of kinds(program)) {
        seen.add(kind);
      }
    }
    for (const kind of [
      'let',
      'assign',
      'store',
      'if',
      'loop',
      'region',
      'barrier',
      'return',
      'load',
      'atomic',
      'cast',
      'select',
      'fma',
      'bufLen',
    ]) {
      expect(seen, kind).toContain(kind);
    }
    expect(
      [...seen].filter((kind) => kind.startsWith('binary:')).length,
    ).toBeGreaterThanOrEqual(25);
    expect(
      [...seen].filter((kind) => kind.startsWith('unary:')).length,
    ).toBeGreaterThanOrEqual(25);
  });
});
