import { describe, expect, it } from 'vitest';
import {
  BASELINE_WGSL_CAPABILITIES,
  emitWgsl,
  type TargetCapabilities,
} from '@vyre/ir';
import {
  WGSL_FEATURE_CORPUS,
  type CorpusProgram,
} from '../src/wgsl-feature-corpus.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// Every program of the feature corpus, emitted as WGSL and compiled by Dawn (Tint): the module must
// compile with no message at all (no error, no warning, no info) and make a compute pipeline. The device
// has every feature the adapter offers; programs that need subgroups or shader-f16 skip visibly when it
// lacks them.

function capabilitiesFor(entry: CorpusProgram): TargetCapabilities {
  return {
    ...BASELINE_WGSL_CAPABILITIES,
    subgroups: entry.requires.includes('subgroups'),
    shaderF16: entry.requires.includes('shader-f16'),
  };
}

describe('emitted WGSL compiles in Dawn', { tags: ['gpu'] }, () => {
  it.for(WGSL_FEATURE_CORPUS)('$name', async (entry, { skip }) => {
    const emitted = emitWgsl(entry.program, {
      capabilities: capabilitiesFor(entry),
    });
    if (!emitted.ok) {
      expect.fail(emitted.error.message);
    }
    const { code, enables } = emitted.value;
    expect(enables.includes('f16')).toBe(entry.requires.includes('shader-f16'));
    expect(enables.includes('subgroups')).toBe(
      entry.requires.includes('subgroups'),
    );

    const backend = await sharedGpuBackend(skip);
    const device = backend.device;
    const missing = entry.requires.filter(
      (feature) => device?.features.has(feature) !== true,
    );
    if (device === undefined || missing.length > 0) {
      return skip(
        `GPU test skipped: the adapter lacks the WebGPU feature ${missing.join(' and ')}.`,
      );
    }
    const module = device.createShaderModule({ code });
    const info = await module.getCompilationInfo();
    const messages = info.messages.map(
      (m) => `${m.type} at ${m.lineNum}:${m.linePos}: ${m.message}`,
    );
    expect(messages, code).toEqual([]);
    await expect(
      device.createComputePipelineAsync({
        layout: 'auto',
        compute: { module, entryPoint: 'main' },
      }),
    ).resolves.toBeDefined();
  });
});
