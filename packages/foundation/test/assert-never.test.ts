import { describe, expect, it } from 'vitest';
import { assertNever, InternalError } from '../src/index.ts';

type Shape = { readonly kind: 'square' } | { readonly kind: 'circle' };

function sides(shape: Shape): number {
  switch (shape.kind) {
    case 'square':
      return 4;
    case 'circle':
      return 0;
    default:
      return assertNever(shape, 'sides');
  }
}

describe('assertNever', () => {
  it('is not reached for values of the declared type (control case)', () => {
    expect(sides({ kind: 'square' })).toBe(4);
    expect(sides({ kind: 'circle' })).toBe(0);
  });

  it('throws InternalError naming the place and the kind for a value from untyped input', () => {
    const untyped = JSON.parse('{"kind":"triangle"}') as Shape;
    expect(() => sides(untyped)).toThrow(InternalError);
    expect(() => sides(untyped)).toThrow(
      /sides reached an unhandled case: kind triangle/,
    );
  });

  it('describes values without a kind', () => {
    expect(() => assertNever('odd' as never, 'parse')).toThrow(
      /parse reached an unhandled case: "odd"/,
    );
    expect(() => assertNever(7 as never, 'parse')).toThrow(/unhandled case: 7/);
    expect(() => assertNever({ op: 'x' } as never, 'parse')).toThrow(
      /unhandled case: \{"op":"x"\}/,
    );
  });
});
