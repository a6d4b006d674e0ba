import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  coverageByFamily,
  referenceFor,
  runDifferential,
  stringifyRepro,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// Generated programs on WebGPU (lavapipe in CI) against the CPU reference: 2,000 per run from a fixed
// seed (VYRE_DIFF_COUNT and VYRE_DIFF_SEED change them). A mismatch is shrunk, written as a JSON repro
// and fails the test; fix it at its root and keep the repro in regressions/.

const count = Number(process.env['VYRE_DIFF_COUNT'] ?? 2000);
const seed = Number(process.env['VYRE_DIFF_SEED'] ?? 20261121);

describe('differential testing', { tags: ['gpu', 'slow'] }, () => {
  it(
    `${count} generated programs agree between WebGPU and the CPU reference`,
    { timeout: 1_800_000 },
    async ({ skip }) => {
      const gpu = await sharedGpuBackend(skip);
      const summary = await runDifferential(gpu, await referenceFor(gpu), {
        count,
        seed,
      });
      const families = [...coverageByFamily(summary.coverage)]
        .map(([family, n]) => `${family} ${n}`)
        .join(', ');
      console.log(
        `differential: ${summary.programs} programs, ${summary.agree} agree, ${summary.racy} racy, ${summary.failedAlike} failed alike, ${summary.indeterminate} indeterminate (unbound f32 arithmetic), ${(summary.elapsedMs / 1000).toFixed(1)} s; covered: ${families}`,
      );
      if (summary.mismatch !== undefined) {
        const path = join(tmpdir(), `vyre-repro-${seed}.json`);
        writeFileSync(path, stringifyRepro(summary.mismatch.repro));
        expect.fail(
          `a generated program differs (repro: ${path}): ${summary.mismatch.details.join('; ')}`,
        );
      }
      expect(summary.programs).toBe(count);
      // Most generated programs must be compared, or the run proves little.
      expect(summary.agree).toBeGreaterThan(count * 0.9);
    },
  );
});
