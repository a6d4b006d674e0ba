import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import {
  add,
  load,
  local,
  loop,
  readWriteBuffer,
  store,
  u32,
  type VyreBackend,
} from '@vyre/ir';
import {
  ControlWord,
  Megakernel,
  Opcode,
  runWorkItems,
  SLOT_WORDS,
  SlotWord,
  type DrainProgress,
  type SlotDescriptor,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// runWorkItems on a built Megakernel: binning by opcode changes the order items are published in but
// not the results (each item owns its data segment or observable, or adds commutatively); onDrain sees
// consistent counts. Expected results come from a plain-JS model of the items' effects.

const OBS = ControlWord.OBSERVABLE_BASE;
const INC_SEG = 0x4000_0030; // data[a0 + i] += a2 for i < a1
const handlers = [
  {
    opcode: INC_SEG,
    body: [
      loop('i', u32(0), local('a1'), [
        store(
          'data',
          add(local('a0'), local('i')),
          add(load('data', add(local('a0'), local('i'))), local('a2')),
        ),
      ]),
    ],
  },
];
const dataBuffers = [readWriteBuffer('data', 4, 'u32')];
const N = 80;
const SEG = 4;

// i % 4: 0 → INC_SEG over segment i / 4; 1 → ATOMIC_ADD into observable 0 or 1; 2 → NOP;
// 3 → STORE_U32 into its own observable 2 + (i - 3) / 4.
const mixed: SlotDescriptor[] = Array.from({ length: N }, (_, i) => {
  switch (i % 4) {
    case 0:
      return { opcode: INC_SEG, args: [(i / 4) * SEG, SEG, i + 1] };
    case 1:
      return {
        opcode: Opcode.ATOMIC_ADD,
        args: [i, OBS + (((i - 1) / 4) % 2)],
      };
    case 2:
      return { opcode: Opcode.NOP };
    default:
      return { opcode: Opcode.STORE_U32, args: [i * 3, OBS + 2 + (i - 3) / 4] };
  }
});
const OBSERVABLES = 2 + N / 4;
const initialData = () =>
  new Uint8Array(
    Uint32Array.from({ length: (N / 4) * SEG }, (_, j) => j + 1).buffer,
  );

// Plain JS: the observables and data after every item ran once.
function model(): { observables: number[]; data: number[] } {
  const observables = new Array<number>(OBSERVABLES).fill(0);
  const data = Array.from({ length: (N / 4) * SEG }, (_, j) => j + 1);
  for (const { opcode, args = [] } of mixed) {
    const [a0 = 0, a1 = 0, a2 = 0] = args;
    if (opcode === INC_SEG) {
      for (let i = 0; i < a1; i++) {
        data[a0 + i]! += a2;
      }
    } else if (opcode === Opcode.ATOMIC_ADD) {
      observables[a1 - OBS]! += a0;
    } else if (opcode === Opcode.STORE_U32) {
      observables[a1 - OBS] = a0;
    }
  }
  return { observables, data };
}

async function runMixed(backend: VyreBackend, binByOpcode: boolean) {
  const made = Megakernel.create(backend, {
    slotCount: 16,
    workgroupSize: 8,
    handlers,
    dataBuffers,
  });
  if (!made.ok) {
    throw new Error(made.error.format());
  }
  // The opcodes of every drain's ring, slot by slot: every slot is refilled and finished in each
  // drain (16 lanes, 16 slots), so this is the order the items were handed out in.
  const handedOut: number[] = [];
  const report = await runWorkItems(made.value, mixed, {
    binByOpcode,
    observableSlots: OBSERVABLES,
    data: [initialData()],
    onDrain: (p) => {
      for (let s = 0; s < 16; s++) {
        handedOut.push(p.ring[s * SLOT_WORDS + SlotWord.OPCODE] ?? -1);
      }
    },
  });
  if (!report.ok) {
    throw new Error(report.error.format());
  }
  const r = report.value;
  expect(r.itemsProcessed).toBe(N);
  expect(r.faulted).toEqual([]);
  expect(r.itemsRemaining).toBe(0);
  return {
    control: Array.from(r.control),
    data: Array.from(new Uint32Array(r.data[0]!.slice().buffer)),
    handedOut,
  };
}

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

async function binningAgrees(backend: VyreBackend): Promise<void> {
  const [plain, binned] = [
    await runMixed(backend, false),
    await runMixed(backend, true),
  ];
  const want = model();
  expect(plain.data).toEqual(want.data);
  expect(plain.control.slice(OBS)).toEqual(want.observables);
  expect(binned.data).toEqual(plain.data);
  expect(binned.control).toEqual(plain.control);
  // Binning really reordered: without it the items went out in input order (four opcodes in each
  // drain), with it grouped by opcode, the first drain one group (20 items for 16 slots).
  expect(plain.handedOut).toEqual(mixed.map((item) => item.opcode));
  expect(new Set(binned.handedOut.slice(0, 16)).size).toBe(1);
  // Grouped: four runs of 20 equal opcodes.
  const runs = binned.handedOut.filter(
    (op, k) => k === 0 || op !== binned.handedOut[k - 1],
  );
  expect(runs).toHaveLength(4);
  expect([...runs].sort()).toEqual(
    [...new Set(mixed.map((i) => i.opcode))].sort(),
  );
  expect(binned.control[ControlWord.DONE_COUNT]).toBe(N);
  expect(binned.control[ControlWord.METRICS_BASE + Opcode.NOP]).toBe(N / 4);
}

describe('runWorkItems', () => {
  it('binByOpcode gives the same data and control as publishing in order (CPU reference)', async () => {
    await binningAgrees(cpu);
  });

  it(
    'binByOpcode gives the same data and control on WebGPU',
    { tags: ['gpu'] },
    async ({ skip }) => {
      const backend = await sharedGpuBackend(skip);
      await binningAgrees(backend);
      const [gpu, ref] = [
        await runMixed(backend, true),
        await runMixed(cpu, true),
      ];
      expect(gpu.control).toEqual(ref.control);
      expect(gpu.data).toEqual(ref.data);
    },
  );

  // Drains swap the host's arrays with the readback: the caller's bytes must never be one of them.
  it('leaves the caller data bytes as given and returns the results separately', async () => {
    const given = initialData();
    const copy = given.slice();
    const made = Megakernel.create(cpu, {
      slotCount: 16,
      workgroupSize: 8,
      handlers,
      dataBuffers,
    });
    expect(made.ok).toBe(true);
    if (!made.ok) {
      return;
    }
    const report = await runWorkItems(made.value, mixed, {
      observableSlots: OBSERVABLES,
      data: [given],
    });
    expect(report.ok).toBe(true);
    if (!report.ok) {
      return;
    }
    expect(
      Array.from(new Uint32Array(report.value.data[0]!.slice().buffer)),
    ).toEqual(model().data);
    // Five drains: the caller's bytes must not have become the storage of a later drain.
    expect(report.value.drains).toBe(5);
    expect(Array.from(given)).toEqual(Array.from(copy));
  });

  it('calls onDrain once per drain with counts that add up', async () => {
    const made = Megakernel.create(cpu, {
      slotCount: 64,
      workgroupSize: 16,
      workgroups: 2,
    });
    expect(made.ok).toBe(true);
    if (!made.ok) {
      return;
    }
    const items: SlotDescriptor[] = Array.from({ length: 300 }, (_, i) =>
      i % 50 === 49
        ? { opcode: 0x4000_0007 }
        : { opcode: Opcode.ATOMIC_ADD, args: [1, OBS] },
    );
    const seen: (Omit<DrainProgress, 'control' | 'ring'> & { done: number })[] =
      [];
    const report = await runWorkItems(made.value, items, {
      observableSlots: 1,
      onDrain: ({ control, ring, ...counts }) => {
        expect(ring).toHaveLength(64 * SLOT_WORDS);
        seen.push({ ...counts, done: control[ControlWord.DONE_COUNT] ?? 0 });
      },
    });
    expect(report.ok).toBe(true);
    if (!report.ok) {
      return;
    }
    const r = report.value;
    expect(seen).toHaveLength(r.drains);
    expect(r.drains).toBe(Math.ceil(300 / 64));
    for (const [k, p] of seen.entries()) {
      expect(p.drains).toBe(k + 1);
      expect(
        p.itemsProcessed + p.itemsFaulted + p.itemsInRing + p.itemsWaiting,
      ).toBe(300);
      const prev = seen[k - 1];
      if (prev !== undefined) {
        expect(p.itemsProcessed).toBeGreaterThanOrEqual(prev.itemsProcessed);
        expect(p.itemsFaulted).toBeGreaterThanOrEqual(prev.itemsFaulted);
        expect(p.itemsWaiting).toBeLessThanOrEqual(prev.itemsWaiting);
        // The counts are taken before this drain's slots are reclaimed: the previous drain's
        // DONE_COUNT is what had been processed.
        expect(p.itemsProcessed).toBe(prev.done);
      }
    }
    expect(seen.at(-1)?.done).toBe(r.itemsProcessed);
    expect(r.itemsProcessed).toBe(294);
    expect(r.control[OBS]).toBe(294);
  });
});
