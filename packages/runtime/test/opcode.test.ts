import { describe, expect, it } from 'vitest';
import { isSystemOpcode, Opcode } from '../src/index.ts';

describe('isSystemOpcode', () => {
  it.each([
    ['NOP (0)', 0, true],
    ['BATCH_FENCE (7), the last built-in', 7, true],
    ['8, the first user opcode', 8, false],
    ['0xFFEF, just below the system window', 0xffef, false],
    ['0xFFF0, the start of the system window', 0xfff0, true],
    ['LOAD_MISS', Opcode.LOAD_MISS, true],
    ['0xFFFF, the end of the system window', 0xffff, true],
    ['0x10000, just above the system window', 0x10000, false],
    ['0x40000000, the first tenant opcode', 0x40000000, false],
    ['0x7FFFFFFF, the largest user opcode', 0x7fffffff, false],
    ['0x80000000, the high bit', 0x80000000, true],
    ['PACKED_SLOT', Opcode.PACKED_SLOT, true],
    ['SHUTDOWN', Opcode.SHUTDOWN, true],
  ])('%s', (_name, opcode, system) => {
    expect(isSystemOpcode(opcode)).toBe(system);
  });

  it('classifies every named opcode as a system opcode', () => {
    for (const opcode of Object.values(Opcode)) {
      expect(isSystemOpcode(opcode)).toBe(true);
    }
  });
});
