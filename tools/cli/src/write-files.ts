import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { err, ok, StackError, type Result } from '@vyre/foundation';

// Output files and folders named on the command line, written or reported as CLI_OUTPUT_UNWRITABLE.

/**
 * Creates `folder` and its missing parents one level at a time. (`mkdir(…, { recursive: true })` of
 * Node 20 never settles under a parent such as /proc that refuses new entries with ENOENT: a command
 * would hang instead of failing.)
 */
async function makeFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  let path = resolve(folder);
  for (;;) {
    try {
      if (!(await stat(path)).isDirectory()) {
        throw new Error(`"${path}" exists and is not a folder`);
      }
      break;
    } catch (thrown) {
      if ((thrown as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw thrown;
      }
      missing.push(path);
      const parent = dirname(path);
      if (parent === path) {
        break;
      }
      path = parent;
    }
  }
  for (const dir of missing.reverse()) {
    try {
      await mkdir(dir);
    } catch (thrown) {
      if ((thrown as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw thrown;
      }
    }
  }
}

const unwritable = (what: string, thrown: unknown): Result<never> =>
  err(
    new StackError(
      'CLI_OUTPUT_UNWRITABLE',
      `writing ${what} failed: expected a writable path, found the error "${thrown instanceof Error ? thrown.message : String(thrown)}".`,
      { cause: thrown },
    ),
  );

/** Writes `data` to `path` (creating `folder` first when given), or returns CLI_OUTPUT_UNWRITABLE. */
export async function writeOutputFile(
  path: string,
  data: string | Uint8Array,
  folder?: string,
): Promise<Result<void>> {
  try {
    if (folder !== undefined) {
      await makeFolder(folder);
    }
    await writeFile(path, data);
    return ok(undefined);
  } catch (thrown) {
    return unwritable(`"${path}"`, thrown);
  }
}

/** Creates `folder` and writes each named file into it, or returns CLI_OUTPUT_UNWRITABLE. */
export async function writeOutputFiles(
  folder: string,
  files: readonly (readonly [name: string, data: string | Uint8Array])[],
): Promise<Result<void>> {
  try {
    await makeFolder(folder);
    for (const [name, data] of files) {
      await writeFile(join(folder, name), data);
    }
    return ok(undefined);
  } catch (thrown) {
    return unwritable(`into the folder "${folder}"`, thrown);
  }
}
