import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import type { VyreBackend } from '@vyre/ir';
import {
  ControlWord,
  drainWorkItems,
  Opcode,
  type SlotDescriptor,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// More items than ring slots: the host refills the ring between bounded drains, and every item ends
// processed, faulted with its reason, or remaining.

const OBS = ControlWord.OBSERVABLE_BASE;
const USER_OP = 0x4000_0007;

// 300 items: ATOMIC_ADD of i into observable 0, every 50th an unknown user opcode.
const items: SlotDescriptor[] = Array.from({ length: 300 }, (_, i) =>
  i % 50 === 49
    ? { opcode: USER_OP, args: [i] }
    : { opcode: Opcode.ATOMIC_ADD, args: [i, OBS] },
);
const expectedSum = items.reduce(
  (sum, item, i) => (item.opcode === Opcode.ATOMIC_ADD ? sum + i : sum),
  0,
);

async function run(backend: VyreBackend) {
  const report = await drainWorkItems(backend, items, {
    slots: 64,
    workgroupSize: 16,
    workgroups: 2,
    observableSlots: 1,
  });
  if (!report.ok) {
    throw new Error(report.error.format());
  }
  return report.value;
}

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

describe('drainWorkItems', () => {
  it('accounts for every item across refills (CPU reference)', async () => {
    const report = await run(cpu);
    expect(report.itemsProcessed).toBe(294);
    expect(report.faulted).toEqual(
      [49, 99, 149, 199, 249, 299].map((item) => ({
        item,
        reason: 'unknownOpcode',
      })),
    );
    expect(report.itemsRemaining).toBe(0);
    expect(report.publishedItems).toBe(300);
    expect(report.drains).toBe(Math.ceil(300 / 64));
    expect(report.control[OBS]).toBe(expectedSum);
    expect(report.control[ControlWord.DONE_COUNT]).toBe(294);
  });

  it('reports what is left when the wall time runs out', async () => {
    const report = await drainWorkItems(cpu, items, {
      slots: 64,
      workgroupSize: 16,
      maxWallTimeMs: 0,
    });
    expect(report.ok && report.value).toMatchObject({
      itemsProcessed: 0,
      itemsRemaining: 300,
      drains: 0,
    });
  });

  it('refuses a bad item before running anything', async () => {
    const report = await drainWorkItems(cpu, [{ opcode: 0xfff1 }], {
      slots: 16,
    });
    expect(report.ok === false && report.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
  });

  it(
    'gives the same results on WebGPU',
    { tags: ['gpu'] },
    async ({ skip }) => {
      const backend = await sharedGpuBackend(skip);
      const [a, b] = [await run(cpu), await run(backend)];
      expect(Array.from(b.control)).toEqual(Array.from(a.control));
      expect(b.faulted).toEqual(a.faulted);
      expect(b.itemsProcessed).toBe(a.itemsProcessed);
    },
  );
});
