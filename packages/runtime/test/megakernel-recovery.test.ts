import { describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import { add, load, local, readWriteBuffer, store, u32 } from '@vyre/ir';
import {
  controlWords,
  ControlWord,
  encodeControl,
  Megakernel,
  Opcode,
  publishSlots,
  runWorkItems,
  SLOT_WORDS,
  type DrainReport,
  type SlotDescriptor,
} from '../src/index.ts';
import { bytesOf, wordsOf } from './word-bytes.ts';

// Device loss in the middle of a run, forced with device.destroy() on a WebGpuBackend each test creates
// (and disposes) itself. The host copy of ring and data is the commit point: a lost drain is recovered
// and run again from it, so every item runs to completion exactly once. Each item i increments
// counts[i], its own word: after the run every count must be exactly 1, and DONE_COUNT 1000.

const INC = 0x4000_0040; // counts[a0] += 1
const ITEMS = 1000;
const SLOTS = 64;
const items: SlotDescriptor[] = Array.from({ length: ITEMS }, (_, i) => ({
  opcode: INC,
  args: [i],
}));

async function ownGpu(skip: (note: string) => never): Promise<WebGpuBackend> {
  const created = await WebGpuBackend.create();
  if (created.ok) {
    return created.value;
  }
  const note = `GPU test skipped: ${created.error.format()}`;
  if (process.env['VYRE_REQUIRE_GPU'] === '1') {
    expect.fail(`VYRE_REQUIRE_GPU=1 but ${note}`);
  }
  return skip(note);
}

function counter(gpu: WebGpuBackend): Megakernel {
  const made = Megakernel.create(gpu, {
    slotCount: SLOTS,
    workgroupSize: SLOTS,
    handlers: [
      {
        opcode: INC,
        body: [
          store(
            'counts',
            local('a0'),
            add(load('counts', local('a0')), u32(1)),
          ),
        ],
      },
    ],
    dataBuffers: [readWriteBuffer('counts', 4, 'u32')],
  });
  if (!made.ok) {
    throw new Error(made.error.format());
  }
  return made.value;
}

// Runs the 1000 items; `atDrain2` runs in onDrain after the second drain.
async function countedRun(
  gpu: WebGpuBackend,
  atDrain2: () => void,
): Promise<{ report: DrainReport; counts: number[] }> {
  const mk = counter(gpu);
  const report = await runWorkItems(mk, items, {
    data: [new Uint8Array(ITEMS * 4)],
    onDrain: ({ drains }) => {
      if (drains === 2) {
        atDrain2();
      }
    },
  });
  if (!report.ok) {
    throw new Error(report.error.format());
  }
  return {
    report: report.value,
    counts: Array.from(wordsOf(report.value.data[0])),
  };
}

function expectExactlyOnce(report: DrainReport, counts: number[]): void {
  expect(counts.filter((c) => c !== 1)).toEqual([]);
  expect(counts).toHaveLength(ITEMS);
  expect([
    report.itemsProcessed,
    report.faulted.length,
    report.itemsRemaining,
  ]).toEqual([ITEMS, 0, 0]);
  expect(report.control[ControlWord.DONE_COUNT]).toBe(ITEMS);
  expect(report.recoveredAfterDeviceLoss).toBe(true);
  // 64 lanes for 64 slots: every drain finishes the ring.
  expect(report.drains).toBe(Math.ceil(ITEMS / SLOTS));
  // The lost dispatch counts as a launch.
  expect(report.kernelLaunches).toBe(report.drains + 1);
}

describe('Megakernel device-loss recovery', { tags: ['gpu'] }, () => {
  it('a device destroyed between drains is recovered; every item runs exactly once', async ({
    skip,
  }) => {
    const gpu = await ownGpu(skip);
    try {
      const { report, counts } = await countedRun(gpu, () => {
        gpu.device?.destroy();
      });
      expectExactlyOnce(report, counts);
      expect(gpu.deviceLost()).toBe(false);
    } finally {
      gpu.dispose();
    }
  }, 60_000);

  it('a device destroyed while a drain is in flight is recovered; every item runs exactly once', async ({
    skip,
  }) => {
    const gpu = await ownGpu(skip);
    try {
      // What the backend saw, in order: each host dispatch's start and outcome, and the destroy.
      const events: string[] = [];
      const dispatchInto = gpu.dispatchInto.bind(gpu);
      gpu.dispatchInto = async (...args) => {
        events.push('start');
        const result = await dispatchInto(...args);
        events.push(result.ok ? 'ok' : result.error.code);
        return result;
      };
      const { report, counts } = await countedRun(gpu, () => {
        // After onDrain returns the host refills the ring and submits the next drain; the timer fires
        // once that dispatch is waiting for its results.
        setTimeout(() => {
          events.push('destroy');
          gpu.device?.destroy();
        }, 0);
      });
      // A dispatch was in flight when the device went away (timers fire only while the host waits
      // for a drain's results). Depending on how far it had got, it or the next one reported the
      // loss, once, and the same drain ran again.
      const at = events.indexOf('destroy');
      expect(events[at - 1]).toBe('start');
      expect(events.filter((e) => e === 'BACKEND_DEVICE_LOST')).toHaveLength(1);
      const lost = events.indexOf('BACKEND_DEVICE_LOST');
      expect(lost).toBeGreaterThan(at);
      expect(events.slice(lost + 1, lost + 3)).toEqual(['start', 'ok']);
      expectExactlyOnce(report, counts);
    } finally {
      gpu.dispose();
    }
  }, 60_000);

  it('dispatchResident after a loss reports a coded error; recovery recompiles, then is healthy', async ({
    skip,
  }) => {
    const gpu = await ownGpu(skip);
    try {
      const made = Megakernel.bootstrapSharded(gpu, SLOTS, SLOTS);
      expect(made.ok).toBe(true);
      if (!made.ok) {
        return;
      }
      const mk = made.value;
      const control = new Uint32Array(controlWords(1));
      encodeControl(control, { observableSlots: 1 });
      const ring = new Uint32Array(SLOTS * SLOT_WORDS);
      publishSlots(ring, 0, 0, [
        { opcode: Opcode.ATOMIC_ADD, args: [5, ControlWord.OBSERVABLE_BASE] },
      ]);
      const handles: Record<string, Uint32Array> = {
        control,
        ring,
        debugLog: new Uint32Array(257),
        ioQueue: new Uint32Array(512),
      };
      const resident: Record<string, unknown> = {};
      for (const [name, words] of Object.entries(handles)) {
        const buffer = await gpu.allocateResident(words.byteLength);
        expect(buffer.ok).toBe(true);
        if (buffer.ok) {
          expect(
            (await gpu.uploadResident(buffer.value, bytesOf(words))).ok,
          ).toBe(true);
          resident[name] = buffer.value;
        }
      }
      const res = resident as unknown as Parameters<
        Megakernel['dispatchResident']
      >[0];
      expect((await mk.dispatchResident(res)).ok).toBe(true);
      expect(await mk.recoverAfterDeviceLoss()).toEqual({
        ok: true,
        value: 'healthy',
      });

      const device = gpu.device;
      device?.destroy();
      await device?.lost;
      await new Promise((resolve) => setTimeout(resolve, 0));
      const lost = await mk.dispatchResident(res);
      expect(lost.ok).toBe(false);
      if (!lost.ok) {
        expect(['BACKEND_DEVICE_LOST', 'RESIDENT_HANDLE_INVALID']).toContain(
          lost.error.code,
        );
        expect(lost.error.message).toMatch(/expected .*found/);
      }
      const many = await mk.dispatchResidentMany([res, res]);
      expect(many.ok ? 'ok' : many.error.code).not.toBe('ok');

      const first = await mk.recoverAfterDeviceLoss();
      expect(first).toEqual({ ok: true, value: 'recompiledPipeline' });
      expect(gpu.device).not.toBe(device);
      expect(gpu.pipelineCacheStats()?.size).toBeGreaterThanOrEqual(1);
      expect(await mk.recoverAfterDeviceLoss()).toEqual({
        ok: true,
        value: 'healthy',
      });
      // The resident buffers died with the device; a host dispatch works again.
      const stale = await mk.dispatchResident(res);
      expect(stale.ok ? 'ok' : stale.error.code).toBe(
        'RESIDENT_HANDLE_INVALID',
      );
      const host = await mk.dispatch({ control, ring });
      expect(host.ok && host.value.control[ControlWord.OBSERVABLE_BASE]).toBe(
        5,
      );
    } finally {
      gpu.dispose();
    }
  }, 60_000);
});

describe('Megakernel.recoverAfterDeviceLoss', () => {
  it('leaves a healthy backend alone (CPU reference)', async () => {
    const cpu = new CpuRefBackend();
    const made = Megakernel.bootstrap(cpu);
    expect(made.ok && (await made.value.recoverAfterDeviceLoss())).toEqual({
      ok: true,
      value: 'healthy',
    });
    cpu.dispose();
  });
});
