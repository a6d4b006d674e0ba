import { describe, expect, it } from 'vitest';
import { InternalError, invariant } from '../src/index.ts';

describe('invariant', () => {
  it('returns for a truthy condition', () => {
    expect(() => invariant(1, 'never shown')).not.toThrow();
  });

  it('throws InternalError with the message for a falsy condition', () => {
    expect(() => invariant(0, 'a positive count')).toThrow(InternalError);
    expect(() => invariant(undefined, 'a decoded slot')).toThrow(
      'Internal error: invariant failed: expected a decoded slot. You have found a bug in vyre; please report it.',
    );
  });

  it('builds a lazy message only on failure', () => {
    let built = 0;
    const message = (): string => {
      built++;
      return 'lazy';
    };
    invariant(true, message);
    expect(built).toBe(0);
    expect(() => invariant(false, message)).toThrow(/lazy/);
    expect(built).toBe(1);
  });
});
