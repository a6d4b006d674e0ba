import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { readWriteBuffer, type VyreBackend } from '@vyre/ir';
import {
  ControlWord,
  Megakernel,
  Opcode,
  runWorkItems,
  type SlotDescriptor,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';

// How a run ends short of finishing: the wall-time limit, a SHUTDOWN item, and a tenant whose
// authorization is revoked mid-run. Whatever happens, processed + faulted + remaining = items.
//
// Unauthorized tenants: runWorkItems authorizes tenants 0..tenant for its own tenant, so its items are
// always authorized when the run starts. The test revokes tenant 0 from inside the run: a STORE_U32 of
// 0 into control word 3 (tenant 0's mask; the mask table starts at control[2] = 3). Every slot claimed
// afterwards faults, and the host reports it as tenantNotAuthorized (a known opcode that faulted).

const OBS = ControlWord.OBSERVABLE_BASE;

function kernel(backend: VyreBackend, slots: number): Megakernel {
  const made = Megakernel.create(backend, {
    slotCount: slots,
    workgroupSize: slots,
    dataBuffers: [readWriteBuffer('data', 4, 'u32')],
  });
  if (!made.ok) {
    throw new Error(made.error.format());
  }
  return made.value;
}

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

const adds = (n: number, from = 0): SlotDescriptor[] =>
  Array.from({ length: n }, (_, i) => ({
    opcode: Opcode.ATOMIC_ADD,
    args: [from + i + 1, OBS],
  }));

// The revoking STORE_U32 first, then 8 ATOMIC_ADDs of 1..8, on a ring of 4 slots.
const revoking: SlotDescriptor[] = [
  { opcode: Opcode.STORE_U32, args: [0, 3] },
  ...adds(8),
];

async function revoke(backend: VyreBackend) {
  const report = await runWorkItems(kernel(backend, 4), revoking, {
    observableSlots: 1,
    data: [new Uint8Array(16)],
  });
  if (!report.ok) {
    throw new Error(report.error.format());
  }
  const r = report.value;
  // Whatever the lane order in the first drain: the STORE_U32 ran, items 4..8 (published after it)
  // all faulted as unauthorized, and the observable holds exactly the adds that ran.
  expect(r.itemsProcessed + r.faulted.length).toBe(9);
  expect(r.itemsRemaining).toBe(0);
  expect(r.faulted.every((f) => f.reason === 'tenantNotAuthorized')).toBe(true);
  const faulted = new Set(r.faulted.map((f) => f.item));
  expect(faulted.has(0)).toBe(false);
  expect([4, 5, 6, 7, 8].every((i) => faulted.has(i))).toBe(true);
  const ran = [1, 2, 3].filter((i) => !faulted.has(i));
  expect(r.control[OBS]).toBe(ran.reduce((s, i) => s + i, 0));
  expect(r.control[3]).toBe(0);
  expect(r.control[ControlWord.DONE_COUNT]).toBe(r.itemsProcessed);
  return r;
}

describe('runWorkItems stopping short', () => {
  it('maxWallTimeMs 0 runs nothing and reports everything remaining', async () => {
    const data = new Uint8Array(new Uint32Array([7, 8, 9, 10]).buffer);
    const report = await runWorkItems(kernel(cpu, 8), adds(20), {
      maxWallTimeMs: 0,
      observableSlots: 1,
      data: [data],
    });
    expect(report.ok).toBe(true);
    if (!report.ok) {
      return;
    }
    const r = report.value;
    expect(r).toMatchObject({
      itemsProcessed: 0,
      faulted: [],
      itemsRemaining: 20,
      publishedItems: 0,
      drains: 0,
      kernelLaunches: 0,
      recoveredAfterDeviceLoss: false,
      bytesUploaded: 0,
      bytesReadBack: 0,
    });
    // A fresh control buffer for tenant 0 with one observable: nothing counted.
    expect(r.control).toHaveLength(161);
    expect(r.control[ControlWord.DONE_COUNT]).toBe(0);
    expect(r.control[OBS]).toBe(0);
    expect(r.control[3]).toBe(0xffff_ffff);
    expect(Array.from(new Uint32Array(r.data[0]!.slice().buffer))).toEqual([
      7, 8, 9, 10,
    ]);
  });

  it('a SHUTDOWN item stops the run; the rest is reported remaining (CPU reference)', async () => {
    // 8 slots, one lane each. Items 0..6 add 1..7, item 7 is SHUTDOWN, items 8..19 add more.
    const items = [...adds(7), { opcode: Opcode.SHUTDOWN }, ...adds(12, 100)];
    const report = await runWorkItems(kernel(cpu, 8), items, {
      observableSlots: 1,
      data: [new Uint8Array(16)],
    });
    expect(report.ok).toBe(true);
    if (!report.ok) {
      return;
    }
    const r = report.value;
    expect(r.itemsProcessed + r.faulted.length + r.itemsRemaining).toBe(20);
    expect(r.control[ControlWord.SHUTDOWN]).toBe(1);
    // The CPU reference runs lanes in order: the first drain ran all eight (SHUTDOWN last); the
    // second drain ran nothing, and the run stopped there with 12 items published or waiting.
    expect([r.itemsProcessed, r.faulted.length, r.itemsRemaining]).toEqual([
      8, 0, 12,
    ]);
    expect(r.drains).toBe(2);
    expect(r.publishedItems).toBe(16);
    expect(r.control[OBS]).toBe(28);
    expect(r.control[ControlWord.METRICS_BASE + Opcode.ATOMIC_ADD]).toBe(7);
  });

  it('a tenant revoked mid-run faults as tenantNotAuthorized (CPU reference)', async () => {
    const r = await revoke(cpu);
    // In lane order, the STORE_U32 ran first: every other item faulted.
    expect(r.itemsProcessed).toBe(1);
    expect(r.faulted.map((f) => f.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.drains).toBe(3);
  });

  it(
    'a tenant revoked mid-run faults as tenantNotAuthorized on WebGPU',
    { tags: ['gpu'] },
    async ({ skip }) => {
      await revoke(await sharedGpuBackend(skip));
    },
  );

  it('a run after a stopped run on the same kernel runs only its own items', async () => {
    const mk = kernel(cpu, 8);
    // Stopped by SHUTDOWN with 8 items left published in the ring.
    const stopped = await runWorkItems(
      mk,
      [...adds(7), { opcode: Opcode.SHUTDOWN }, ...adds(12, 100)],
      { observableSlots: 1, data: [new Uint8Array(16)] },
    );
    expect(stopped.ok && stopped.value.itemsRemaining).toBe(12);
    // Stopped by the time limit before anything ran.
    const timedOut = await runWorkItems(mk, adds(5, 1000), {
      maxWallTimeMs: 0,
      observableSlots: 1,
      data: [new Uint8Array(16)],
    });
    expect(timedOut.ok && timedOut.value.itemsRemaining).toBe(5);
    const next = await runWorkItems(mk, adds(3, 10), {
      observableSlots: 1,
      data: [new Uint8Array(16)],
    });
    expect(next.ok).toBe(true);
    if (!next.ok) {
      return;
    }
    // 11 + 12 + 13, and nothing left over from the runs before.
    expect(next.value.control[OBS]).toBe(36);
    expect(next.value.control[ControlWord.DONE_COUNT]).toBe(3);
    expect([next.value.itemsProcessed, next.value.itemsRemaining]).toEqual([
      3, 0,
    ]);
  });

  it('two concurrent runs on one kernel keep their items apart', async () => {
    const mk = kernel(cpu, 4);
    const [a, b] = await Promise.all([
      runWorkItems(mk, adds(10), {
        observableSlots: 1,
        data: [new Uint8Array(16)],
      }),
      runWorkItems(mk, adds(6, 100), {
        observableSlots: 1,
        data: [new Uint8Array(16)],
      }),
    ]);
    expect(a.ok && [a.value.itemsProcessed, a.value.control[OBS]]).toEqual([
      10, 55,
    ]);
    // 101 + … + 106
    expect(b.ok && [b.value.itemsProcessed, b.value.control[OBS]]).toEqual([
      6, 621,
    ]);
  });

  it('runs items as any tenant it can authorize, and refuses one it cannot', async () => {
    const report = await runWorkItems(kernel(cpu, 4), adds(6), {
      tenant: 28,
      observableSlots: 1,
      data: [new Uint8Array(16)],
    });
    expect(
      report.ok && [report.value.itemsProcessed, report.value.control[OBS]],
    ).toEqual([6, 21]);
    // Tenants 0..28 authorized: mask words 3..31 all ones.
    expect(
      report.ok && Array.from(report.value.control.subarray(3, 32)),
    ).toEqual(new Array<number>(29).fill(0xffff_ffff));
    for (const tenant of [29, -1, 1.5]) {
      const refused = await runWorkItems(kernel(cpu, 4), adds(1), {
        tenant,
        data: [new Uint8Array(16)],
      });
      expect(refused.ok ? 'ok' : refused.error.code, `tenant ${tenant}`).toBe(
        'RUNTIME_PUBLISH_REFUSED',
      );
    }
  });
});
