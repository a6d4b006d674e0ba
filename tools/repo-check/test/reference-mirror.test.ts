import { describe, expect, it } from 'vitest';
import { checkReferencesMirrorDependencies } from '../src/reference-mirror.ts';
import type { WorkspacePackage } from '../src/workspace-packages.ts';

function pkg(
  dependencies: string[],
  references: string[],
  name = '@vyre/ir',
  composite = true,
): WorkspacePackage {
  return {
    name,
    dir: '/x',
    kind: 'package',
    private: false,
    dependencies,
    devDependencies: [],
    references,
    composite,
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

  it('does not ask for references to source-only tools, which cannot be referenced', () => {
    const tool = pkg([], [], '@vyre/conformance', false);
    expect(
      checkReferencesMirrorDependencies([
        tool,
        pkg(['@vyre/conformance', '@vyre/a'], ['@vyre/a']),
      ]),
    ).toEqual([]);
  });

  it('still reports a missing reference to a composite dependency beside a source-only one', () => {
    const tool = pkg([], [], '@vyre/conformance', false);
    expect(
      checkReferencesMirrorDependencies([
        tool,
        pkg(['@vyre/conformance', '@vyre/a'], []),
      ]),
    ).toEqual([
      '@vyre/ir: tsconfig.json lacks references to its dependencies @vyre/a.',
    ]);
  });
});
