import { describe, expect, it } from 'vitest';
import { tryAllocateBytes, tryAllocateWords } from '../src/index.ts';
import { expectErrCode } from './expect-result.ts';

describe('tryAllocateBytes', () => {
  it.each([
    ['0 bytes', 0],
    ['1 byte', 1],
    ['limit-1', 1023],
    ['exactly the limit', 1024],
  ])('allocates %s zero-filled', (_name, bytes) => {
    const result = tryAllocateBytes(bytes, { maxBytes: 1024 });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value).toBeInstanceOf(Uint8Array);
      expect(result.value.length).toBe(bytes);
      expect(result.value.every((byte) => byte === 0)).toBe(true);
    }
  });

  it('refuses limit+1 without allocating, naming the purpose', () => {
    const error = expectErrCode(
      tryAllocateBytes(1025, { maxBytes: 1024, purpose: 'readback staging' }),
      'ALLOC_LIMIT_EXCEEDED',
    );
    expect(error.message).toContain('for readback staging');
    expect(error.message).toContain('expected at most 1024 bytes, found 1025');
  });

  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['NaN', NaN],
    ['unsafe', 2 ** 53],
  ])('rejects a %s size', (_name, bytes) => {
    expectErrCode(
      tryAllocateBytes(bytes, { maxBytes: 2 ** 60 }),
      'ALLOC_INVALID_SIZE',
    );
  });

  it('rejects an invalid limit', () => {
    expectErrCode(tryAllocateBytes(1, { maxBytes: -1 }), 'ALLOC_INVALID_SIZE');
  });

  it('turns an engine refusal into ALLOC_OUT_OF_MEMORY instead of throwing RangeError', () => {
    // 2**50 bytes (1 PiB) is within the caller's limit but beyond what any engine will allocate.
    const error = expectErrCode(
      tryAllocateBytes(2 ** 50, {
        maxBytes: Number.MAX_SAFE_INTEGER,
        purpose: 'a huge table',
      }),
      'ALLOC_OUT_OF_MEMORY',
    );
    expect(error.cause).toBeInstanceOf(RangeError);
    expect(error.message).toContain('for a huge table');
  });
});

describe('tryAllocateWords', () => {
  it.each([
    ['0 words', 0],
    ['limit-1 words', 255],
    ['exactly the limit', 256],
  ])('allocates %s', (_name, words) => {
    const result = tryAllocateWords(words, { maxBytes: 1024 });
    expect(result.ok && result.value.length).toBe(words);
    expect(result.ok && result.value).toBeInstanceOf(Uint32Array);
  });

  it('applies the limit to the byte length', () => {
    const error = expectErrCode(
      tryAllocateWords(257, { maxBytes: 1024 }),
      'ALLOC_LIMIT_EXCEEDED',
    );
    expect(error.message).toContain('257 words (1028 bytes)');
  });

  it('reports a word count whose byte length is not even a safe integer as over the limit', () => {
    const error = expectErrCode(
      tryAllocateWords(2 ** 52, { maxBytes: Number.MAX_SAFE_INTEGER }),
      'ALLOC_LIMIT_EXCEEDED',
    );
    expect(error.message).toContain(
      'found 4503599627370496 words (18014398509481984 bytes)',
    );
  });

  it.each([
    [
      'a bigint size',
      () => tryAllocateWords(5n as unknown as number, { maxBytes: 64 }),
      'the bigint 5n',
    ],
    [
      'a string size',
      () => tryAllocateBytes('8' as unknown as number, { maxBytes: 64 }),
      'the string "8"',
    ],
    [
      'a bigint limit',
      () => tryAllocateBytes(8, { maxBytes: 64n as unknown as number }),
      'the bigint 64n',
    ],
  ])(
    'reports %s from untyped code without throwing',
    (_name, allocate, found) => {
      const error = expectErrCode(allocate(), 'ALLOC_INVALID_SIZE');
      expect(error.message).toContain(`found ${found}`);
    },
  );

  it('turns an engine refusal into ALLOC_OUT_OF_MEMORY', () => {
    expectErrCode(
      tryAllocateWords(2 ** 48, { maxBytes: Number.MAX_SAFE_INTEGER }),
      'ALLOC_OUT_OF_MEMORY',
    );
  });
});
