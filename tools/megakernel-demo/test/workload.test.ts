import { describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import {
  makeWorkload,
  OPCODE_NAMES,
  runWorkloadOnMegakernel,
  SEGMENT,
  workloadMegakernel,
  type Workload,
} from '../src/index.ts';

// Every opcode's effect on the CPU reference's megakernel, against a plain-JavaScript model written from
// the opcode definitions (args are [segment start, segment length, parameter, output index]).

interface Expected {
  readonly data: Uint32Array;
  readonly hist: Uint32Array;
  readonly sums: Uint32Array;
}

function model(w: Workload): Expected {
  const data = w.data.slice();
  const hist = w.hist.slice();
  const sums = w.sums.slice();
  w.items.forEach((item, i) => {
    const [start = 0, length = 0, param = 0, out = 0] = item.args ?? [];
    const segment = data.subarray(start, start + length);
    switch (OPCODE_NAMES[w.kinds[i] ?? 0] ?? '') {
      case 'scale':
        segment.forEach((x, j) => (segment[j] = Math.imul(x, param)));
        break;
      case 'add':
        segment.forEach((x, j) => (segment[j] = x + param));
        break;
      case 'xor':
        segment.forEach((x, j) => (segment[j] = x ^ param));
        break;
      case 'clamp': {
        const lo = param & 0xffff;
        const hi = param >>> 16;
        segment.forEach((x, j) => (segment[j] = Math.min(Math.max(x, lo), hi)));
        break;
      }
      case 'prefix': {
        let acc = 0;
        segment.forEach((x, j) => (segment[j] = acc = (acc + x) >>> 0));
        break;
      }
      case 'histogram':
        segment.forEach((x) => {
          hist[x & 0xff] = (hist[x & 0xff] ?? 0) + 1;
        });
        break;
      case 'bytescan': {
        const needle = param & 0xff;
        let count = 0;
        for (const x of segment) {
          for (let b = 0; b < 4; b++) {
            count += ((x >>> (8 * b)) & 0xff) === needle ? 1 : 0;
          }
        }
        sums[out] = count;
        break;
      }
      case 'checksum': {
        let h = param;
        for (const x of segment) {
          h = (Math.imul(h, 31) + x) >>> 0;
        }
        sums[out] = h;
        break;
      }
      default:
        throw new Error(`unknown opcode ${String(w.kinds[i])}`);
    }
  });
  return { data, hist, sums };
}

const words = (bytes: Uint8Array): Uint32Array =>
  new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);

describe('the workload on the CPU reference', () => {
  const n = 64;
  const w = makeWorkload(n);

  it('has every opcode, each item over its own segment', () => {
    expect(OPCODE_NAMES).toEqual([
      'scale',
      'add',
      'xor',
      'clamp',
      'prefix',
      'histogram',
      'bytescan',
      'checksum',
    ]);
    expect(new Set(w.kinds).size).toBe(OPCODE_NAMES.length);
    expect(w.items.map((item) => item.args?.[0])).toEqual(
      Array.from({ length: n }, (_, i) => i * SEGMENT),
    );
    expect(w.data.length).toBe(n * SEGMENT);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(makeWorkload(n).data).toEqual(w.data);
    expect(makeWorkload(n, 2).data).not.toEqual(w.data);
  });

  it('computes what the JavaScript model of each opcode computes', async () => {
    const cpu = new CpuRefBackend();
    try {
      const mk = workloadMegakernel(cpu, n);
      if (!mk.ok) {
        expect.fail(mk.error.format());
      }
      const run = await runWorkloadOnMegakernel(mk.value, w);
      if (!run.ok) {
        expect.fail(run.error.format());
      }
      expect(run.value.report.itemsProcessed).toBe(n);
      const expected = model(w);
      const got = run.value.outputs;
      // Per opcode, so that a failure names the opcode that is wrong.
      for (const [k, name] of OPCODE_NAMES.entries()) {
        for (const [i, item] of w.items.entries()) {
          if (w.kinds[i] !== k) {
            continue;
          }
          const [start = 0, length = 0, , out = 0] = item.args ?? [];
          expect(
            [...words(got.data).subarray(start, start + length)],
            `${name} (item ${i}) data`,
          ).toEqual([...expected.data.subarray(start, start + length)]);
          expect(words(got.sums)[out], `${name} (item ${i}) sums`).toBe(
            expected.sums[out],
          );
        }
      }
      expect([...words(got.hist)], 'hist').toEqual([...expected.hist]);
      // The model changed something: the check is not vacuous.
      expect(expected.data).not.toEqual(w.data);
      expect(expected.hist.some((x) => x !== 0)).toBe(true);
    } finally {
      cpu.dispose();
    }
  });
});
