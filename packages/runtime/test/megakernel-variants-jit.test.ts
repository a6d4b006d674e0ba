import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import {
  add,
  atomic,
  eq,
  ifThen,
  letBind,
  load,
  local,
  mul,
  readWriteBuffer,
  store,
  u32,
  type Node,
  type Program,
  type VyreBackend,
} from '@vyre/ir';
import {
  buildMegakernel,
  controlWords,
  ControlWord,
  encodeControl,
  encodeEmptyDebugLog,
  encodeEmptyIoQueue,
  jitMegakernel,
  Opcode,
  publishSlots,
  RingStatus,
  SLOT_WORDS,
  slotArg,
  type SlotDescriptor,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';
import { bytesOf, drainOnce } from './word-bytes.ts';

// The JIT megakernel: a payload that interprets the opcodes itself replaces the if-tree. One bounded
// drain on the CPU reference and on WebGPU leaves the bytes computed here in plain JS, and the same bytes.

const SCALE = 0x4000_0001; // data[a0] *= a1
const SUM3 = 0x4000_0002; // data[a0] = a1 + a2 + arg 3
const UNKNOWN = 7; // not interpreted by the payload: still DONE
const OBS = ControlWord.OBSERVABLE_BASE;
const SLOTS = 64;
const WORKGROUP = 16;
const WORKGROUPS = 2;

const payload: Node[] = [
  ifThen(
    eq(local('op'), u32(SCALE)),
    [store('data', local('a0'), mul(load('data', local('a0')), local('a1')))],
    [
      ifThen(
        eq(local('op'), u32(SUM3)),
        [
          store(
            'data',
            local('a0'),
            add(add(local('a1'), local('a2')), slotArg(3)),
          ),
        ],
        [
          // The payload's own reading of opcode 2: control[a1] += a0.
          ifThen(eq(local('op'), u32(Opcode.ATOMIC_ADD)), [
            letBind(
              'j_prev',
              atomic('add', 'control', local('a1'), local('a0')),
            ),
          ]),
        ],
      ),
    ],
  ),
];
const dataBuffers = [readWriteBuffer('data', 4, 'u32')];

interface Item {
  readonly slot: number;
  readonly tenant: number;
  readonly item: SlotDescriptor;
}

const items: Item[] = [
  ...Array.from({ length: 20 }, (_, i) => ({
    slot: i,
    tenant: i % 2,
    item: { opcode: SCALE, args: [i, (i % 5) + 2] },
  })),
  ...Array.from({ length: 10 }, (_, i) => ({
    slot: 20 + i,
    tenant: 0,
    item: { opcode: SUM3, args: [20 + i, i, 100, 1000 * i] },
  })),
  ...Array.from({ length: 6 }, (_, i) => ({
    slot: 30 + i,
    tenant: 1,
    item: { opcode: Opcode.ATOMIC_ADD, args: [i + 1, OBS + (i % 2)] },
  })),
  { slot: 40, tenant: 0, item: { opcode: UNKNOWN, args: [5, OBS + 9] } },
  { slot: 41, tenant: 5, item: { opcode: SCALE, args: [0, 9] } }, // unauthorized: FAULT
  { slot: 50, tenant: 5, item: { opcode: Opcode.ATOMIC_ADD, args: [1, OBS] } },
];

function inputs(): Uint32Array[] {
  const control = new Uint32Array(controlWords(16));
  encodeControl(control, { tenantCount: 2, observableSlots: 16 });
  const ring = new Uint32Array(SLOTS * SLOT_WORDS);
  for (const { slot, tenant, item } of items) {
    const published = publishSlots(ring, slot, tenant, [item]);
    if (!published.ok) {
      throw new Error(published.error.format());
    }
  }
  const data = Uint32Array.from({ length: 32 }, (_, i) => i + 1);
  return [control, ring, encodeEmptyDebugLog(), encodeEmptyIoQueue(), data];
}

function expected(): {
  control: Uint32Array;
  status: number[];
  data: Uint32Array;
} {
  const [control, ring, , , data] = inputs();
  if (control === undefined || ring === undefined || data === undefined) {
    throw new Error('missing inputs');
  }
  const status = Array.from(
    { length: SLOTS },
    (_, s) => ring[s * SLOT_WORDS] ?? 0,
  );
  for (const { slot, tenant, item } of items) {
    if (tenant > 1) {
      status[slot] = RingStatus.FAULT;
      continue;
    }
    const [a0 = 0, a1 = 0, a2 = 0, a3 = 0] = item.args ?? [];
    if (item.opcode === SCALE) {
      data[a0] = Math.imul(data[a0] ?? 0, a1) >>> 0;
    } else if (item.opcode === SUM3) {
      data[a0] = (a1 + a2 + a3) >>> 0;
    } else if (item.opcode === Opcode.ATOMIC_ADD) {
      control[a1] = ((control[a1] ?? 0) + a0) >>> 0;
    }
    if (item.opcode < 32) {
      control[ControlWord.METRICS_BASE + item.opcode]! += 1;
    }
    control[ControlWord.DONE_COUNT]! += 1;
    status[slot] = RingStatus.DONE;
  }
  return { control, status, data };
}

const drain = (
  backend: VyreBackend,
  program: Program,
): Promise<Uint32Array[]> => drainOnce(backend, program, inputs(), WORKGROUPS);

function build(): Program {
  const built = jitMegakernel({
    workgroupSize: WORKGROUP,
    workgroups: WORKGROUPS,
    payload,
    dataBuffers,
  });
  if (!built.ok) {
    throw new Error(built.error.format());
  }
  return built.value;
}

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

describe('jitMegakernel', () => {
  it('runs the payload for every claimed slot, DONE even for opcodes it ignores (CPU reference)', async () => {
    const [control, ring, , , data] = await drain(cpu, build());
    const want = expected();
    expect(
      Array.from({ length: SLOTS }, (_, s) => ring?.[s * SLOT_WORDS]),
    ).toEqual(want.status);
    expect(Array.from(control ?? [])).toEqual(Array.from(want.control));
    expect(Array.from(data ?? [])).toEqual(Array.from(want.data));
    expect(want.status[40]).toBe(RingStatus.DONE);
    expect([want.status[41], want.status[50]]).toEqual([
      RingStatus.FAULT,
      RingStatus.FAULT,
    ]);
    expect(want.control[ControlWord.DONE_COUNT]).toBe(37);
  });

  it('does not depend on the lane order', async () => {
    const report = await cpu.raceCheck(build(), inputs().map(bytesOf), {
      gridOverride: [WORKGROUPS, 1, 1],
    });
    expect(report.ok && report.value.racy).toBe(false);
  });

  it('is what buildMegakernel builds for { kind: "jit" }', () => {
    const built = buildMegakernel(
      { kind: 'jit', payload },
      {
        workgroupSize: WORKGROUP,
        workgroups: WORKGROUPS,
        dataBuffers,
        handlers: [],
      },
    );
    expect(built.ok && built.value).toEqual(build());
  });

  it('leaves the same bytes on WebGPU', { tags: ['gpu'] }, async ({ skip }) => {
    const backend = await sharedGpuBackend(skip);
    const found = await drain(backend, build());
    const reference = await drain(cpu, build());
    expect(found.map((w) => Array.from(w))).toEqual(
      reference.map((w) => Array.from(w)),
    );
    expect(Array.from(found[4] ?? [])).toEqual(Array.from(expected().data));
  });
});
