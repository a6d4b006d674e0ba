import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeProgram,
  fingerprintProgram,
  parseProgram,
  program,
  stringifyProgram,
  store,
  u32,
  type Node,
  type Program,
} from '@vyre/ir';
import { arbitraryProgram } from '../src/index.ts';

// Properties of the IR over generated programs: the JSON form round-trips exactly, and the
// fingerprint ignores buffer order but sees any change to the body.

function withBody(base: Program, extra: Node): Program {
  const [root, ...rest] = base.entry;
  if (root?.kind !== 'region') {
    throw new Error('generated programs start with a region');
  }
  return {
    ...base,
    entry: [{ ...root, body: [...root.body, extra] }, ...rest],
  };
}

describe('JSON form', { tags: ['slow'] }, () => {
  it('round-trips every generated program exactly (object and text)', () => {
    fc.assert(
      fc.property(arbitraryProgram(), (generated) => {
        const text = stringifyProgram(generated);
        const fromText = parseProgram(text);
        expect(fromText.ok && fromText.value).toEqual(generated);
        const fromValue = decodeProgram(JSON.parse(text));
        expect(fromValue.ok && fromValue.value).toEqual(generated);
        // Encoding is deterministic: a decoded program stringifies to the same text.
        expect(fromText.ok && stringifyProgram(fromText.value)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('fingerprint', { tags: ['slow'] }, () => {
  it('is invariant under buffer reordering', () => {
    fc.assert(
      fc.property(arbitraryProgram(), fc.gen(), (generated, draw) => {
        const shuffled = draw(() =>
          fc.shuffledSubarray([...generated.buffers], {
            minLength: generated.buffers.length,
          }),
        );
        expect(fingerprintProgram({ ...generated, buffers: shuffled })).toBe(
          fingerprintProgram(generated),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('changes when the body changes', () => {
    fc.assert(
      fc.property(
        arbitraryProgram(),
        fc.integer({ min: 0, max: 0xffffffff }),
        (generated, value) => {
          const changed = withBody(
            generated,
            store('counter', u32(0), u32(value)),
          );
          expect(fingerprintProgram(changed)).not.toBe(
            fingerprintProgram(generated),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('changes when a workgroup size or a buffer changes', () => {
    fc.assert(
      fc.property(arbitraryProgram(), (generated) => {
        const [x, y, z] = generated.workgroupSize;
        const wider = program({
          ...generated,
          workgroupSize: [x + 1, y, z],
          entry: generated.entry,
        });
        expect(fingerprintProgram(wider)).not.toBe(
          fingerprintProgram(generated),
        );
        const [first, ...others] = generated.buffers;
        if (first !== undefined) {
          const renamed = {
            ...generated,
            buffers: [{ ...first, binding: first.binding + 100 }, ...others],
          };
          expect(fingerprintProgram(renamed)).not.toBe(
            fingerprintProgram(generated),
          );
        }
      }),
      { numRuns: 100 },
    );
  });
});
