import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspacePackages } from '../src/workspace-packages.ts';

describe('loadWorkspacePackages (this repository)', () => {
  const packages = loadWorkspacePackages(
    resolve(import.meta.dirname, '../../..'),
  );
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));

  it('finds the six published packages and the tools', () => {
    expect(
      packages
        .filter((pkg) => pkg.kind === 'package')
        .map((pkg) => pkg.name)
        .sort(),
    ).toEqual([
      '@vyre/driver-cpu-ref',
      '@vyre/driver-webgpu',
      '@vyre/foundation',
      '@vyre/ir',
      '@vyre/runtime',
      '@vyre/telemetry',
    ]);
    expect(byName.get('@vyre/cli')?.kind).toBe('tool');
  });

  it('keeps only workspace dependencies and resolves tsconfig references to package names', () => {
    const ir = byName.get('@vyre/ir');
    expect(ir?.dependencies).toEqual(['@vyre/foundation']);
    expect(ir?.references).toEqual(['@vyre/foundation']);
    expect(ir?.devDependencies).toEqual([]);
  });
});
