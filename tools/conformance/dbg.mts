import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import {
  compareOutputs,
  operatorCases,
  seededInputs,
  WGSL_FEATURE_CORPUS,
} from './src/index.ts';
const names = process.argv.slice(2);
const gpu = (await WebGpuBackend.create()) as any;
const g: WebGpuBackend = gpu.value;
const cpu = new CpuRefBackend({ subgroupWidth: 8, maxSteps: 1 << 22 });
for (const name of names) {
  const corpus = name.startsWith('corpus:');
  const n = corpus ? name.slice(8) : name;
  const entry: any = corpus
    ? WGSL_FEATURE_CORPUS.find((c) => c.name === n)
    : operatorCases().find((c) => c.name === n);
  let seed = 0;
  for (const ch of n)
    seed = Math.imul(seed ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const inputs = corpus ? seededInputs(entry.program, seed) : entry.inputs;
  const config = corpus
    ? { workgroupOverride: [1, 1, 1], gridOverride: [1, 1, 1] }
    : {};
  const a = await cpu.dispatch(entry.program, inputs, config as any);
  const b = await g.dispatch(entry.program, inputs, config as any);
  if (!a.ok || !b.ok) {
    console.log(name, a.ok ? 'ok' : a.error.code, b.ok ? 'ok' : b.error.code);
    continue;
  }
  const m = compareOutputs(entry.program, a.value.outputs, b.value.outputs);
  console.log(name, JSON.stringify(m));
  if (!corpus && m.length) {
    const inw = inputs.map((x: Uint8Array) => new Uint32Array(x.buffer));
    const e = m[0]!.element;
    console.log(
      '  inputs at',
      e,
      inw.map((w: Uint32Array) => '0x' + (w[e] ?? 0).toString(16)),
    );
  }
}
g.dispose();
