import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { err, ok, StackError, type Result } from '@vyre/foundation';
import type { RegressionFile } from './conformance-suite.ts';

// What only Node can do for the suite (`@vyre/conformance/node`): read the regression repros from disk.
// The main entry stays free of Node modules, so the browser demo can bundle it.

/** This package's `regressions/` folder. */
const REGRESSIONS_DIRECTORY: string = fileURLToPath(
  new URL('../regressions/', import.meta.url),
);

/**
 * Reads every `*.json` repro of `directory` (default: this package's `regressions/`), sorted by name,
 * for the suite's `regressions` option.
 *
 * @param directory - the folder of repros
 */
export function readRegressions(
  directory: string = REGRESSIONS_DIRECTORY,
): Result<RegressionFile[]> {
  try {
    const names = readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .sort();
    return ok(
      names.map((name) => ({
        name,
        text: readFileSync(join(directory, name), 'utf8'),
      })),
    );
  } catch (cause) {
    return err(
      new StackError(
        'CLI_INPUT_UNREADABLE',
        `the regression repros could not be read: expected a folder of .json repros at ${directory}, found ${cause instanceof Error ? cause.message : String(cause)}.`,
        { cause },
      ),
    );
  }
}
