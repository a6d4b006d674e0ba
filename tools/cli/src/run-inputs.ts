import { readFile } from 'node:fs/promises';
import { err, ok, StackError, type Result } from '@vyre/foundation';
import { planBindings, type Program } from '@vyre/ir';
import { encodeValues } from './buffer-values.ts';
import { cliUsage } from './cli-usage.ts';

// `--input NAME=VALUE` for `vyre run`: VALUE is a JSON array of elements (typed by the buffer's element
// type, see buffer-values.ts) when it starts with `[`, and otherwise the path of a file holding the
// buffer's raw little-endian bytes. Every input of the binding ABI must be given exactly once.

/** The input byte arrays in binding-ABI order, from the `--input` arguments. */
export async function readRunInputs(
  program: Program,
  specs: readonly string[],
): Promise<Result<Uint8Array[]>> {
  const inputs = planBindings(program).inputs.map(
    (index) => program.buffers[index],
  );
  const names = inputs.map((decl) => decl?.name ?? '');
  const given = new Map<string, string>();
  for (const spec of specs) {
    const equals = spec.indexOf('=');
    const name = equals < 0 ? spec : spec.slice(0, equals);
    if (equals <= 0) {
      return cliUsage(
        `--input "${spec}" has no name: expected NAME=JSON-ARRAY or NAME=FILE, found "${spec}".`,
      );
    }
    if (!names.includes(name)) {
      return cliUsage(
        `--input names "${name}", which is not an input of this program: expected one of ${describeNames(names)}, found "${name}".`,
      );
    }
    if (given.has(name)) {
      return cliUsage(
        `--input gives "${name}" twice: expected each input once, found it again in "${spec}".`,
      );
    }
    given.set(name, spec.slice(equals + 1));
  }
  const missing = names.filter((name) => !given.has(name));
  if (missing.length > 0) {
    return cliUsage(
      `the program needs every input: expected --input for ${describeNames(names)}, found none for ${describeNames(missing)}.`,
    );
  }
  const bytes: Uint8Array[] = [];
  for (const decl of inputs) {
    const source = decl === undefined ? undefined : given.get(decl.name);
    if (decl === undefined || source === undefined) {
      return cliUsage('an input of the binding ABI has no declaration.');
    }
    // `[` starts a JSON array; `{` cannot start a file name anyone means, so it is bad JSON, not a file.
    const read = /^\s*[[{]/.test(source)
      ? fromJson(decl.element, source, decl.name)
      : await fromFile(source, decl.name);
    if (!read.ok) {
      return read;
    }
    bytes.push(read.value);
  }
  return ok(bytes);
}

function fromJson(
  element: Parameters<typeof encodeValues>[0],
  text: string,
  name: string,
): Result<Uint8Array> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return cliUsage(
      `--input ${name} is not valid JSON: expected a JSON array, found the error "${reason}".`,
    );
  }
  if (!Array.isArray(parsed)) {
    return cliUsage(
      `--input ${name} is not a JSON array: expected [v0, v1, ...], found ${typeof parsed}.`,
    );
  }
  return encodeValues(element, parsed, `--input ${name}`);
}

async function fromFile(
  path: string,
  name: string,
): Promise<Result<Uint8Array>> {
  try {
    return ok(new Uint8Array(await readFile(path)));
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return err(
      new StackError(
        'CLI_INPUT_UNREADABLE',
        `reading input ${name} from "${path}" failed: expected a readable file of raw bytes (or a JSON array starting with "["), found the error "${reason}".`,
        {
          cause: thrown,
          hint: 'Give the input as a JSON array (--input NAME=[1,2,3]) or as the path of a readable file of raw little-endian bytes.',
        },
      ),
    );
  }
}

function describeNames(names: readonly string[]): string {
  return names.length === 0
    ? 'no inputs'
    : names.map((name) => `"${name}"`).join(', ');
}
