import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

// Packing as a publish would: `pnpm pack` applies each package's `publishConfig` (the built `exports`)
// and turns `workspace:` and `catalog:` ranges into versions, so the tarball is what npm would receive.

/** A packed tarball. */
export interface Packed {
  readonly name: string;
  readonly version: string;
  /** Absolute path of the tarball. */
  readonly file: string;
  readonly bytes: number;
}

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** The repository root (two levels above this tool). */
export const REPOSITORY_ROOT: string = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
);

/** The published packages' directories: every non-private package under `packages/`. */
export function publishedPackageDirs(root: string = REPOSITORY_ROOT): string[] {
  const base = join(root, 'packages');
  return readdirSync(base)
    .map((entry) => join(base, entry))
    .filter(
      (dir) =>
        statSync(dir).isDirectory() && readManifest(dir).private !== true,
    )
    .sort();
}

// The tarball's path is the last line `pnpm pack` / `npm pack` prints.
function packedFile(output: string, outDir: string): string {
  const last = output.trim().split('\n').at(-1)?.trim() ?? '';
  return resolve(outDir, basename(last));
}

/** Packs the package in `dir` with pnpm into `outDir` (it must be built: the tarball ships `dist/`). */
export function packPackage(dir: string, outDir: string): Packed {
  const manifest = readManifest(dir);
  const output = execFileSync('pnpm', ['pack', '--pack-destination', outDir], {
    cwd: dir,
    encoding: 'utf8',
  });
  const file = packedFile(output, outDir);
  return {
    name: manifest.name,
    version: manifest.version,
    file,
    bytes: statSync(file).size,
  };
}

/**
 * Packs the third-party dependencies of the packages in `dirs` (as installed here, so nothing is
 * fetched) into `outDir`.
 */
export function packThirdPartyDependencies(
  dirs: readonly string[],
  outDir: string,
): Packed[] {
  const packed = new Map<string, Packed>();
  for (const dir of dirs) {
    for (const name of Object.keys(readManifest(dir).dependencies ?? {})) {
      if (name.startsWith('@vyre/') || packed.has(name)) {
        continue;
      }
      // Where the package manager installed it for this package (pnpm links it here).
      const depDir = realpathSync(join(dir, 'node_modules', name));
      const output = execFileSync(
        'npm',
        ['pack', depDir, '--pack-destination', outDir, '--silent'],
        { encoding: 'utf8' },
      );
      const file = packedFile(output, outDir);
      const manifest = readManifest(depDir);
      packed.set(name, {
        name,
        version: manifest.version,
        file,
        bytes: statSync(file).size,
      });
    }
  }
  return [...packed.values()];
}

/**
 * "Are the types wrong?" for a packed tarball, for ESM consumers (vyre ships ESM only): the problems
 * found, by kind, or none.
 */
export function typeProblems(tarball: string): string[] {
  try {
    execFileSync(
      join(import.meta.dirname, '..', 'node_modules', '.bin', 'attw'),
      [tarball, '--profile', 'esm-only', '--format', 'json'],
      { encoding: 'utf8' },
    );
    return [];
  } catch (thrown) {
    const stdout =
      typeof thrown === 'object' && thrown !== null && 'stdout' in thrown
        ? String(thrown.stdout)
        : String(thrown);
    return [stdout.slice(0, 2000)];
  }
}
