import type { Program } from '@vyre/ir';

// What a set of programs exercised: statement and expression kinds, operators, casts, atomics, literal
// types and buffer element types, each counted once per program that contains it.

/** Feature name (`node:loop`, `binary:add`, `cast:f32`, `buffer:readWrite:u16`, ...) to program count. */
export type Coverage = Map<string, number>;

function features(program: Program): Set<string> {
  const found = new Set<string>();
  for (const decl of program.buffers) {
    found.add(`buffer:${decl.access}:${decl.element}`);
  }
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (typeof value !== 'object' || value === null) {
      return;
    }
    const node = value as Readonly<Record<string, unknown>>;
    const kind = node['kind'];
    if (typeof kind === 'string') {
      found.add(`node:${kind}`);
      const detail =
        kind === 'binary' || kind === 'unary' || kind === 'atomic'
          ? node['op']
          : kind === 'cast'
            ? node['target']
            : kind === 'lit'
              ? node['type']
              : undefined;
      if (typeof detail === 'string') {
        found.add(`${kind}:${detail}`);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(program.entry);
  return found;
}

/** Adds the features of `program` to `coverage`. */
export function addCoverage(coverage: Coverage, program: Program): void {
  for (const feature of features(program)) {
    coverage.set(feature, (coverage.get(feature) ?? 0) + 1);
  }
}

/** Features per family (`binary`, `cast`, ...), for a summary line. */
export function coverageByFamily(coverage: Coverage): Map<string, number> {
  const families = new Map<string, number>();
  for (const feature of coverage.keys()) {
    const family = feature.slice(0, feature.indexOf(':'));
    families.set(family, (families.get(family) ?? 0) + 1);
  }
  return families;
}
