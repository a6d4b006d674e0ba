import { describe, expect, it } from 'vitest';
import { findCycles } from '../src/package-cycles.ts';

const graph = (edges: Record<string, string[]>): Map<string, string[]> =>
  new Map(Object.entries(edges));

describe('findCycles', () => {
  it('finds none in a DAG (control case)', () => {
    expect(findCycles(graph({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('finds a two-node cycle', () => {
    expect(findCycles(graph({ a: ['b'], b: ['a'] }))).toEqual([['a', 'b']]);
  });

  it('finds a self-dependency', () => {
    expect(findCycles(graph({ a: ['a'], b: [] }))).toEqual([['a']]);
  });

  it('finds separate cycles and a long one', () => {
    expect(
      findCycles(
        graph({ a: ['b'], b: ['c'], c: ['a'], d: ['e'], e: ['d'], f: ['a'] }),
      ),
    ).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('handles edges to nodes outside the graph', () => {
    expect(findCycles(graph({ a: ['external'] }))).toEqual([]);
  });
});
