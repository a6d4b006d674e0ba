import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { badInputCases, checkBadInputs } from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// Bad input gives the same stable code on every backend, and leaves each one usable.

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

describe('bad input', () => {
  it('has a case for each code it promises', () => {
    const codes = new Set(badInputCases().map((entry) => entry.code));
    expect([...codes].sort()).toEqual([
      'BACKEND_TIMEOUT',
      'DISPATCH_GRID_INVALID',
      'DISPATCH_GRID_REQUIRED',
      'DISPATCH_INPUT_COUNT',
      'DISPATCH_INPUT_SIZE',
      'IR_INVALID_PROGRAM',
    ]);
  });

  it('gives the same codes on the CPU reference', async () => {
    expect(await checkBadInputs(cpu)).toEqual([]);
  });

  it('gives the same codes on WebGPU', { tags: ['gpu'] }, async ({ skip }) => {
    const gpu = await sharedGpuBackend(skip);
    expect(await checkBadInputs(gpu)).toEqual([]);
  });
});
