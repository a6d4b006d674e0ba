import { describe, expect, it } from 'vitest';
import {
  CONTROL_MIN_WORDS,
  controlWords,
  ControlWord,
  DEFAULT_TENANT_QUOTA,
  encodeControl,
  encodeEmptyDebugLog,
  encodeEmptyIoQueue,
  encodeEmptyRing,
  encodePriorityOffsets,
  MAX_TENANTS,
  Opcode,
  packSlotArgs,
  publishPackedSlot,
  SLOT_WORDS,
  SlotWord,
} from '../src/index.ts';

// The packed-slot layout and the control buffer's initial words, as vyre lays them out.

describe('packed slots', () => {
  it('lays out count, (opcode, arg word) pairs from byte 2, then three words per operation', () => {
    const args = packSlotArgs([
      { opcode: Opcode.STORE_U32, args: [10, 170, 0] },
      { opcode: Opcode.ATOMIC_ADD, args: [1, 171, 0] },
      { opcode: Opcode.NOP, args: [7, 8, 9] },
    ]);
    if (!args.ok) {
      expect.fail(args.error.format());
    }
    const bytes = new Uint8Array(Uint32Array.from(args.value).buffer);
    // 3 operations: metadata ceil((2 + 6) / 4) = 2 words; arguments at words 2, 5, 8.
    expect(Array.from(bytes.subarray(0, 8))).toEqual([
      3,
      0,
      Opcode.STORE_U32,
      2,
      Opcode.ATOMIC_ADD,
      5,
      Opcode.NOP,
      8,
    ]);
    expect(args.value.slice(2, 11)).toEqual([10, 170, 0, 1, 171, 0, 7, 8, 9]);
    expect(args.value[11]).toBe(0);
  });

  it('one operation needs one metadata word', () => {
    const args = packSlotArgs([{ opcode: 2, args: [1, 2, 3] }]);
    expect(args.ok && args.value.slice(0, 4)).toEqual([
      1 | (2 << 16) | (1 << 24),
      1,
      2,
      3,
    ]);
  });

  it('refuses zero or four operations and bad opcodes, and publishes as PACKED_SLOT', () => {
    expect(packSlotArgs([]).ok).toBe(false);
    expect(packSlotArgs(Array(4).fill({ opcode: 0, args: [0, 0, 0] })).ok).toBe(
      false,
    );
    expect(packSlotArgs([{ opcode: 256, args: [0, 0, 0] }]).ok).toBe(false);
    const ring = new Uint32Array(SLOT_WORDS);
    expect(
      publishPackedSlot(ring, 0, 0, [{ opcode: 1, args: [1, 2, 3] }]).ok,
    ).toBe(true);
    expect(ring[SlotWord.OPCODE]).toBe(Opcode.PACKED_SLOT);
  });
});

describe('control buffer', () => {
  it('encodes SHUTDOWN, the tenant-mask index, masks and quotas', () => {
    const words = new Uint32Array(controlWords(4)).fill(7);
    const encoded = encodeControl(words, {
      shutdown: true,
      tenantCount: 2,
      observableSlots: 4,
    });
    expect(encoded.ok).toBe(true);
    expect(words.length).toBe(CONTROL_MIN_WORDS + 4);
    expect(words[ControlWord.SHUTDOWN]).toBe(1);
    expect(words[ControlWord.TENANT_BASE]).toBe(3);
    expect(Array.from(words.subarray(3, 6))).toEqual([
      0xffff_ffff, 0xffff_ffff, 0,
    ]);
    expect(
      Array.from(words.subarray(32, 64)).every(
        (q) => q === DEFAULT_TENANT_QUOTA,
      ),
    ).toBe(true);
    expect(words[ControlWord.DONE_COUNT]).toBe(0);
    expect(words[ControlWord.OBSERVABLE_BASE + 3]).toBe(0);
  });

  it('refuses too many tenants and storage of the wrong size', () => {
    const tooMany = encodeControl(new Uint32Array(160), {
      tenantCount: MAX_TENANTS + 1,
    });
    expect(tooMany.ok === false && tooMany.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
    const wrong = encodeControl(new Uint32Array(161), {});
    expect(wrong.ok === false && wrong.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
    expect(
      encodeControl(new Uint32Array(160), { tenantCount: MAX_TENANTS }).ok,
    ).toBe(true);
  });

  it('splits the ring into five priority partitions, the remainder to NORMAL', () => {
    const words = new Uint32Array(160);
    encodePriorityOffsets(words, 103);
    expect(Array.from(words.subarray(129, 135))).toEqual([
      0, 20, 40, 63, 83, 103,
    ]);
  });

  it('allocates empty buffers of the protocol sizes', () => {
    const ring = encodeEmptyRing(8);
    expect(ring.ok && ring.value.length).toBe(128);
    expect(encodeEmptyRing(0).ok).toBe(false);
    expect(encodeEmptyDebugLog().length).toBe(257);
    expect(encodeEmptyIoQueue().length).toBe(512);
  });
});
