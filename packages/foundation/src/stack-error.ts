import { ErrorCatalog, type ErrorCode } from './error-catalog.ts';

/**
 * Options for {@link StackError}.
 *
 * @public
 */
export interface StackErrorOptions {
  /** How to fix this occurrence; defaults to the catalog's hint for the code. */
  readonly hint?: string;
  /** The underlying error, kept as the standard `cause`. */
  readonly cause?: unknown;
}

/**
 * The JSON form of a {@link StackError}, as printed by `vyre ... --json`.
 *
 * @public
 */
export interface StackErrorJson {
  /** The stable code. */
  readonly code: ErrorCode;
  /** What failed, what was expected and what was found. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
}

/**
 * The one error class of vyre: a stable {@link ErrorCode}, a message and a "Fix:" hint.
 *
 * @remarks
 * The message says what failed, what was expected and what was found; the hint says how to fix it.
 * Expected failures are returned inside a `Result` rather than thrown; see `docs/errors.md`.
 *
 * @example
 * ```ts
 * import { StackError } from '@vyre/foundation';
 * const error = new StackError('BYTES_MISALIGNED', 'input "a" is 6 bytes long: expected a multiple of 4, found 6.');
 * console.log(error.format());
 * // [BYTES_MISALIGNED] input "a" is 6 bytes long: expected a multiple of 4, found 6.
 * // Fix: Pad the data to a whole number of words (multiples of 4 bytes) or align the offset.
 * ```
 *
 * @public
 */
export class StackError extends Error {
  /** `'StackError'`, or the subclass name. */
  override readonly name: string = 'StackError';
  /** The stable code; match on this, never on the message. */
  readonly code: ErrorCode;
  /** How to fix it, rendered after "Fix:". */
  readonly hint: string;

  /**
   * @param code - the catalog code
   * @param message - what failed, what was expected and what was found
   * @param options - a specific hint and the cause
   */
  constructor(
    code: ErrorCode,
    message: string,
    options: StackErrorOptions = {},
  ) {
    super(
      message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.hint = options.hint ?? ErrorCatalog[code].hint;
  }

  /** Renders the error for people: `[CODE] message` and a `Fix:` line. */
  format(): string {
    return `[${this.code}] ${this.message}\nFix: ${this.hint}`;
  }

  /** Renders the error for programs. */
  toJSON(): StackErrorJson {
    return { code: this.code, message: this.message, hint: this.hint };
  }

  /** The name followed by {@link StackError.format}. */
  override toString(): string {
    return `${this.name} ${this.format()}`;
  }
}

/**
 * Whether `value` is a {@link StackError}, optionally with a given code.
 *
 * @param value - anything
 * @param code - a code to match, or nothing to accept any code
 *
 * @example
 * ```ts
 * import { isStackError } from '@vyre/foundation';
 * try { JSON.parse('{'); } catch (thrown) { console.log(isStackError(thrown)); } // false
 * ```
 *
 * @public
 */
export function isStackError(
  value: unknown,
  code?: ErrorCode,
): value is StackError {
  return (
    value instanceof StackError && (code === undefined || value.code === code)
  );
}
