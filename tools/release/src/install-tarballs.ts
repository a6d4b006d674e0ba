import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Manifest } from './pack.ts';

// Installing packed tarballs with npm the way a user installs them from the registry, one package per
// fresh project, offline, with nothing but the tarballs.
//
// How npm finds the dependencies: the project depends on one tarball by its path, and `overrides` (npm
// 8.3 and later) maps every other packed name to its tarball. npm applies an override wherever that
// name appears in the tree, also to dependencies of dependencies and also with a `file:` spec, but an
// override never adds a package: only names that the installed tarballs declare, transitively, are
// installed. The other way, `npm cache add <tarball>` into an empty cache and then installing the
// declared semver ranges offline, does not work: the cache then holds tarballs but no registry metadata
// (packuments), and resolving `^0.0.0` offline fails with ENOTCACHED.
//
// What keeps anything else out: `--offline` with an empty cache of the project's own (a name that no
// tarball provides fails the install with ENOTCACHED instead of being fetched), and an environment
// without npm configuration (no user or global npmrc, no `npm_config_*` variables from the calling
// package manager) that could change what gets installed or where from. Running the project needs the
// same care: no `NODE_PATH` (see `isolatedEnv`), and a folder outside any `node_modules` tree, or Node
// would find packages above it.
//
// An override replaces the declared range, so npm no longer checks that the tarball's version
// satisfies it; the test checks that for vyre's own packages.

const execFileAsync = promisify(execFile);

/** The package.json inside a tarball. */
export function tarballManifest(tarball: string): Manifest {
  const text = execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], {
    encoding: 'utf8',
  });
  return JSON.parse(text) as Manifest;
}

/** The names npm installs for a package: its dependencies, optional ones and required peers. */
function declaredDependencies(manifest: Manifest): string[] {
  const requiredPeers = Object.keys(manifest.peerDependencies ?? {}).filter(
    (name) => manifest.peerDependenciesMeta?.[name]?.optional !== true,
  );
  return [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...requiredPeers,
  ];
}

/**
 * Every package that installing `roots` brings in, `roots` included, by name and sorted, computed from
 * the tarballs' own package.json files; throws when a declared name has no tarball.
 */
export function dependencyClosure(
  roots: readonly string[],
  manifests: ReadonlyMap<string, Manifest>,
): string[] {
  const found = new Set<string>();
  const visit = (name: string, declaredBy: string): void => {
    if (found.has(name)) {
      return;
    }
    const manifest = manifests.get(name);
    if (manifest === undefined) {
      throw new Error(
        `${declaredBy} needs ${name}: expected a packed tarball for it, found none among ${[...manifests.keys()].join(', ')}.`,
      );
    }
    found.add(name);
    for (const dependency of declaredDependencies(manifest)) {
      visit(dependency, name);
    }
  };
  for (const root of roots) {
    visit(root, 'the project');
  }
  return [...found].sort();
}

/**
 * The import specifiers a package's `exports` offer (`.` as the bare name); blocked (`null`) and
 * pattern (`*`) entries have no fixed specifier and are left out.
 */
export function exportSpecifiers(manifest: Manifest): string[] {
  return Object.entries(manifest.exports ?? {})
    .filter(([key, target]) => target !== null && !key.includes('*'))
    .map(([key]) =>
      key === '.' ? manifest.name : `${manifest.name}${key.slice(1)}`,
    )
    .sort();
}

/**
 * Writes a fresh project's package.json into `project`: it depends on the tarballs of `direct` alone,
 * and overrides every other name in `tarballs` (name to tarball path) with its tarball.
 */
export function writeConsumerProject(
  project: string,
  direct: readonly string[],
  tarballs: ReadonlyMap<string, string>,
): void {
  const spec = (name: string): string => {
    const file = tarballs.get(name);
    if (file === undefined) {
      throw new Error(`no tarball for ${name}`);
    }
    return `file:${file}`;
  };
  // npm refuses (EOVERRIDE) an override of a direct dependency with a different spec, so the direct
  // ones are not overridden.
  const overridden = [...tarballs.keys()].filter(
    (name) => !direct.includes(name),
  );
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify(
      {
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(
          direct.map((name) => [name, spec(name)]),
        ),
        overrides: Object.fromEntries(
          overridden.map((name) => [name, spec(name)]),
        ),
      },
      null,
      2,
    )}\n`,
  );
}

/**
 * This process's environment without what would reach outside a consumer project: `NODE_PATH` (pnpm's
 * bin shims point it at the workspace's packages, where CommonJS `require` would find undeclared ones),
 * `NODE_OPTIONS`, and npm's `npm_config_*` settings.
 */
export function isolatedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => {
      const name = key.toLowerCase();
      return (
        name !== 'node_path' &&
        name !== 'node_options' &&
        !name.startsWith('npm_config_')
      );
    }),
  );
}

/** Runs `npm install` in `project`, offline, with `cache` (an empty folder of its own) as npm's cache. */
export async function installOffline(
  project: string,
  cache: string,
): Promise<void> {
  mkdirSync(cache, { recursive: true });
  // Empty user and global configuration (npm refuses one file for both).
  const userConfig = join(cache, 'user.npmrc');
  const globalConfig = join(cache, 'global.npmrc');
  writeFileSync(userConfig, '');
  writeFileSync(globalConfig, '');
  await execFileAsync(
    'npm',
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--no-update-notifier',
      '--ignore-scripts',
      '--loglevel=error',
    ],
    {
      cwd: project,
      encoding: 'utf8',
      env: {
        ...isolatedEnv(),
        npm_config_cache: cache,
        npm_config_userconfig: userConfig,
        npm_config_globalconfig: globalConfig,
      },
    },
  );
}

/**
 * The packages installed in `project`'s `node_modules`, nested ones included, by name and sorted (a
 * name installed twice appears twice).
 */
export function installedPackages(project: string): string[] {
  const names: string[] = [];
  const walk = (nodeModules: string): void => {
    if (!existsSync(nodeModules)) {
      return;
    }
    for (const entry of readdirSync(nodeModules)) {
      // `.bin`, `.package-lock.json`
      if (entry.startsWith('.')) {
        continue;
      }
      const packages = entry.startsWith('@')
        ? readdirSync(join(nodeModules, entry)).map(
            (name) => `${entry}/${name}`,
          )
        : [entry];
      for (const name of packages) {
        names.push(name);
        walk(join(nodeModules, name, 'node_modules'));
      }
    }
  };
  walk(join(project, 'node_modules'));
  return names.sort();
}
