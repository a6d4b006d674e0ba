import type { BufferDecl } from './buffer-decl.ts';
import type { Node } from './node.ts';

/**
 * The `format` tag of the JSON form this version writes and reads.
 *
 * @public
 */
export const PROGRAM_JSON_FORMAT = 'vyre.program/v1';

/**
 * A program in its JSON form (`vyre.program/v1`): the {@link Program} fields with a `format` tag.
 *
 * @remarks
 * Buffers, statements and expressions are written with exactly the field names of their TypeScript
 * objects, `kind` tags included; optional fields are absent rather than `null`. The format, its
 * versioning policy and its limits are specified in `docs/program-json.md`, and
 * `@vyre/ir/program.schema.json` is its JSON Schema.
 *
 * @public
 */
export interface ProgramJson {
  /** Always {@link PROGRAM_JSON_FORMAT}; a later format gets a new version. */
  readonly format: typeof PROGRAM_JSON_FORMAT;
  /** Invocations per workgroup along x, y and z. */
  readonly workgroupSize: readonly [number, number, number];
  /** The buffers, with the same fields as {@link BufferDecl}. */
  readonly buffers: readonly BufferDecl[];
  /** The body, with the same fields as the {@link Node} objects. */
  readonly entry: readonly Node[];
  /** The operation the program implements, when it is a registered op. */
  readonly entryOpId?: string;
}
