import { describe, expect, it } from 'vitest';
import {
  ErrorCatalog,
  InternalError,
  isStackError,
  StackError,
} from '../src/index.ts';

describe('StackError', () => {
  it('carries the code, the message and the catalog hint by default', () => {
    const error = new StackError(
      'BYTES_MISALIGNED',
      'input is 6 bytes: expected a multiple of 4, found 6.',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('StackError');
    expect(error.code).toBe('BYTES_MISALIGNED');
    expect(error.message).toBe(
      'input is 6 bytes: expected a multiple of 4, found 6.',
    );
    expect(error.hint).toBe(
      'Pad the data to a whole number of words (multiples of 4 bytes) or align the offset.',
    );
    expect(error.hint).toBe(ErrorCatalog.BYTES_MISALIGNED.hint);
  });

  it('takes a specific hint and keeps the cause', () => {
    const cause = new RangeError('inner');
    const error = new StackError('ALLOC_OUT_OF_MEMORY', 'outer', {
      hint: 'do less',
      cause,
    });
    expect(error.hint).toBe('do less');
    expect(error.cause).toBe(cause);
  });

  it('has no cause property when none is given', () => {
    expect('cause' in new StackError('CLI_USAGE', 'm')).toBe(false);
  });

  it('renders the Fix: line', () => {
    const error = new StackError('CLI_USAGE', 'unknown command "frob".', {
      hint: 'Run `vyre --help`.',
    });
    expect(error.format()).toBe(
      '[CLI_USAGE] unknown command "frob".\nFix: Run `vyre --help`.',
    );
    expect(String(error)).toBe(
      'StackError [CLI_USAGE] unknown command "frob".\nFix: Run `vyre --help`.',
    );
  });

  it('serializes to JSON with code, message and hint only', () => {
    const error = new StackError('CLI_USAGE', 'm', {
      hint: 'h',
      cause: new Error('c'),
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'CLI_USAGE',
      message: 'm',
      hint: 'h',
    });
  });

  it('is recognized by isStackError, optionally by code', () => {
    const error = new StackError('MATH_OVERFLOW', 'm');
    expect(isStackError(error)).toBe(true);
    expect(isStackError(error, 'MATH_OVERFLOW')).toBe(true);
    expect(isStackError(error, 'CLI_USAGE')).toBe(false);
    expect(isStackError(new Error('plain'))).toBe(false);
    expect(
      isStackError({ code: 'MATH_OVERFLOW', message: 'm', hint: 'h' }),
    ).toBe(false);
    expect(isStackError(new InternalError('x'), 'INTERNAL_BUG')).toBe(true);
  });
});
