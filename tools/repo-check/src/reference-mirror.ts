import type { WorkspacePackage } from './workspace-packages.ts';

/**
 * Problems where a tsconfig's `references` differ from the package's workspace `dependencies` that
 * can be referenced (composite projects; a source-only tool is type-checked through its importers).
 */
export function checkReferencesMirrorDependencies(
  packages: readonly WorkspacePackage[],
): string[] {
  const problems: string[] = [];
  const sourceOnly = new Set(
    packages.filter((pkg) => !pkg.composite).map((pkg) => pkg.name),
  );
  for (const pkg of packages) {
    const deps = pkg.dependencies.filter((dep) => !sourceOnly.has(dep)).sort();
    const refs = [...pkg.references].sort();
    const missing = deps.filter((dep) => !refs.includes(dep));
    const extra = refs.filter((ref) => !deps.includes(ref));
    if (missing.length > 0) {
      problems.push(
        `${pkg.name}: tsconfig.json lacks references to its dependencies ${missing.join(', ')}.`,
      );
    }
    if (extra.length > 0) {
      problems.push(
        `${pkg.name}: tsconfig.json references ${extra.join(', ')}, which package.json does not depend on.`,
      );
    }
  }
  return problems;
}
