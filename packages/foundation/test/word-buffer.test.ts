import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  unwrapUnsafe,
  WordBuffer,
  type WordBufferOptions,
} from '../src/index.ts';
import { expectErrCode } from './expect-result.ts';

function buffer(options: WordBufferOptions): WordBuffer {
  return unwrapUnsafe(WordBuffer.create(options));
}

describe('WordBuffer.create', () => {
  it('starts empty with the requested capacity', () => {
    const words = buffer({
      maxWords: 64,
      initialCapacity: 16,
      purpose: 'scratch',
    });
    expect(words.length).toBe(0);
    expect(words.capacity).toBe(16);
    expect(words.maxWords).toBe(64);
    expect(words.purpose).toBe('scratch');
  });

  it.each([
    ['initial capacity at the cap', 64, true],
    ['initial capacity one over the cap', 65, false],
  ])('%s', (_name, initialCapacity, succeeds) => {
    const result = WordBuffer.create({ maxWords: 64, initialCapacity });
    if (succeeds) {
      expect(result.ok).toBe(true);
    } else {
      expectErrCode(result, 'ALLOC_LIMIT_EXCEEDED');
    }
  });

  it.each([
    ['negative', -1, 'found -1'],
    ['fractional', 2.5, 'found 2.5'],
    ['a bigint', 8n as unknown as number, 'found the bigint 8n'],
    [
      'one over the safe byte length',
      2 ** 51,
      'expected at most 2251799813685247, found 2251799813685248',
    ],
  ])('rejects a %s cap', (_name, maxWords, message) => {
    const error = expectErrCode(
      WordBuffer.create({ maxWords }),
      'ALLOC_INVALID_SIZE',
    );
    expect(error.message).toContain(message);
  });

  it('accepts the largest cap whose byte length is safe', () => {
    expect(WordBuffer.create({ maxWords: 2 ** 51 - 1 }).ok).toBe(true);
  });
});

describe('WordBuffer.tryReserveToCapacity', () => {
  it('grows capacity to exactly the target without changing length or contents', () => {
    const words = buffer({ maxWords: 100 });
    unwrapUnsafe(words.tryAppend([1, 2, 3]));
    unwrapUnsafe(words.tryReserveToCapacity(50));
    expect(words.capacity).toBe(50);
    expect(words.length).toBe(3);
    expect([...words.view()]).toEqual([1, 2, 3]);
  });

  it('does nothing when the capacity already suffices', () => {
    const words = buffer({ maxWords: 100, initialCapacity: 40 });
    const before = words.view().buffer;
    unwrapUnsafe(words.tryReserveToCapacity(10));
    expect(words.capacity).toBe(40);
    expect(words.view().buffer).toBe(before);
  });

  it.each([
    ['maxWords-1', 99, true],
    ['maxWords', 100, true],
    ['maxWords+1', 101, false],
  ])('target %s', (_name, target, succeeds) => {
    const words = buffer({ maxWords: 100 });
    const result = words.tryReserveToCapacity(target);
    if (succeeds) {
      expect(words.capacity).toBe(target);
    } else {
      expectErrCode(result, 'ALLOC_LIMIT_EXCEEDED');
      expect(words.capacity).toBe(0);
    }
  });

  it('rejects an invalid target', () => {
    expectErrCode(
      buffer({ maxWords: 8 }).tryReserveToCapacity(-1),
      'ALLOC_INVALID_SIZE',
    );
  });

  it('reports an engine refusal and leaves the buffer unchanged', () => {
    const words = buffer({ maxWords: 2 ** 50, purpose: 'giant scratch' });
    unwrapUnsafe(words.tryPush(7));
    const error = expectErrCode(
      words.tryReserveToCapacity(2 ** 48),
      'ALLOC_OUT_OF_MEMORY',
    );
    expect(error.message).toContain('for giant scratch');
    expect([...words.view()]).toEqual([7]);
  });
});

describe('WordBuffer appends', () => {
  it('pushes up to the cap and refuses the word after it', () => {
    const words = buffer({ maxWords: 3 });
    unwrapUnsafe(words.tryPush(10));
    unwrapUnsafe(words.tryPush(11));
    unwrapUnsafe(words.tryPush(12));
    expectErrCode(words.tryPush(13), 'ALLOC_LIMIT_EXCEEDED');
    expect([...words.view()]).toEqual([10, 11, 12]);
  });

  it('reports the cap in words when a reservation is too large', () => {
    const words = buffer({ maxWords: 10, purpose: 'ring scratch' });
    unwrapUnsafe(words.tryAppend([1, 2, 3]));
    const error = expectErrCode(
      words.tryReserveAdditional(2 ** 53 - 1),
      'ALLOC_LIMIT_EXCEEDED',
    );
    expect(error.message).toBe(
      'WordBuffer.tryReserveAdditional for ring scratch: 9007199254740991 more words on top of the 3 in use exceed the cap: expected at most 7 more (maxWords 10), found 9007199254740991.',
    );
    const resize = expectErrCode(words.tryResize(11), 'ALLOC_LIMIT_EXCEEDED');
    expect(resize.message).toContain(
      'expected at most 10 words (maxWords), found 11',
    );
    const reserve = expectErrCode(
      words.tryReserveToCapacity(11),
      'ALLOC_LIMIT_EXCEEDED',
    );
    expect(reserve.message).toContain(
      'expected at most 10 words (40 bytes), found 11 words (44 bytes)',
    );
    expect([...words.view()]).toEqual([1, 2, 3]);
  });

  it('rejects non-number words from untyped code and keeps its contents', () => {
    const words = buffer({ maxWords: 8 });
    unwrapUnsafe(words.tryPush(1));
    expectErrCode(
      words.tryPush(2n as unknown as number),
      'MATH_INVALID_OPERAND',
    );
    expectErrCode(
      words.tryAppend([3, 4n] as unknown as number[]),
      'MATH_INVALID_OPERAND',
    );
    expect([...words.view()]).toEqual([1]);
  });

  it('appends all or nothing', () => {
    const words = buffer({ maxWords: 4 });
    unwrapUnsafe(words.tryAppend([1, 2]));
    expectErrCode(words.tryAppend([3, 4, 5]), 'ALLOC_LIMIT_EXCEEDED');
    expect([...words.view()]).toEqual([1, 2]);
    unwrapUnsafe(words.tryAppend(new Uint32Array([3, 4])));
    expect([...words.view()]).toEqual([1, 2, 3, 4]);
  });

  it('grows geometrically, so n pushes reallocate O(log n) times', () => {
    const words = buffer({ maxWords: 1 << 20 });
    let reallocations = 0;
    let backing = words.view().buffer;
    for (let i = 0; i < 100_000; i++) {
      unwrapUnsafe(words.tryPush(i));
      if (words.view().buffer !== backing) {
        reallocations++;
        backing = words.view().buffer;
      }
    }
    expect(words.length).toBe(100_000);
    expect(reallocations).toBeLessThanOrEqual(15);
    expect(words.get(99_999)).toBe(99_999);
  });

  it('grows geometrically when resized one word at a time', () => {
    const words = buffer({ maxWords: 1 << 20 });
    const backings = new Set<ArrayBufferLike>();
    for (let length = 1; length <= 50_000; length++) {
      unwrapUnsafe(words.tryResize(length));
      backings.add(words.view().buffer);
    }
    expect(backings.size).toBeLessThanOrEqual(15);
  });

  it('stores words modulo 2**32, as a Uint32Array does', () => {
    const words = buffer({ maxWords: 2 });
    unwrapUnsafe(words.tryAppend([-1, 2 ** 32 + 5]));
    expect([...words.view()]).toEqual([0xffffffff, 5]);
  });
});

describe('WordBuffer reuse as scratch', () => {
  it('clear keeps the capacity, and resize zero-fills words reused after a clear', () => {
    const words = buffer({ maxWords: 16 });
    unwrapUnsafe(words.tryAppend([9, 9, 9, 9]));
    const capacity = words.capacity;
    words.clear();
    expect(words.length).toBe(0);
    expect(words.capacity).toBe(capacity);
    unwrapUnsafe(words.tryResize(3));
    expect([...words.view()]).toEqual([0, 0, 0]);
    unwrapUnsafe(words.tryResize(1));
    expect([...words.view()]).toEqual([0]);
  });

  it('a polling loop allocates only on the first poll', () => {
    const words = buffer({ maxWords: 4096 });
    const backings = new Set<ArrayBufferLike>();
    for (let poll = 0; poll < 100; poll++) {
      words.clear();
      unwrapUnsafe(words.tryReserveToCapacity(1024));
      for (let i = 0; i < 1024; i++) {
        unwrapUnsafe(words.tryPush(poll ^ i));
      }
      backings.add(words.view().buffer);
    }
    expect(backings.size).toBe(1);
  });

  it('at reads only words in use', () => {
    const words = buffer({ maxWords: 8, initialCapacity: 8 });
    unwrapUnsafe(words.tryPush(5));
    expect(words.get(0)).toBe(5);
    expect(words.get(1)).toBeUndefined();
    expect(words.get(-1)).toBeUndefined();
    expect(words.get(0.5)).toBeUndefined();
  });

  it('rejects an invalid length', () => {
    expectErrCode(buffer({ maxWords: 8 }).tryResize(-2), 'ALLOC_INVALID_SIZE');
    expectErrCode(
      buffer({ maxWords: 8 }).tryReserveAdditional(0.5),
      'ALLOC_INVALID_SIZE',
    );
  });

  it('behaves like an array under any sequence of operations', () => {
    type Op =
      | { kind: 'push'; word: number }
      | { kind: 'clear' }
      | { kind: 'resize'; length: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constant('push' as const),
        word: fc.integer({ min: 0, max: 0xffffffff }),
      }),
      fc.constant({ kind: 'clear' as const }),
      fc.record({
        kind: fc.constant('resize' as const),
        length: fc.nat({ max: 40 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const words = buffer({ maxWords: 32 });
        let model: number[] = [];
        for (const step of ops) {
          switch (step.kind) {
            case 'push': {
              const result = words.tryPush(step.word);
              if (model.length < 32) {
                expect(result.ok).toBe(true);
                model.push(step.word);
              } else {
                expectErrCode(result, 'ALLOC_LIMIT_EXCEEDED');
              }
              break;
            }
            case 'clear':
              words.clear();
              model = [];
              break;
            case 'resize': {
              const result = words.tryResize(step.length);
              if (step.length <= 32) {
                expect(result.ok).toBe(true);
                model = [
                  ...model.slice(0, step.length),
                  ...Array<number>(
                    Math.max(0, step.length - model.length),
                  ).fill(0),
                ];
              } else {
                expectErrCode(result, 'ALLOC_LIMIT_EXCEEDED');
              }
              break;
            }
          }
          expect([...words.view()]).toEqual(model);
          expect(words.capacity).toBeLessThanOrEqual(32);
          expect(words.capacity).toBeGreaterThanOrEqual(words.length);
        }
      }),
    );
  });
});
