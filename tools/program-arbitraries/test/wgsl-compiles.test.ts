import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNodeGpu } from '@vyre/driver-webgpu';
import { emitWgsl } from '@vyre/ir';
import { arbitraryProgram } from '../src/index.ts';

// Every generated program's WGSL compiles in Dawn with no messages at all, and builds a pipeline.
// Runs on a real WebGPU adapter (lavapipe in CI); skips visibly without one, fails with VYRE_REQUIRE_GPU=1.
const RUNS = 400;

describe('generated programs on Dawn', { tags: ['gpu'] }, () => {
  it(`${RUNS} generated programs compile with zero messages`, async ({
    skip,
  }) => {
    const gpu = await createNodeGpu();
    const adapter = gpu.ok
      ? await gpu.value.requestAdapter().catch(() => null)
      : null;
    if (adapter === null) {
      if (process.env['VYRE_REQUIRE_GPU'] === '1') {
        expect.fail(
          'VYRE_REQUIRE_GPU=1 but Dawn found no WebGPU adapter (run ./scripts/vyre doctor).',
        );
      }
      console.warn(
        '\n[vyre] GPU test skipped: no WebGPU adapter. Set VYRE_REQUIRE_GPU=1 to fail instead.\n',
      );
      return skip('no WebGPU adapter');
    }
    const device = await adapter.requestDevice();
    try {
      const programs = fc.sample(arbitraryProgram(), {
        numRuns: RUNS,
        seed: 20261121,
      });
      for (const [index, generated] of programs.entries()) {
        const emitted = emitWgsl(generated);
        if (!emitted.ok) {
          expect.fail(
            `program ${index} did not emit: ${emitted.error.format()}`,
          );
        }
        const module = device.createShaderModule({ code: emitted.value.code });
        const info = await module.getCompilationInfo();
        const messages = info.messages.map(
          (m) => `${m.type} ${m.lineNum}:${m.linePos} ${m.message}`,
        );
        expect(messages, `program ${index}:\n${emitted.value.code}`).toEqual(
          [],
        );
        await device.createComputePipelineAsync({
          layout: 'auto',
          compute: { module, entryPoint: 'main' },
        });
      }
    } finally {
      device.destroy();
    }
  });
});
