import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareRepro,
  parseRepro,
  referenceFor,
  type References,
} from '../src/index.ts';
import { validateProgram } from '@vyre/ir';
import { sharedGpuBackend } from './gpu-backend.ts';

// Every difference differential testing found, kept as a JSON repro in regressions/ after its fix:
// each must now agree between WebGPU and the CPU reference.

const directory = new URL('../regressions/', import.meta.url);
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .sort();
let references: Promise<References> | undefined;

describe('regression repros', { tags: ['gpu'] }, () => {
  it('has repros to run', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.for(files)('%s', async (file, { skip }) => {
    const repro = parseRepro(readFileSync(new URL(file, directory), 'utf8'));
    if (typeof repro === 'string') {
      expect.fail(`${file}: ${repro}`);
    }
    // A repro must run: an invalid program fails alike everywhere and would compare as agreeing.
    expect(validateProgram(repro.program).ok).toBe(true);
    const gpu = await sharedGpuBackend(skip);
    references ??= referenceFor(gpu);
    const outcome = await compareRepro(gpu, await references, repro);
    expect(outcome).toEqual({ kind: 'agree' });
  });
});
