import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import {
  ControlWord,
  Megakernel,
  Opcode,
  runWorkItems,
  SLOT_WORDS,
  SlotWord,
  type SlotDescriptor,
} from '../src/index.ts';

// runWorkItems on the priority megakernel: the ring is split into five partitions of slots / 5 slots
// (CRITICAL first), each slot takes only items of its partition's priority, and every item runs.

const OBS = ControlWord.OBSERVABLE_BASE;

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

describe('runWorkItems on the priority variant', () => {
  it('runs items of all five priorities to DONE on the priority variant, each in its partition', async () => {
    const made = Megakernel.create(cpu, {
      slotCount: 20,
      workgroupSize: 4,
      variant: { kind: 'priority' },
    });
    expect(made.ok).toBe(true);
    if (!made.ok) {
      return;
    }
    const counts = [3, 10, 7, 1, 9];
    const items: SlotDescriptor[] = counts.flatMap((n, p) =>
      Array.from({ length: n }, (_, k) => ({
        opcode: Opcode.ATOMIC_ADD,
        args: [k + 1, OBS + p],
        priority: p,
      })),
    );
    const misplaced: string[] = [];
    const report = await runWorkItems(made.value, items, {
      observableSlots: 5,
      onDrain: ({ ring }) => {
        for (let s = 0; s < 20; s++) {
          const base = s * SLOT_WORDS;
          if (
            ring[base + SlotWord.STATUS] !== 0 &&
            ring[base + SlotWord.PRIORITY] !== Math.floor(s / 4)
          ) {
            misplaced.push(
              `slot ${s}: priority ${ring[base + SlotWord.PRIORITY]}`,
            );
          }
        }
      },
    });
    expect(report.ok).toBe(true);
    if (!report.ok) {
      return;
    }
    const r = report.value;
    expect(misplaced).toEqual([]);
    expect([r.itemsProcessed, r.faulted.length, r.itemsRemaining]).toEqual([
      30, 0, 0,
    ]);
    // Observable p: 1 + 2 + … + counts[p].
    expect(Array.from(r.control.subarray(OBS))).toEqual(
      counts.map((n) => (n * (n + 1)) / 2),
    );
    expect(
      Array.from(
        r.control.subarray(
          ControlWord.PRIORITY_FAIRNESS_BASE,
          ControlWord.PRIORITY_FAIRNESS_BASE + 5,
        ),
      ),
    ).toEqual(counts);
    // HIGH has 10 items for 4 slots: at least 3 drains.
    expect(r.drains).toBeGreaterThanOrEqual(3);
  });

  it('refuses a priority kernel of fewer than 5 slots', async () => {
    const made = Megakernel.create(cpu, {
      slotCount: 4,
      workgroupSize: 4,
      variant: { kind: 'priority' },
    });
    expect(made.ok).toBe(true);
    if (!made.ok) {
      return;
    }
    const report = await runWorkItems(made.value, [{ opcode: Opcode.NOP }]);
    expect(report.ok ? 'ok' : report.error.code).toBe(
      'RUNTIME_GEOMETRY_INVALID',
    );
  });
});
