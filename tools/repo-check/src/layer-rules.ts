import type { WorkspacePackage } from './workspace-packages.ts';

/**
 * What each published package may depend on (house style rule 4; docs/architecture.md):
 * foundation <- ir <- driver-cpu-ref / driver-webgpu <- runtime; telemetry <- foundation only;
 * runtime may use telemetry. Tools may depend on anything; no package may depend on a tool.
 * Every published package must be listed here, so a new package has to choose its layer.
 */
const ALLOWED_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  '@vyre/foundation': [],
  '@vyre/ir': ['@vyre/foundation'],
  '@vyre/driver-cpu-ref': ['@vyre/foundation', '@vyre/ir'],
  '@vyre/driver-webgpu': ['@vyre/foundation', '@vyre/ir'],
  '@vyre/telemetry': ['@vyre/foundation'],
  '@vyre/runtime': [
    '@vyre/foundation',
    '@vyre/ir',
    '@vyre/driver-cpu-ref',
    '@vyre/driver-webgpu',
    '@vyre/telemetry',
  ],
};

/** Problems with the dependency direction, one message per offending edge. */
export function checkLayering(packages: readonly WorkspacePackage[]): string[] {
  const problems: string[] = [];
  const tools = new Set(
    packages.filter((pkg) => pkg.kind === 'tool').map((pkg) => pkg.name),
  );
  for (const pkg of packages) {
    if (pkg.kind === 'tool') {
      continue;
    }
    const allowed = ALLOWED_DEPENDENCIES[pkg.name];
    if (allowed === undefined) {
      problems.push(
        `${pkg.name} has no layer: add it to ALLOWED_DEPENDENCIES in tools/repo-check/src/layer-rules.ts.`,
      );
      continue;
    }
    for (const [field, deps] of [
      ['dependencies', pkg.dependencies],
      ['devDependencies', pkg.devDependencies],
    ] as const) {
      for (const dep of deps) {
        if (tools.has(dep)) {
          problems.push(
            `${pkg.name} ${field} names the tool ${dep}: packages must never depend on tools.`,
          );
        } else if (!allowed.includes(dep)) {
          problems.push(
            `${pkg.name} ${field} names ${dep}: expected only ${allowed.length === 0 ? 'no workspace packages' : allowed.join(', ')}.`,
          );
        }
      }
    }
  }
  return problems;
}
