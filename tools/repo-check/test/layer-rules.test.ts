import { describe, expect, it } from 'vitest';
import { checkLayering } from '../src/layer-rules.ts';
import type { WorkspacePackage } from '../src/workspace-packages.ts';

function pkg(
  name: string,
  dependencies: string[] = [],
  extra: Partial<WorkspacePackage> = {},
): WorkspacePackage {
  return {
    name,
    dir: `/x/${name}`,
    kind: 'package',
    private: false,
    dependencies,
    devDependencies: [],
    references: [],
    composite: true,
    ...extra,
  };
}

describe('checkLayering', () => {
  it('accepts the designed direction (control case)', () => {
    expect(
      checkLayering([
        pkg('@vyre/foundation'),
        pkg('@vyre/ir', ['@vyre/foundation']),
        pkg('@vyre/driver-webgpu', ['@vyre/ir', '@vyre/foundation']),
        pkg('@vyre/telemetry', ['@vyre/foundation']),
        pkg('@vyre/runtime', ['@vyre/driver-webgpu', '@vyre/telemetry']),
        pkg('@vyre/cli', ['@vyre/runtime'], { kind: 'tool', private: true }),
      ]),
    ).toEqual([]);
  });

  it.each([
    ['foundation depending on ir', pkg('@vyre/foundation', ['@vyre/ir'])],
    ['ir depending on a driver', pkg('@vyre/ir', ['@vyre/driver-cpu-ref'])],
    ['telemetry depending on ir', pkg('@vyre/telemetry', ['@vyre/ir'])],
    [
      'a driver depending on the runtime',
      pkg('@vyre/driver-webgpu', ['@vyre/runtime']),
    ],
    [
      'a driver depending on the other driver',
      pkg('@vyre/driver-webgpu', ['@vyre/driver-cpu-ref']),
    ],
    [
      'a devDependency against the direction',
      pkg('@vyre/ir', [], { devDependencies: ['@vyre/runtime'] }),
    ],
  ])('rejects %s', (_name, offender) => {
    const problems = checkLayering([offender]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/expected only/);
  });

  it('rejects a package depending on a tool', () => {
    const problems = checkLayering([
      pkg('@vyre/ir', ['@vyre/cli']),
      pkg('@vyre/cli', [], { kind: 'tool' }),
    ]);
    expect(problems).toEqual([
      '@vyre/ir dependencies names the tool @vyre/cli: packages must never depend on tools.',
    ]);
  });

  it('requires every published package to have a layer', () => {
    expect(checkLayering([pkg('@vyre/new-thing')])[0]).toMatch(/has no layer/);
  });
});
