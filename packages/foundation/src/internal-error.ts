import { StackError } from './stack-error.ts';

/**
 * A bug in vyre: an invariant failed or an impossible case was reached.
 *
 * @remarks
 * Always has the code `INTERNAL_BUG`. The message asks the user to report it; the original text is kept
 * in {@link InternalError.unformattedMessage}. Bad input never raises this: it gets a specific code.
 *
 * @public
 */
export class InternalError extends StackError {
  /** Always `'InternalError'`. */
  override readonly name: string = 'InternalError';
  /** The message without the "please report" framing. */
  readonly unformattedMessage: string;

  /**
   * @param message - what invariant failed, with the values involved
   * @param options - the underlying cause, if any
   */
  constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super(
      'INTERNAL_BUG',
      `Internal error: ${message.replace(/[.\s]+$/, '')}. You have found a bug in vyre; please report it.`,
      options,
    );
    this.unformattedMessage = message;
  }
}
