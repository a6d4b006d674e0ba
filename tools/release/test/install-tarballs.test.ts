import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  packPackage,
  packThirdPartyDependencies,
  publishedPackageDirs,
  REPOSITORY_ROOT,
  typeProblems,
  type Packed,
} from '../src/pack.ts';

// The release dry run's proof: every published package packed as a publish would, installed with npm
// into a fresh project from those tarballs only (offline; third-party dependencies packed from this
// checkout), and a program that imports each package on its own by name runs.

const scratch = mkdtempSync(join(tmpdir(), 'vyre-release-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

interface TarballManifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly exports?: Record<string, unknown>;
}

function manifestOf(tarball: string): TarballManifest {
  const text = execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], {
    encoding: 'utf8',
  });
  return JSON.parse(text) as TarballManifest;
}

describe('the release dry run', { tags: ['slow'], timeout: 180_000 }, () => {
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const dirs = publishedPackageDirs();
  let ours: Packed[] = [];

  it('packs every published package with built exports and versioned dependencies', () => {
    ours = dirs.map((dir) => packPackage(dir, tarballs));
    expect(ours.map((p) => p.name).sort()).toEqual([
      '@vyre/driver-cpu-ref',
      '@vyre/driver-webgpu',
      '@vyre/foundation',
      '@vyre/ir',
      '@vyre/runtime',
      '@vyre/telemetry',
    ]);
    for (const packed of ours) {
      const manifest = manifestOf(packed.file);
      const text = JSON.stringify(manifest);
      expect(text, packed.name).not.toContain('workspace:');
      expect(text, packed.name).not.toContain('catalog:');
      expect(manifest.exports?.['.'], packed.name).toEqual({
        types: './dist/index.d.ts',
        default: './dist/index.js',
      });
      const files = execFileSync('tar', ['-tzf', packed.file], {
        encoding: 'utf8',
      });
      expect(files, packed.name).toContain('package/dist/index.js');
      expect(files, packed.name).toContain('package/dist/index.d.ts');
      expect(typeProblems(packed.file), packed.name).toEqual([]);
    }
  });

  it('installs into a fresh project with npm from the tarballs alone, and each package imports on its own', () => {
    const third = packThirdPartyDependencies(dirs, tarballs);
    const project = join(scratch, 'consumer');
    mkdirSync(project, { recursive: true });
    const dependencies = Object.fromEntries(
      [...ours, ...third].map((p) => [p.name, `file:${p.file}`]),
    );
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify(
        { name: 'consumer', private: true, type: 'module', dependencies },
        null,
        2,
      ),
    );
    writeFileSync(
      join(project, 'index.mjs'),
      readFileSync(join(REPOSITORY_ROOT, 'tools/release/consumer/index.mjs')),
    );
    // --offline: nothing may come from a registry; the optional peers (webgpu, @opentelemetry/api)
    // stay out, as in a project that does not need them.
    execFileSync(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--loglevel=error',
      ],
      {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, npm_config_cache: join(scratch, 'npm-cache') },
      },
    );
    const output = execFileSync('node', ['index.mjs'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(JSON.parse(output.trim())).toEqual({
      foundation: true,
      ir: true,
      driverCpuRef: true,
      driverWebgpu: true,
      runtime: true,
      telemetry: true,
    });
  });
});
