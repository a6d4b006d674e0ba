import { afterAll, describe, expect, it } from 'vitest';
import {
  BASELINE_WGSL_CAPABILITIES,
  emitWgsl,
  type TargetCapabilities,
} from '@vyre/ir';
import { createNodeGpu } from '../src/index.ts';
import { acquireGpuTestDevice, type GpuSkip } from './gpu-test-device.ts';
import {
  WGSL_FEATURE_CORPUS,
  type CorpusFeature,
  type CorpusProgram,
} from './wgsl-feature-corpus.ts';

// Every program of the feature corpus, emitted as WGSL and compiled by Dawn (Tint): the module must
// compile with no message at all (no error, no warning, no info) and make a compute pipeline. Programs
// that need subgroups or shader-f16 run on a second device with those features, and skip visibly when
// the adapter lacks them.

// One device per feature set, created by the first test that needs it and destroyed at the end.
const devices = new Map<string, Promise<GPUDevice>>();

async function deviceFor(
  features: readonly CorpusFeature[],
  skip: GpuSkip,
): Promise<GPUDevice> {
  const key = features.join(',');
  const existing = devices.get(key);
  if (existing !== undefined) {
    return existing;
  }
  if (features.length === 0) {
    const { device } = await acquireGpuTestDevice(skip);
    devices.set(key, Promise.resolve(device));
    return device;
  }
  // The baseline device has used up its adapter, so features are requested from a fresh one.
  await deviceFor([], skip);
  const gpu = await createNodeGpu();
  const adapter = gpu.ok ? await gpu.value.requestAdapter() : null;
  const missing = features.filter(
    (feature) => adapter === null || !adapter.features.has(feature),
  );
  if (adapter === null || missing.length > 0) {
    return skip(
      `GPU test skipped: the adapter lacks the WebGPU feature ${missing.join(' and ')}.`,
    );
  }
  const device = adapter.requestDevice({ requiredFeatures: [...features] });
  devices.set(key, device);
  return device;
}

afterAll(async () => {
  for (const device of devices.values()) {
    (await device).destroy();
  }
  devices.clear();
});

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

    const device = await deviceFor(entry.requires, skip);
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
