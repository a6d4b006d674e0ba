import { describe, expect, it } from 'vitest';
import { InternalError, StackError } from '../src/index.ts';

describe('InternalError', () => {
  it('is a StackError with the INTERNAL_BUG code and asks for a report', () => {
    const error = new InternalError('slot index 9 outside 0..7');
    expect(error).toBeInstanceOf(StackError);
    expect(error.name).toBe('InternalError');
    expect(error.code).toBe('INTERNAL_BUG');
    expect(error.unformattedMessage).toBe('slot index 9 outside 0..7');
    expect(error.message).toBe(
      'Internal error: slot index 9 outside 0..7. You have found a bug in vyre; please report it.',
    );
    expect(error.format()).toMatch(/\nFix: Report it/);
  });

  it('does not double a trailing period', () => {
    expect(new InternalError('the ring is empty.').message).toBe(
      'Internal error: the ring is empty. You have found a bug in vyre; please report it.',
    );
  });

  it('keeps the cause', () => {
    const cause = new Error('inner');
    expect(new InternalError('outer', { cause }).cause).toBe(cause);
  });
});
