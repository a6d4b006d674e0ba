import { describe, expect, it } from 'vitest';
import {
  andThen,
  collectResults,
  err,
  InternalError,
  isErr,
  isOk,
  mapErr,
  mapOk,
  ok,
  StackError,
  tryCatch,
  unwrapOr,
  unwrapUnsafe,
  type Result,
} from '../src/index.ts';

const failure = new StackError('MATH_OVERFLOW', 'test failure');

describe('Result', () => {
  it('ok and err build the two arms', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(err('e')).toEqual({ ok: false, error: 'e' });
  });

  it('isOk and isErr classify the two arms', () => {
    const r = ok(1) as Result<number, string>;
    expect(isOk(r)).toBe(true);
    expect(isErr(r)).toBe(false);
    expect(isErr(err('x'))).toBe(true);
  });

  it('mapOk transforms a success and passes a failure through', () => {
    expect(mapOk(ok(2), (x) => x * 10)).toEqual(ok(20));
    const failed = err(failure) as Result<number>;
    expect(mapOk(failed, (x) => x * 10)).toBe(failed);
  });

  it('mapErr transforms a failure and passes a success through', () => {
    const succeeded = ok(1) as Result<number, string>;
    expect(mapErr(succeeded, (e) => e.length)).toBe(succeeded);
    expect(mapErr(err('four'), (e) => e.length)).toEqual(err(4));
  });

  it('andThen chains only on success', () => {
    const half = (x: number): Result<number, string> =>
      x % 2 === 0 ? ok(x / 2) : err(`odd ${x}`);
    expect(andThen(ok(8), half)).toEqual(ok(4));
    expect(andThen(ok(3), half)).toEqual(err('odd 3'));
    expect(andThen(err<string>('first'), half)).toEqual(err('first'));
  });

  it('unwrapOr returns the value or the fallback', () => {
    expect(unwrapOr(ok(1), 9)).toBe(1);
    expect(unwrapOr(err('x'), 9)).toBe(9);
  });

  it('unwrapUnsafe returns the value, rethrows an Error, and wraps a non-Error', () => {
    expect(unwrapUnsafe(ok('v'))).toBe('v');
    expect(() => unwrapUnsafe(err(failure))).toThrow(failure);
    expect(() => unwrapUnsafe(err('plain'))).toThrow(InternalError);
  });

  it('tryCatch converts a throw into a failure and a return into a success', () => {
    expect(tryCatch(() => 5, String)).toEqual(ok(5));
    const caught = tryCatch(
      () => {
        throw new TypeError('bad');
      },
      (thrown) => (thrown instanceof TypeError ? thrown.message : 'other'),
    );
    expect(caught).toEqual(err('bad'));
  });

  it('collectResults gathers successes in order or stops at the first failure', () => {
    expect(collectResults([ok(1), ok(2), ok(3)])).toEqual(ok([1, 2, 3]));
    expect(collectResults([])).toEqual(ok([]));
    let evaluated = 0;
    function* results(): Generator<Result<number, string>> {
      evaluated++;
      yield ok(1);
      evaluated++;
      yield err('second');
      evaluated++;
      yield err('third');
    }
    expect(collectResults(results())).toEqual(err('second'));
    expect(evaluated).toBe(2);
  });
});
