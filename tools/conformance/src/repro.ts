import { parseProgram, stringifyProgram, type Program } from '@vyre/ir';

// The JSON repro of a difference between two backends: everything needed to run the case again (the
// program, the grid, the input bytes, the seed they came from) and what each backend produced. Kept
// under `tools/conformance/regressions/` once fixed, where a test runs every one on every backend.

/** One backend's side of a repro. */
export interface ReproSide {
  readonly backend: string;
  /** Output bytes as hex, one string per output of the binding ABI; or the error code. */
  readonly outputs?: readonly string[];
  readonly error?: string;
}

/** A differential case that two backends disagreed on. */
export interface Repro {
  readonly description: string;
  readonly program: Program;
  readonly grid: readonly [number, number, number];
  /** Input bytes as hex, one string per input of the binding ABI. */
  readonly inputs: readonly Uint8Array[];
  readonly seed: number;
  readonly a?: ReproSide;
  readonly b?: ReproSide;
}

const FORMAT = 'vyre.repro/v1';

/** Lowercase hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(text: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-f]{2})*$/.test(text)) {
    return undefined;
  }
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}

/** The repro as pretty JSON text. */
export function stringifyRepro(repro: Repro): string {
  return `${JSON.stringify(
    {
      format: FORMAT,
      description: repro.description,
      grid: repro.grid,
      seed: repro.seed,
      inputs: repro.inputs.map(toHex),
      ...(repro.a === undefined ? {} : { a: repro.a }),
      ...(repro.b === undefined ? {} : { b: repro.b }),
      program: JSON.parse(stringifyProgram(repro.program)) as unknown,
    },
    null,
    2,
  )}\n`;
}

/** Reads a repro, or says what is wrong with the text. */
export function parseRepro(text: string): Repro | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (thrown) {
    return `not JSON: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
  }
  if (typeof raw !== 'object' || raw === null) {
    return 'expected an object';
  }
  const r = raw as Record<string, unknown>;
  if (r['format'] !== FORMAT) {
    return `expected format "${FORMAT}", found ${JSON.stringify(r['format'])}`;
  }
  const program = parseProgram(JSON.stringify(r['program']));
  if (!program.ok) {
    return `program: ${program.error.message}`;
  }
  const grid = r['grid'];
  if (
    !Array.isArray(grid) ||
    grid.length !== 3 ||
    !grid.every((n) => Number.isInteger(n) && (n as number) >= 1)
  ) {
    return 'grid: expected three positive integers';
  }
  const hex = r['inputs'];
  const inputs = Array.isArray(hex)
    ? hex.map((h) => (typeof h === 'string' ? fromHex(h) : undefined))
    : [];
  if (!Array.isArray(hex) || inputs.some((bytes) => bytes === undefined)) {
    return 'inputs: expected an array of hex strings';
  }
  return {
    description: typeof r['description'] === 'string' ? r['description'] : '',
    program: program.value,
    grid: grid as [number, number, number],
    inputs: inputs as Uint8Array[],
    seed: typeof r['seed'] === 'number' ? r['seed'] : 0,
  };
}
