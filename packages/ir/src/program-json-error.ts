import {
  StackError,
  type ErrorCode,
  type StackErrorOptions,
} from '@vyre/foundation';

/**
 * Why a program JSON document was rejected: a coded {@link @vyre/foundation#StackError} that also
 * names the place in the document.
 *
 * @remarks
 * `path` is a JSON Pointer (RFC 6901) to the offending value, for example `/entry/0/body/2/value/op`;
 * the empty string is the whole document. For a missing field it points at the field that should be
 * there. The message starts with the same pointer and says what was expected and what was found.
 *
 * @example
 * ```ts
 * import { parseProgram } from '@vyre/ir';
 * const result = parseProgram('{"format":"vyre.program/v2"}');
 * if (!result.ok) console.log(result.error.code, result.error.path); // IR_JSON_UNSUPPORTED_FORMAT /format
 * ```
 *
 * @public
 */
export class ProgramJsonError extends StackError {
  /** Always `'ProgramJsonError'`. */
  override readonly name: string = 'ProgramJsonError';
  /** A JSON Pointer to the offending value; `''` is the whole document. */
  readonly path: string;

  /**
   * @param code - an `IR_JSON_*` code
   * @param path - a JSON Pointer to the offending value
   * @param message - what failed, what was expected and what was found (after the pointer)
   * @param options - a specific hint and the cause
   */
  constructor(
    code: ErrorCode,
    path: string,
    message: string,
    options: StackErrorOptions = {},
  ) {
    super(code, `program JSON at ${shownPath(path)}: ${message}`, options);
    this.path = path;
  }
}

const MAX_SHOWN_PATH = 200;

// The pointer as the message shows it: cut in the middle when a hostile document makes it huge
// (`path` itself stays exact).
function shownPath(path: string): string {
  if (path === '') {
    return '(document root)';
  }
  if (path.length <= MAX_SHOWN_PATH) {
    return path;
  }
  const half = MAX_SHOWN_PATH / 2;
  return `${path.slice(0, half)}…${path.slice(-half)}`;
}
