import { execFile } from 'node:child_process';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, sep } from 'node:path';
import { promisify } from 'node:util';
import { isolatedEnv } from './install-tarballs.ts';
import { REPOSITORY_ROOT } from './pack.ts';
import type { TypeConsumer } from './type-consumers.ts';

// Type-checking a TypeScript program in a consumer project against the declarations the tarballs
// installed, with the workspace's own compiler (nothing is installed into the project for it).
//
// The options are those of a strict application that loads the packages as Node does, or through a
// bundler: `skipLibCheck: false`, so every .d.ts of the installed packages is checked, `types: []`, so
// no @types package is read unless a declaration imports it, and `lib` ES2022 plus only what a
// package's README asks for. `skipDefaultLibCheck` leaves out TypeScript's own lib files: they are not
// under test, and checking lib.dom.d.ts costs about two seconds a pass. tsc resolves packages from the
// project's node_modules upward, and the test checks that no node_modules lies above the project; the
// files tsc read (`--listFiles`) are returned so the test can check they all lie in the project or
// among TypeScript's lib files.

const execFileAsync = promisify(execFile);

const TSC: string = createRequire(
  join(REPOSITORY_ROOT, 'package.json'),
).resolve('typescript/lib/tsc.js');

/** The version of the workspace's TypeScript, the one `typeCheck` runs. */
export const TYPESCRIPT_VERSION: string = (
  JSON.parse(
    readFileSync(join(dirname(TSC), '..', 'package.json'), 'utf8'),
  ) as { version: string }
).version;

/** The folder of TypeScript's lib files (lib.es2022.d.ts, lib.dom.d.ts, ...). */
const TYPESCRIPT_LIB_DIR: string = realpathSync(dirname(TSC));

/** A pass's module setting: Node's own resolution, or a bundler's. */
type ModuleSetting = 'nodenext' | 'bundler';

const MODULE_SETTINGS: Readonly<
  Record<ModuleSetting, { module: string; moduleResolution: string }>
> = {
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
};

/**
 * Writes `tsconfig.<name>.json` into `project`, compiling `file` (in `project`) with `lib` and the module
 * setting `modules`, and returns its file name.
 */
function writeTsconfig(
  project: string,
  name: string,
  file: string,
  lib: readonly string[],
  modules: ModuleSetting,
): string {
  const config = `tsconfig.${name}.json`;
  writeFileSync(
    join(project, config),
    `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          ...MODULE_SETTINGS[modules],
          target: 'es2022',
          lib,
          types: [],
          resolveJsonModule: true,
          skipLibCheck: false,
          skipDefaultLibCheck: true,
          noEmit: true,
        },
        files: [file],
      },
      null,
      2,
    )}\n`,
  );
  return config;
}

/** The tsconfig files `writeTypeConsumer` wrote. */
export interface TypeConsumerConfigs {
  /** One per module setting: each must compile. */
  readonly passes: readonly string[];
  /** The refused program's: it must not compile. */
  readonly refused?: string;
}

/**
 * Writes `consumer`'s program (consumer.ts, and refused.ts where it has one) into `project`, with a
 * tsconfig for each pass.
 */
export function writeTypeConsumer(
  project: string,
  consumer: TypeConsumer,
): TypeConsumerConfigs {
  writeFileSync(join(project, 'consumer.ts'), consumer.source);
  const passes = (['nodenext', 'bundler'] as const).map((modules) =>
    writeTsconfig(project, modules, 'consumer.ts', consumer.lib, modules),
  );
  if (consumer.refused === undefined) {
    return { passes };
  }
  writeFileSync(join(project, 'refused.ts'), consumer.refused.source);
  return {
    passes,
    refused: writeTsconfig(
      project,
      'refused',
      'refused.ts',
      consumer.refused.lib,
      'nodenext',
    ),
  };
}

/** What one tsc run reported. */
export interface TypeCheckResult {
  /** The command line, as in `tsc -p tsconfig.x.json`. */
  readonly command: string;
  readonly exitCode: number;
  /** tsc's diagnostics, one per line (continuation lines included), paths relative to the project. */
  readonly diagnostics: string;
  /** Every file in tsc's program (`--listFiles`), as real paths. */
  readonly files: readonly string[];
}

/** Runs the workspace's tsc on `config` in `project` (its cwd). */
export async function typeCheck(
  project: string,
  config: string,
): Promise<TypeCheckResult> {
  const args = ['-p', config, '--pretty', 'false', '--listFiles'];
  let stdout: string;
  let stderr: string;
  let exitCode = 0;
  try {
    ({ stdout, stderr } = await execFileAsync(
      process.execPath,
      [TSC, ...args],
      {
        cwd: project,
        encoding: 'utf8',
        env: isolatedEnv(),
      },
    ));
  } catch (thrown) {
    if (
      typeof thrown !== 'object' ||
      thrown === null ||
      !('stdout' in thrown) ||
      !('code' in thrown) ||
      typeof thrown.code !== 'number'
    ) {
      throw thrown;
    }
    stdout = String(thrown.stdout);
    stderr = 'stderr' in thrown ? String(thrown.stderr) : '';
    exitCode = thrown.code;
  }
  // `--listFiles` prints absolute paths; `--pretty false` diagnostics start with a relative path or
  // `error TS`, their continuation lines with spaces. A crash goes to stderr.
  const lines = `${stdout}\n${stderr}`
    .split('\n')
    .filter((line) => line.trim() !== '');
  return {
    command: `tsc ${args.slice(0, 2).join(' ')}`,
    exitCode,
    diagnostics: lines.filter((line) => !isAbsolute(line)).join('\n'),
    files: lines
      .filter((line) => isAbsolute(line))
      .map((file) => realpathSync(file)),
  };
}

/** The files among `files` that lie neither in `project` nor among TypeScript's lib files. */
export function filesOutside(
  project: string,
  files: readonly string[],
): string[] {
  const inside = [realpathSync(project), TYPESCRIPT_LIB_DIR].map(
    (dir) => dir + sep,
  );
  return files.filter((file) => !inside.some((dir) => file.startsWith(dir)));
}
