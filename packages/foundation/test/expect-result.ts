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
  expect(result.error.message.length).toBeGreaterThan(0);
  expect(result.error.hint.length).toBeGreaterThan(0);
  return result.error;
}
