import { afterAll, describe, expect, it } from 'vitest';
import {
  emitWgsl,
  gidX,
  outputBuffer,
  program,
  store,
  u32,
  BASELINE_WGSL_CAPABILITIES,
} from '@vyre/ir';
import { compileWgslModule } from '../src/compile-pipeline.ts';
import { acquireGpuTestDevice } from './gpu-test-device.ts';

// A shader the device rejects (never expected for a validated program) is a coded error naming the
// WGSL line and the program statement that emitted it. The WGSL here is vyre's, broken on purpose
// at the line of one statement.

const p = program({
  workgroupSize: [4, 1, 1],
  buffers: [outputBuffer('out', 0, 'u32', 4)],
  entry: [store('out', gidX(), u32(1)), store('out', u32(0), u32(2))],
});

let device: GPUDevice | undefined;
afterAll(() => {
  device?.destroy();
  device = undefined;
});

describe('compileWgslModule', { tags: ['gpu'] }, () => {
  it('turns a WGSL compile error into WEBGPU_SHADER_COMPILE_FAILED with the line and statement', async ({
    skip,
  }) => {
    device = (await acquireGpuTestDevice(skip)).device;
    const emitted = emitWgsl(p, { capabilities: BASELINE_WGSL_CAPABILITIES });
    if (!emitted.ok) {
      expect.fail(emitted.error.message);
    }
    const lines = emitted.value.code.split('\n');
    const line = emitted.value.lineStatements.indexOf('/entry/0/body/1');
    expect(line).toBeGreaterThan(0);
    lines[line] = '  vyre_store_out(0u, undefined_name);';
    const broken = { ...emitted.value, code: lines.join('\n') };
    const compiled = await compileWgslModule(device, p, broken);
    expect(compiled.ok ? 'ok' : compiled.error.code).toBe(
      'WEBGPU_SHADER_COMPILE_FAILED',
    );
    if (!compiled.ok) {
      expect(compiled.error.message).toContain(`line ${line + 1}:`);
      expect(compiled.error.message).toContain(
        'from the program statement at /entry/0/body/1',
      );
      expect(compiled.error.message).toContain('undefined_name');
      expect(compiled.error.message).toMatch(/expected .*found/);
    }
  });

  it('compiles vyre’s own WGSL for the same program (control case)', async ({
    skip,
  }) => {
    device ??= (await acquireGpuTestDevice(skip)).device;
    const emitted = emitWgsl(p);
    if (!emitted.ok) {
      expect.fail(emitted.error.message);
    }
    const compiled = await compileWgslModule(device, p, emitted.value);
    expect(compiled.ok).toBe(true);
  });
});
