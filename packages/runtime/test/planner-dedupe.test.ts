import { SlotPriority } from '@vyre/telemetry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dedupeSlots, dedupeWorkItems } from '../src/planner-dedupe.ts';
import type { WorkItem } from '../src/publish-batch.ts';
import type { SlotDescriptor } from '../src/publish-slot.ts';

// Dropping later exact duplicates: first kept, order preserved, indices to map results back.

const OP = 0x4000_0000;

describe('dedupeSlots', () => {
  it('drops later exact duplicates and keeps the first', () => {
    const slots: SlotDescriptor[] = [
      { opcode: OP, args: [5] }, // 0 kept
      { opcode: OP, args: [5] }, // 1 duplicate of 0
      { opcode: OP, args: [6] }, // 2 kept
      { opcode: OP + 1, args: [5] }, // 3 kept
      { opcode: OP, args: [5], priority: SlotPriority.NORMAL }, // 4 duplicate of 0 (NORMAL is the default)
      { opcode: OP, args: [5], priority: SlotPriority.HIGH }, // 5 kept
      { opcode: OP }, // 6 kept
      { opcode: OP, args: [] }, // 7 duplicate of 6
      { opcode: OP, args: [5, 0] }, // 8 kept: different argument list
      { opcode: OP, args: [6] }, // 9 duplicate of 2
    ];
    const out = dedupeSlots(slots);
    expect(out.dedupedItems).toBe(4);
    expect(Array.from(out.kept)).toEqual([0, 2, 3, 5, 6, 8]);
    expect(out.items).toEqual([
      slots[0],
      slots[2],
      slots[3],
      slots[5],
      slots[6],
      slots[8],
    ]);
  });

  it('tells argument lists apart that only a naive join would confuse', () => {
    const out = dedupeSlots([
      { opcode: 1, args: [12, 3] },
      { opcode: 1, args: [1, 23] },
      { opcode: 11, args: [2] },
      { opcode: 1, args: [12] },
    ]);
    expect(out.dedupedItems).toBe(0);
  });

  it('returns the input itself when nothing repeats, and handles an empty queue', () => {
    const slots: SlotDescriptor[] = [{ opcode: 1 }, { opcode: 2 }];
    const out = dedupeSlots(slots);
    expect(out.items).toBe(slots);
    expect(Array.from(out.kept)).toEqual([0, 1]);
    const empty = dedupeSlots([]);
    expect(empty).toEqual({
      items: [],
      dedupedItems: 0,
      kept: new Uint32Array(),
    });
  });

  it('dedupes 100,000 slots', () => {
    // Item i has opcode OP + i % 1000 and argument i % 7. As 1000 and 7 are coprime, (i % 1000, i % 7)
    // repeats with period 7000: items 0..6999 are the distinct ones, the other 93,000 repeat them.
    const slots: SlotDescriptor[] = Array.from({ length: 100_000 }, (_, i) => ({
      opcode: OP + (i % 1000),
      args: [i % 7],
    }));
    const out = dedupeSlots(slots);
    expect(out.dedupedItems).toBe(93_000);
    expect(out.kept.length).toBe(7000);
    expect(out.kept[0]).toBe(0);
    expect(out.kept[6999]).toBe(6999);
    expect(out.kept.every((index, j) => index === j)).toBe(true);
    expect(out.items[6999]).toBe(slots[6999]);
  });

  it('keeps 100,000 distinct slots in order', () => {
    const slots: SlotDescriptor[] = Array.from({ length: 100_000 }, (_, i) => ({
      opcode: OP,
      args: [i >>> 8, i & 0xff],
    }));
    const out = dedupeSlots(slots);
    expect(out.dedupedItems).toBe(0);
    expect(out.items).toBe(slots);
    expect(out.kept[99_999]).toBe(99_999);
  });

  it('agrees with a quadratic reference on random queues', () => {
    const slotArb: fc.Arbitrary<SlotDescriptor> = fc.record(
      {
        opcode: fc.integer({ min: 0, max: 3 }),
        args: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
        priority: fc.integer({ min: 0, max: 4 }),
      },
      { requiredKeys: ['opcode'] },
    );
    const same = (a: SlotDescriptor, b: SlotDescriptor): boolean => {
      const aa = a.args ?? [];
      const ba = b.args ?? [];
      return (
        a.opcode === b.opcode &&
        (a.priority ?? 2) === (b.priority ?? 2) &&
        aa.length === ba.length &&
        aa.every((x, k) => x === ba[k])
      );
    };
    fc.assert(
      fc.property(fc.array(slotArb, { maxLength: 40 }), (slots) => {
        const expected = slots
          .map((_, i) => i)
          .filter(
            (i) =>
              !slots.slice(0, i).some((earlier) => same(earlier, slots[i]!)),
          );
        const out = dedupeSlots(slots);
        return (
          Array.from(out.kept).join() === expected.join() &&
          out.dedupedItems === slots.length - expected.length &&
          out.items.every((item, j) => item === slots[out.kept[j]!])
        );
      }),
    );
  });
});

describe('dedupeWorkItems', () => {
  const item = (
    opHandle: number,
    inputHandle: number,
    outputHandle: number,
    param: number,
  ): WorkItem => ({ opHandle, inputHandle, outputHandle, param });

  it('dedupes on all four fields', () => {
    const items = [
      item(1, 2, 3, 4), // kept
      item(1, 2, 3, 4), // duplicate
      item(1, 2, 3, 5), // kept: param differs
      item(1, 2, 4, 4), // kept: output differs
      item(1, 3, 3, 4), // kept: input differs
      item(2, 2, 3, 4), // kept: op differs
      item(1, 2, 3, 5), // duplicate of 2
    ];
    const out = dedupeWorkItems(items);
    expect(out.dedupedItems).toBe(2);
    expect(Array.from(out.kept)).toEqual([0, 2, 3, 4, 5]);
    expect(out.items).toEqual([
      items[0],
      items[2],
      items[3],
      items[4],
      items[5],
    ]);
  });

  it('dedupes 100,000 work items', () => {
    // param = i % 500 with the other fields fixed: items 0..499 are distinct, 99,500 repeat them.
    const items = Array.from({ length: 100_000 }, (_, i) =>
      item(OP, 0xffff_ffff, 7, i % 500),
    );
    const out = dedupeWorkItems(items);
    expect(out.dedupedItems).toBe(99_500);
    expect(out.kept.length).toBe(500);
    expect(out.kept[499]).toBe(499);
  });
});
