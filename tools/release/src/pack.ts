import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
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

/** The fields of a package.json that packing and installing read. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<
    Record<string, { readonly optional?: boolean }>
  >;
  readonly exports?: Readonly<Record<string, unknown>>;
}

/** The package.json in `dir`. */
export const readManifest = (dir: string): Manifest =>
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
 * Packs the third-party dependencies of the packages in `dirs`, and their peer dependencies other than
 * `leaveOut`, as installed here (so nothing is fetched) into `outDir`.
 */
export function packThirdPartyDependencies(
  dirs: readonly string[],
  outDir: string,
  leaveOut: ReadonlySet<string> = new Set(),
): Packed[] {
  const packed = new Map<string, Packed>();
  // npm 11 cannot pack some folders where they lie in pnpm's virtual store, node_modules/.pnpm
  // (`npm pack` of @opentelemetry/api 1.9.1 there ends in "Exit handler never called!" with no
  // tarball), so each one is packed from a plain copy; the copy is built, so no lifecycle script runs.
  const staging = mkdtempSync(join(tmpdir(), 'vyre-pack-'));
  try {
    for (const dir of dirs) {
      const manifest = readManifest(dir);
      const names = [
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ];
      for (const name of names) {
        if (
          name.startsWith('@vyre/') ||
          leaveOut.has(name) ||
          packed.has(name)
        ) {
          continue;
        }
        // Where the package manager installed it for this package (pnpm links it here; a peer is
        // there because the package also lists it in devDependencies).
        const depDir = realpathSync(join(dir, 'node_modules', name));
        const copy = join(staging, name);
        cpSync(depDir, copy, { recursive: true, dereference: true });
        const output = execFileSync(
          'npm',
          [
            'pack',
            copy,
            '--pack-destination',
            outDir,
            '--ignore-scripts',
            '--silent',
          ],
          { encoding: 'utf8' },
        );
        const file = packedFile(output, outDir);
        packed.set(name, {
          name,
          version: readManifest(depDir).version,
          file,
          bytes: statSync(file).size,
        });
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
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
