import { describe, expect, it } from 'vitest';
import { checkReferencesMirrorDependencies } from '../src/reference-mirror.ts';
import type { WorkspacePackage } from '../src/workspace-packages.ts';

function pkg(dependencies: string[], references: string[]): WorkspacePackage {
  return {
    name: '@vyre/ir',
    dir: '/x',
    kind: 'package',
    private: false,
    dependencies,
    devDependencies: [],
    references,
  };
}

describe('checkReferencesMirrorDependencies', () => {
  it('accepts references equal to dependencies in any order (control case)', () => {
    expect(
      checkReferencesMirrorDependencies([
        pkg(['@vyre/a', '@vyre/b'], ['@vyre/b', '@vyre/a']),
      ]),
    ).toEqual([]);
  });

  it('reports a missing reference', () => {
    expect(checkReferencesMirrorDependencies([pkg(['@vyre/a'], [])])).toEqual([
      '@vyre/ir: tsconfig.json lacks references to its dependencies @vyre/a.',
    ]);
  });

  it('reports a reference without a dependency', () => {
    expect(checkReferencesMirrorDependencies([pkg([], ['@vyre/a'])])).toEqual([
      '@vyre/ir: tsconfig.json references @vyre/a, which package.json does not depend on.',
    ]);
  });
});
