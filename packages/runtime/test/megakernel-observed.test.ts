import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import {
  add,
  load,
  local,
  readBuffer,
  readWriteBuffer,
  store,
  type VyreBackend,
} from '@vyre/ir';
import {
  controlWords,
  ControlWord,
  encodeControl,
  Megakernel,
  publishSlots,
  SLOT_WORDS,
} from '../src/index.ts';

// The statistics of one host dispatch, worked out by hand from the buffers given: every input is
// uploaded, the four protocol buffers and the read-write data buffers come back.

const DEBUG_WORDS = 257;
const IO_WORDS = 512;

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

// A kernel with a read-write and a read-only data buffer: data[a0] += factors[a1].
const ADD = 0x4000_0020;
const dataKernel = (backend: VyreBackend) =>
  Megakernel.create(backend, {
    slotCount: 64,
    workgroupSize: 16,
    handlers: [
      {
        opcode: ADD,
        body: [
          store(
            'data',
            local('a0'),
            add(load('data', local('a0')), load('factors', local('a1'))),
          ),
        ],
      },
    ],
    dataBuffers: [
      readWriteBuffer('data', 4, 'u32'),
      readBuffer('factors', 5, 'u32'),
    ],
  });

describe('Megakernel.dispatchObserved', () => {
  it('reports one launch, one sync point, the bytes given and 4 + read-write outputs', async () => {
    const made = dataKernel(cpu);
    expect(made.ok).toBe(true);
    if (!made.ok) {
      return;
    }
    const mk = made.value;
    const control = new Uint32Array(controlWords(0));
    encodeControl(control);
    const ring = new Uint32Array(64 * SLOT_WORDS);
    publishSlots(ring, 0, 0, [
      { opcode: ADD, args: [0, 2] },
      { opcode: ADD, args: [3, 1] },
    ]);
    const data = new Uint8Array(new Uint32Array([10, 20, 30, 40, 50]).buffer);
    const factors = new Uint8Array(new Uint32Array([100, 200, 300]).buffer);
    const debugLog = new Uint32Array(DEBUG_WORDS);
    const ioQueue = new Uint32Array(IO_WORDS);
    const found = await mk.dispatchObserved({
      control,
      ring,
      debugLog,
      ioQueue,
      data: [data, factors],
    });
    expect(found.ok).toBe(true);
    if (!found.ok) {
      return;
    }
    const { stats, readback } = found.value;
    const inputBytes =
      160 * 4 + 64 * 64 + DEBUG_WORDS * 4 + IO_WORDS * 4 + 20 + 12;
    const outputBytes = inputBytes - 12; // everything but the read-only factors
    expect(stats).toMatchObject({
      kernelLaunches: 1,
      syncPoints: 1,
      inputBytes,
      outputBytes,
      readbackBytes: outputBytes,
      bytesMoved: inputBytes + outputBytes,
      outputBuffers: 5,
      residentResourceRows: 0,
      residentResourceHandles: 0,
      recoveredAfterDeviceLoss: false,
    });
    expect(stats.latencyNs).toBeGreaterThanOrEqual(0);
    expect(readback.data).toHaveLength(1);
    expect(
      Array.from(new Uint32Array(readback.data[0]!.slice().buffer)),
    ).toEqual([310, 20, 30, 240, 50]);
    expect(readback.control[ControlWord.DONE_COUNT]).toBe(2);
    // Two data buffers are declared: one given is refused.
    const short = await mk.dispatchObserved({ control, ring, data: [data] });
    expect(short.ok ? 'ok' : short.error.code).toBe(
      'RUNTIME_PROTOCOL_MALFORMED',
    );
  });
});
