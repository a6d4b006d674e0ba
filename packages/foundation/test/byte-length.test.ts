import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alignUpBytes,
  byteLengthForElements,
  byteLengthForWords,
  checkedAddLength,
  WORD_BYTES,
  wordCountForBytes,
  wordsCoveringBytes,
} from '../src/index.ts';
import { expectErrCode, expectOk } from './expect-result.ts';

const SAFE = Number.MAX_SAFE_INTEGER;
// The largest word count whose byte length is still a safe integer.
const MAX_WORDS = Math.floor(SAFE / WORD_BYTES);

describe('byteLengthForWords', () => {
  it.each([
    ['0 words', 0, 0],
    ['1 word', 1, 4],
    ['2**32 words', 2 ** 32, 2 ** 34],
    ['MAX_WORDS-1', MAX_WORDS - 1, (MAX_WORDS - 1) * 4],
    ['MAX_WORDS', MAX_WORDS, MAX_WORDS * 4],
  ])('%s', (_name, words, bytes) => {
    expectOk(byteLengthForWords(words), bytes);
  });

  it('returns +0 for -0 words, and every length function does the same', () => {
    expectOk(byteLengthForWords(-0), 0);
    expectOk(wordCountForBytes(-0), 0);
    expectOk(wordsCoveringBytes(-0), 0);
    expectOk(alignUpBytes(-0, 8), 0);
    expectOk(checkedAddLength(-0, -0), 0);
  });

  it('MAX_WORDS+1 overflows the safe range', () => {
    const error = expectErrCode(
      byteLengthForWords(MAX_WORDS + 1),
      'MATH_OVERFLOW',
    );
    expect(error.message).toContain(((BigInt(MAX_WORDS) + 1n) * 4n).toString());
  });

  it.each([
    ['-1', -1],
    ['1.5', 1.5],
    ['NaN', NaN],
  ])('rejects %s', (_name, words) => {
    expectErrCode(byteLengthForWords(words), 'MATH_INVALID_OPERAND');
  });
});

describe('byteLengthForElements', () => {
  it('multiplies exactly or reports overflow', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 20 }),
        (count, size) => {
          const exact = BigInt(count) * BigInt(size);
          const result = byteLengthForElements(count, size);
          if (exact <= BigInt(SAFE)) {
            expectOk(result, Number(exact));
          } else {
            expectErrCode(result, 'MATH_OVERFLOW');
          }
        },
      ),
    );
  });

  it('names the invalid operand', () => {
    const error = expectErrCode(
      byteLengthForElements(1, -4),
      'MATH_INVALID_OPERAND',
    );
    expect(error.message).toContain('operand bytesPerElement');
  });
});

describe('wordCountForBytes', () => {
  it.each([
    ['0 bytes', 0, 0],
    ['4 bytes', 4, 1],
    ['2**34 bytes', 2 ** 34, 2 ** 32],
  ])('%s', (_name, bytes, words) => {
    expectOk(wordCountForBytes(bytes), words);
  });

  it.each([
    ['1 byte', 1],
    ['3 bytes', 3],
    ['5 bytes', 5],
    ['MAX_SAFE bytes', SAFE],
  ])('%s is misaligned', (_name, bytes) => {
    const error = expectErrCode(wordCountForBytes(bytes), 'BYTES_MISALIGNED');
    expect(error.message).toContain(`found ${bytes}`);
  });

  it('rejects a negative length', () => {
    expectErrCode(wordCountForBytes(-4), 'MATH_INVALID_OPERAND');
  });
});

describe('wordsCoveringBytes', () => {
  it.each([
    [0, 0],
    [1, 1],
    [3, 1],
    [4, 1],
    [5, 2],
    [SAFE, 2 ** 51],
  ])('%d bytes need %d words', (bytes, words) => {
    expectOk(wordsCoveringBytes(bytes), words);
  });

  it('rejects an unsafe length', () => {
    expectErrCode(wordsCoveringBytes(SAFE + 1), 'MATH_INVALID_OPERAND');
  });
});

describe('alignUpBytes', () => {
  it.each([
    [0, 4, 0],
    [1, 4, 4],
    [4, 4, 4],
    [13, 1, 13],
    [257, 256, 512],
    [2 ** 40 + 1, 2 ** 40, 2 ** 41],
    [1, 2 ** 52, 2 ** 52],
  ])('alignUpBytes(%d, %d) = %d', (bytes, alignment, aligned) => {
    expectOk(alignUpBytes(bytes, alignment), aligned);
  });

  it('overflows when the rounded length is not safe', () => {
    expectErrCode(alignUpBytes(SAFE, 4), 'MATH_OVERFLOW');
  });

  it.each([
    ['0', 0],
    ['3', 3],
    ['-4', -4],
    ['0.5', 0.5],
    ['2**53-1, whose log2 rounds to 53', Number.MAX_SAFE_INTEGER],
    ['2**50+1, whose log2 rounds to 50', 2 ** 50 + 1],
    ['2**53, beyond the safe range', 2 ** 53],
    ['the bigint 4n', 4n as unknown as number],
  ])('rejects alignment %s', (_name, alignment) => {
    expectErrCode(alignUpBytes(8, alignment), 'MATH_INVALID_OPERAND');
  });

  it('returns the smallest multiple of the alignment that is not below the length', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 45 }),
        fc.integer({ min: 0, max: 16 }),
        (bytes, log2) => {
          const alignment = 2 ** log2;
          const result = alignUpBytes(bytes, alignment);
          expect(result.ok).toBe(true);
          if (result.ok) {
            expect(result.value % alignment).toBe(0);
            expect(result.value).toBeGreaterThanOrEqual(bytes);
            expect(result.value - bytes).toBeLessThan(alignment);
          }
        },
      ),
    );
  });
});

describe('checkedAddLength', () => {
  it.each([
    ['0 + 0', 0, 0, 0],
    ['SAFE-1 + 1', SAFE - 1, 1, SAFE],
    ['SAFE + 0', SAFE, 0, SAFE],
  ])('%s fits', (_name, a, b, sum) => {
    expectOk(checkedAddLength(a, b), sum);
  });

  it('SAFE + 1 overflows', () => {
    expectErrCode(checkedAddLength(SAFE, 1), 'MATH_OVERFLOW');
  });
});
