import { expect } from 'vitest';
import type { ErrorCode, Result, StackError } from '../src/index.ts';

// Assertions on Results shared by the foundation tests.

export function expectOk<T>(result: Result<T, StackError>, value: T): void {
  expect(result).toEqual({ ok: true, value });
}

export function expectErrCode(
  result: Result<unknown, StackError>,
  code: ErrorCode,
): StackError {
  if (result.ok) {
    throw new Error(
      `expected a failure with ${code}, got ok(${String(result.value)})`,
    );
  }
  expect(result.error.code).toBe(code);
  // Every message says what was expected and what was found.
  expect(result.error.message).toMatch(/expected .*found/);
  return result.error;
}
