import { expectTypeOf, test } from 'vitest';
import {
  andThen,
  err,
  ok,
  type Err,
  type Ok,
  type Result,
  type StackError,
} from '../src/index.ts';

test('Result narrows on ok', () => {
  const r = ok(1) as Result<number>;
  if (r.ok) {
    expectTypeOf(r.value).toEqualTypeOf<number>();
  } else {
    expectTypeOf(r.error).toEqualTypeOf<StackError>();
  }
});

test('constructors produce the single arms', () => {
  expectTypeOf(ok('a')).toEqualTypeOf<Ok<string>>();
  expectTypeOf(err(3)).toEqualTypeOf<Err<number>>();
});

test('andThen unions the error types', () => {
  const chained = andThen(
    ok(1) as Result<number, 'a'>,
    (x) => ok(String(x)) as Result<string, 'b'>,
  );
  expectTypeOf(chained).toEqualTypeOf<Result<string, 'a' | 'b'>>();
});
