import { describe, expect, it } from 'vitest';
import { local, readWriteBuffer, store, u32, validateProgram } from '@vyre/ir';
import {
  buildMegakernel,
  interpretedMegakernel,
  Opcode,
  type MegakernelVariant,
} from '../src/index.ts';

// One entry point over the variants (the variants' behaviour is tested in megakernel-variants-*.test.ts).

const USER = 0x4000_0001;
const options = {
  workgroupSize: 32,
  workgroups: 2,
  handlers: [{ opcode: USER, body: [store('data', local('a0'), u32(1))] }],
  dataBuffers: [readWriteBuffer('data', 4, 'u32')],
};
const variants: readonly MegakernelVariant[] = [
  { kind: 'interpreted' },
  { kind: 'jit', payload: [store('data', local('a0'), local('op'))] },
  { kind: 'priority' },
  { kind: 'workgroupPerSlot' },
];

describe('buildMegakernel', () => {
  it.for(variants.map((v) => [v.kind, v] as const))(
    'builds a valid %s program for the baseline WebGPU capabilities',
    ([, variant]) => {
      const built = buildMegakernel(variant, options);
      expect(built.ok && validateProgram(built.value).ok).toBe(true);
    },
  );

  it('builds the interpreted megakernel for { kind: "interpreted" }', () => {
    const built = buildMegakernel({ kind: 'interpreted' }, options);
    const direct = interpretedMegakernel(options);
    expect(built.ok && built.value).toEqual(direct.ok && direct.value);
  });

  it.for(
    variants.filter((v) => v.kind !== 'jit').map((v) => [v.kind, v] as const),
  )('passes on the %s builder refusing a system opcode', ([, variant]) => {
    const built = buildMegakernel(variant, {
      handlers: [{ opcode: Opcode.NOP, body: [] }],
    });
    expect(built.ok === false && built.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
  });

  it('passes on IR_INVALID_PROGRAM for a payload that does not validate', () => {
    const built = buildMegakernel(
      { kind: 'jit', payload: [store('missing', u32(0), u32(1))] },
      {},
    );
    expect(built.ok === false && built.error.code).toBe('IR_INVALID_PROGRAM');
  });
});
