import { describe, expect, it } from 'vitest';
import {
  batchPublish,
  encodeWorkItemsRing,
  Opcode,
  publishSlot,
  publishSlots,
  publishWorkItems,
  RingStatus,
  SLOT_WORDS,
  SlotPriority,
  SlotWord,
  TENANT_ID_MAX,
} from '../src/index.ts';

// Publishing into a ring of words: payload then status, whole batches validated before any write, and
// coded refusals that leave the ring as it was.

const USER_OP = 0x4000_0001;
const ring = (slots: number): Uint32Array =>
  new Uint32Array(slots * SLOT_WORDS);
const slot = (r: Uint32Array, i: number): number[] =>
  Array.from(r.subarray(i * SLOT_WORDS, (i + 1) * SLOT_WORDS));

describe('publishSlot', () => {
  it('writes opcode, tenant, priority and arguments, and the status PUBLISHED', () => {
    const r = ring(2);
    expect(
      publishSlot(r, 1, 7, {
        opcode: USER_OP,
        args: [1, 2, 3],
        priority: SlotPriority.HIGH,
      }).ok,
    ).toBe(true);
    expect(slot(r, 1)).toEqual([
      RingStatus.PUBLISHED,
      USER_OP,
      7,
      SlotPriority.HIGH,
      1,
      2,
      3,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
    ]);
    expect(slot(r, 0).every((w) => w === 0)).toBe(true);
  });

  it('republishes a DONE slot and clears its old arguments', () => {
    const r = ring(1);
    publishSlot(r, 0, 0, {
      opcode: USER_OP,
      args: Array.from({ length: 12 }, (_, i) => i + 1),
    });
    r[SlotWord.STATUS] = RingStatus.DONE;
    expect(publishSlot(r, 0, 0, { opcode: Opcode.NOP }).ok).toBe(true);
    expect(slot(r, 0)).toEqual([
      RingStatus.PUBLISHED,
      0,
      0,
      SlotPriority.NORMAL,
      ...new Array<number>(12).fill(0),
    ]);
  });

  it.each([
    RingStatus.PUBLISHED,
    RingStatus.CLAIMED,
    RingStatus.WAIT_IO,
    RingStatus.YIELD,
    RingStatus.REQUEUE,
    RingStatus.FAULT,
  ])(
    'refuses a slot in status %i with RUNTIME_SLOT_BUSY, unchanged',
    (status) => {
      const r = ring(1);
      r[SlotWord.STATUS] = status;
      const before = slot(r, 0);
      const result = publishSlot(r, 0, 0, { opcode: USER_OP });
      expect(result.ok === false && result.error.code).toBe(
        'RUNTIME_SLOT_BUSY',
      );
      expect(slot(r, 0)).toEqual(before);
    },
  );

  it.each<
    [
      string,
      number,
      number,
      { opcode: number; args?: number[]; priority?: number },
    ]
  >([
    ['a system opcode as a user opcode', 0, 0, { opcode: 0xfff0 }],
    ['an opcode with the high bit', 0, 0, { opcode: 0x8000_0002 }],
    [
      '13 arguments',
      0,
      0,
      { opcode: USER_OP, args: new Array<number>(13).fill(0) },
    ],
    ['a negative argument', 0, 0, { opcode: USER_OP, args: [-1] }],
    ['a fractional argument', 0, 0, { opcode: USER_OP, args: [1.5] }],
    ['tenant 0xFFFFFFFF', 0, 0xffff_ffff, { opcode: USER_OP }],
    ['priority 5', 0, 0, { opcode: USER_OP, priority: 5 }],
    ['a slot past the ring', 2, 0, { opcode: USER_OP }],
    ['a negative slot', -1, 0, { opcode: USER_OP }],
  ])(
    'refuses %s with RUNTIME_PUBLISH_REFUSED',
    (_, index, tenant, descriptor) => {
      const r = ring(2);
      const result = publishSlot(r, index, tenant, descriptor);
      expect(result.ok === false && result.error.code).toBe(
        'RUNTIME_PUBLISH_REFUSED',
      );
      expect(r.every((w) => w === 0)).toBe(true);
    },
  );

  it('accepts every built-in opcode and the largest tenant', () => {
    for (const opcode of Object.values(Opcode)) {
      expect(publishSlot(ring(1), 0, TENANT_ID_MAX, { opcode }).ok).toBe(true);
    }
  });
});

describe('batches', () => {
  it('batchPublish writes N items and a BATCH_FENCE with [N, tag], returning N + 1', () => {
    const r = ring(8);
    const result = batchPublish(
      r,
      2,
      3,
      [
        { opcode: USER_OP, args: [9] },
        { opcode: Opcode.STORE_U32, args: [5, 200] },
      ],
      0xabc,
    );
    expect(result).toEqual({ ok: true, value: 3 });
    expect(slot(r, 2).slice(0, 5)).toEqual([
      RingStatus.PUBLISHED,
      USER_OP,
      3,
      SlotPriority.NORMAL,
      9,
    ]);
    expect(slot(r, 4).slice(0, 6)).toEqual([
      RingStatus.PUBLISHED,
      Opcode.BATCH_FENCE,
      3,
      SlotPriority.NORMAL,
      2,
      0xabc,
    ]);
    expect(slot(r, 5).every((w) => w === 0)).toBe(true);
  });

  it('validates the whole batch before writing anything', () => {
    const r = ring(4);
    r[3 * SLOT_WORDS] = RingStatus.CLAIMED; // the fence's slot is busy
    const busy = batchPublish(
      r,
      1,
      0,
      [{ opcode: USER_OP }, { opcode: USER_OP }],
      1,
    );
    expect(busy.ok === false && busy.error.code).toBe('RUNTIME_SLOT_BUSY');
    const bad = publishSlots(ring(4), 0, 0, [
      { opcode: USER_OP },
      { opcode: 0xfffe + 1 },
    ]);
    expect(bad.ok === false && bad.error.code).toBe('RUNTIME_PUBLISH_REFUSED');
    expect(Array.from(r.filter((w) => w !== 0))).toEqual([RingStatus.CLAIMED]);
  });

  it('publishes work items as opcode = opHandle, args = [input, output, param]', () => {
    const r = ring(4);
    const items = [
      { opHandle: USER_OP, inputHandle: 1, outputHandle: 2, param: 3 },
      { opHandle: USER_OP + 1, inputHandle: 4, outputHandle: 5, param: 6 },
    ];
    expect(publishWorkItems(r, 1, 9, items)).toEqual({ ok: true, value: 2 });
    expect(slot(r, 2).slice(0, 7)).toEqual([
      RingStatus.PUBLISHED,
      USER_OP + 1,
      9,
      SlotPriority.NORMAL,
      4,
      5,
      6,
    ]);
    const fresh = new Uint32Array(4 * SLOT_WORDS).fill(0xee);
    expect(encodeWorkItemsRing(fresh, 9, items)).toEqual({
      ok: true,
      value: 2,
    });
    expect(slot(fresh, 0).slice(0, 7)).toEqual([
      RingStatus.PUBLISHED,
      USER_OP,
      9,
      SlotPriority.NORMAL,
      1,
      2,
      3,
    ]);
    expect(slot(fresh, 3).every((w) => w === 0)).toBe(true);
    const small = encodeWorkItemsRing(new Uint32Array(SLOT_WORDS), 0, items);
    expect(small.ok === false && small.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
  });

  it('encodeWorkItemsRing validates every item before writing, and names the bad one', () => {
    const good = {
      opHandle: USER_OP,
      inputHandle: 1,
      outputHandle: 2,
      param: 3,
    };
    const cases = [
      { ...good, param: -1 },
      { ...good, inputHandle: 2 ** 32 },
      { ...good, opHandle: 0xfff0 },
      { ...good, outputHandle: 1.5 },
    ];
    for (const bad of cases) {
      const storage = new Uint32Array(4 * SLOT_WORDS).fill(0xee);
      const result = encodeWorkItemsRing(storage, 0, [good, bad, good]);
      expect(result.ok === false && result.error.code).toBe(
        'RUNTIME_PUBLISH_REFUSED',
      );
      expect(result.ok === false && result.error.message).toMatch(/^item 1: /);
      expect(storage.every((w) => w === 0xee)).toBe(true);
    }
    const builtin = encodeWorkItemsRing(new Uint32Array(SLOT_WORDS), 0, [
      { ...good, opHandle: Opcode.NOP },
    ]);
    expect(builtin.ok).toBe(true);
    const tenant = encodeWorkItemsRing(
      new Uint32Array(SLOT_WORDS),
      0xffff_ffff,
      [good],
    );
    expect(tenant.ok === false && tenant.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
  });
});
