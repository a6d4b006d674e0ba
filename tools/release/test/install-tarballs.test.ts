import { execFile, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dependencyClosure,
  exportSpecifiers,
  installedPackages,
  installOffline,
  isolatedEnv,
  tarballManifest,
  writeConsumerProject,
} from '../src/install-tarballs.ts';
import {
  packPackage,
  packThirdPartyDependencies,
  publishedPackageDirs,
  readManifest,
  REPOSITORY_ROOT,
  typeProblems,
  type Manifest,
} from '../src/pack.ts';
import {
  filesOutside,
  typeCheck,
  TYPESCRIPT_VERSION,
  writeTypeConsumer,
} from '../src/type-check.ts';
import { importedSpecifiers, typeConsumer } from '../src/type-consumers.ts';

// The release dry run's proof: every published package packed as a publish would, then installed with
// npm on its own into a fresh project from those tarballs only (offline; third-party dependencies packed
// from this checkout), where a program imports it by each specifier it exports and uses it, and a
// TypeScript program doing the same type-checks against its published declarations. A package that
// forgets to declare a dependency fails here, even one its declarations alone import: nothing it did
// not declare is installed beside it.

const execFileAsync = promisify(execFile);

// Optional peers never installed here: `webgpu` is Dawn, about 130 MB of native binaries for every
// platform, and creating a device needs a GPU; the gpu-tagged tests of driver-webgpu and runtime cover
// that path.
const LEFT_OUT_PEERS: ReadonlySet<string> = new Set(['webgpu']);

const CONSUMER = join(REPOSITORY_ROOT, 'tools/release/consumer/index.mjs');

const scratch = mkdtempSync(join(tmpdir(), 'vyre-release-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

// Each published package alone, and once more with its optional peers where it has any (a project
// that uses the entry point needing them installs them).
const dirs = publishedPackageDirs();
const cases = dirs.flatMap((dir) => {
  const { name, peerDependencies = {} } = readManifest(dir);
  const peers = Object.keys(peerDependencies).filter(
    (peer) => !LEFT_OUT_PEERS.has(peer),
  );
  return [
    [`${name} alone`, name, [] as string[]] as const,
    ...(peers.length === 0
      ? []
      : [[`${name} with ${peers.join(', ')}`, name, peers] as const]),
  ];
});

/**
 * Runs the consumer in `project` and returns its results; a failed check (exit 1) still returns them,
 * so the assertion shows what was found, and a crash (no results) throws with its stderr.
 */
async function runConsumer(
  project: string,
  args: readonly string[],
): Promise<unknown> {
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync('node', ['index.mjs', ...args], {
      cwd: project,
      encoding: 'utf8',
      env: isolatedEnv(),
    }));
  } catch (thrown) {
    const partial =
      typeof thrown === 'object' && thrown !== null && 'stdout' in thrown
        ? String(thrown.stdout)
        : '';
    if (partial.trim() === '') {
      throw thrown;
    }
    stdout = partial;
  }
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
}

describe('the release dry run', { tags: ['slow'], timeout: 180_000 }, () => {
  const tarballs = join(scratch, 'tarballs');
  // Name to tarball path, and name to the package.json inside it: vyre's packages and third-party ones.
  const files = new Map<string, string>();
  const manifests = new Map<string, Manifest>();
  let ours: string[] = [];

  beforeAll(() => {
    mkdirSync(tarballs, { recursive: true });
    const packed = [
      ...dirs.map((dir) => packPackage(dir, tarballs)),
      ...packThirdPartyDependencies(dirs, tarballs, LEFT_OUT_PEERS),
    ];
    for (const { name, file } of packed) {
      files.set(name, file);
      manifests.set(name, tarballManifest(file));
    }
    ours = [...files.keys()].filter((name) => name.startsWith('@vyre/'));
  }, 120_000);

  it('packs every published package with built exports and versioned dependencies', () => {
    expect(ours.sort()).toEqual([
      '@vyre/driver-cpu-ref',
      '@vyre/driver-webgpu',
      '@vyre/foundation',
      '@vyre/ir',
      '@vyre/runtime',
      '@vyre/telemetry',
    ]);
    for (const name of ours) {
      const file = files.get(name)!;
      const manifest = manifests.get(name)!;
      const text = JSON.stringify(manifest);
      expect(text, name).not.toContain('workspace:');
      expect(text, name).not.toContain('catalog:');
      expect(manifest.exports?.['.'], name).toEqual({
        types: './dist/index.d.ts',
        default: './dist/index.js',
      });
      // The installs below override these ranges with the tarballs, so npm does not check them: each
      // names the packed version (`workspace:^` becomes `^<version>`).
      for (const [dependency, range] of Object.entries(
        manifest.dependencies ?? {},
      )) {
        if (dependency.startsWith('@vyre/')) {
          expect(range, `${name} -> ${dependency}`).toBe(
            `^${manifests.get(dependency)?.version}`,
          );
        }
      }
      const listing = execFileSync('tar', ['-tzf', file], {
        encoding: 'utf8',
      });
      expect(listing, name).toContain('package/dist/index.js');
      expect(listing, name).toContain('package/dist/index.d.ts');
      expect(typeProblems(file), name).toEqual([]);
    }
  });

  it('works in a scratch folder with no node_modules above it', () => {
    // Node looks for packages in every node_modules above the importing file; one there (a TMPDIR
    // inside this repository, say) would supply what a project did not install.
    const above: string[] = [];
    for (let dir = scratch; dir !== dirname(dir);) {
      dir = dirname(dir);
      above.push(join(dir, 'node_modules'));
    }
    expect(above.filter((folder) => existsSync(folder))).toEqual([]);
  });

  it.concurrent.for(cases)(
    'installs %s from the tarballs, and programs in JavaScript and TypeScript use each entry point',
    async ([label, name, peers], { expect }) => {
      const slug = label.replace(/[^a-z0-9]+/g, '-');
      const project = join(scratch, 'projects', slug);
      const direct = [name, ...peers];
      writeConsumerProject(project, direct, files);
      copyFileSync(CONSUMER, join(project, 'index.mjs'));
      await installOffline(project, join(scratch, 'caches', slug));
      // Exactly what the tarballs declare, once each: the package, its dependencies' closure and the
      // peers the project asked for.
      expect(installedPackages(project)).toEqual(
        dependencyClosure(direct, manifests),
      );
      const results = await runConsumer(
        project,
        peers.length === 0 ? [name] : [name, '--with-peers'],
      );
      expect(results).toEqual(
        Object.fromEntries(
          exportSpecifiers(manifests.get(name)!).map((specifier) => [
            specifier,
            true,
          ]),
        ),
      );
      // A TypeScript program, type-checked by the workspace's tsc against the declarations installed:
      // once resolving as Node does and once as a bundler does. Its entry points and the refused
      // program's (one that needs what the project lacks) are every one the package exports.
      const consumer = typeConsumer(name, peers.length > 0);
      expect(
        importedSpecifiers(
          `${consumer.source}\n${consumer.refused?.source ?? ''}`,
        ),
      ).toEqual(exportSpecifiers(manifests.get(name)!));
      const configs = writeTypeConsumer(project, consumer);
      for (const config of configs.passes) {
        const checked = await typeCheck(project, config);
        const where = `${checked.command} in ${project} (TypeScript ${TYPESCRIPT_VERSION})`;
        expect(checked.diagnostics, where).toBe('');
        expect(checked.exitCode, where).toBe(0);
        // Nothing from outside the project but TypeScript's own lib files.
        expect(filesOutside(project, checked.files), where).toEqual([]);
      }
      if (configs.refused !== undefined) {
        const refused = await typeCheck(project, configs.refused);
        expect(
          refused.diagnostics,
          `${refused.command} in ${project}: expected it not to compile`,
        ).toMatch(consumer.refused!.diagnostic);
      }
    },
  );

  it.concurrent(
    'installs every package together, and they work with each other',
    async ({ expect }) => {
      const project = join(scratch, 'projects', 'together');
      writeConsumerProject(project, ours, files);
      copyFileSync(CONSUMER, join(project, 'index.mjs'));
      await installOffline(project, join(scratch, 'caches', 'together'));
      expect(installedPackages(project)).toEqual(
        dependencyClosure(ours, manifests),
      );
      expect(await runConsumer(project, ['--together'])).toEqual({
        runtimeDrainsOnCpuRef: true,
        telemetryDecodesTheRun: true,
        oneFoundation: true,
      });
    },
  );
});
