import type { Program } from './program.ts';
import { decodeProgram } from './program-json-decode.ts';
import {
  PROGRAM_JSON_FORMAT,
  type ProgramJson,
} from './program-json-format.ts';

/**
 * The JSON form of a program as a plain object: fresh objects holding exactly the fields of the
 * format, keys in the order {@link stringifyProgram} writes them.
 *
 * @remarks
 * The result always decodes back to an equal program with {@link decodeProgram}. A program that could
 * not (a number outside its field's domain, an unknown kind or name, an extra field, or a tree beyond
 * {@link PROGRAM_JSON_LIMITS}) makes it throw the {@link ProgramJsonError} that decoding would
 * return, with the JSON Pointer of the offending value. `JSON.stringify` of the result loses the sign
 * of an f32 literal `-0`; use {@link stringifyProgram}.
 *
 * @param program - the program
 *
 * @example
 * ```ts
 * import { program, programToJson, ret } from '@vyre/ir';
 * const json = programToJson(program({ buffers: [], entry: [ret()] }));
 * console.log(json.format); // 'vyre.program/v1'
 * ```
 *
 * @public
 */
export function programToJson(program: Program): ProgramJson {
  const document: Record<string, unknown> = {
    format: PROGRAM_JSON_FORMAT,
    workgroupSize: program.workgroupSize,
    buffers: program.buffers,
    entry: program.entry,
  };
  if (program.entryOpId !== undefined) {
    document['entryOpId'] = program.entryOpId;
  }
  // The decoder checks every field and copies exactly the fields of the format, in table order.
  const decoded = decodeProgram(document);
  if (!decoded.ok) {
    throw decoded.error;
  }
  return { format: PROGRAM_JSON_FORMAT, ...decoded.value };
}

/**
 * Options for {@link stringifyProgram}.
 *
 * @public
 */
export interface StringifyProgramOptions {
  /** Spaces per nesting level, 0 to 10 as for `JSON.stringify`; 0 (the default) writes one line. */
  readonly indent?: number;
}

/**
 * Writes the JSON form of a program as text, with a fixed key order and the sign of an f32 `-0`
 * kept.
 *
 * @remarks
 * The text is what `JSON.stringify(programToJson(program), null, indent)` writes, except that
 * negative zero is written `-0` (which `JSON.parse` reads back as `-0`) instead of `0`. Throws the
 * same {@link ProgramJsonError} as {@link programToJson} for a program that would not decode back.
 * `parseProgram(stringifyProgram(p))` gives back a program equal to `p`.
 *
 * @param program - the program
 * @param options - indentation
 *
 * @example
 * ```ts
 * import { f32, program, stringifyProgram, store, outputBuffer, u32 } from '@vyre/ir';
 * const p = program({ buffers: [outputBuffer('out', 0, 'f32', 1)], entry: [store('out', u32(0), f32(-0))] });
 * stringifyProgram(p).includes('"value":-0'); // true
 * ```
 *
 * @public
 */
export function stringifyProgram(
  program: Program,
  options: StringifyProgramOptions = {},
): string {
  const indent = options.indent ?? 0;
  const width =
    typeof indent === 'number' && indent >= 1
      ? Math.min(10, Math.floor(indent))
      : 0;
  const out: string[] = [];
  writeJson(programToJson(program), ' '.repeat(width), '', out);
  return out.join('');
}

// A JSON writer for the plain data programToJson returns (strings, finite numbers, booleans, arrays,
// objects in insertion order). Its recursion is bounded by PROGRAM_JSON_LIMITS.maxDepth, which
// programToJson has checked.
function writeJson(
  value: unknown,
  gap: string,
  indent: string,
  out: string[],
): void {
  if (typeof value === 'string') {
    out.push(JSON.stringify(value));
    return;
  }
  if (typeof value === 'number') {
    out.push(Object.is(value, -0) ? '-0' : JSON.stringify(value));
    return;
  }
  if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
    return;
  }
  const inner = indent + gap;
  const separator = gap === '' ? ',' : `,\n${inner}`;
  const open = gap === '' ? '' : `\n${inner}`;
  const close = gap === '' ? '' : `\n${indent}`;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[', open);
    value.forEach((item: unknown, i) => {
      if (i > 0) {
        out.push(separator);
      }
      writeJson(item, gap, inner, out);
    });
    out.push(close, ']');
    return;
  }
  const entries = Object.entries(value as Readonly<Record<string, unknown>>);
  if (entries.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{', open);
  entries.forEach(([key, item], i) => {
    if (i > 0) {
      out.push(separator);
    }
    out.push(JSON.stringify(key), gap === '' ? ':' : ': ');
    writeJson(item, gap, inner, out);
  });
  out.push(close, '}');
}
