import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import {
  add,
  assign,
  atomic,
  barrier,
  div,
  ifThen,
  letBind,
  load,
  local,
  loop,
  lt,
  mul,
  readWriteBuffer,
  ret,
  sub,
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
  Opcode,
  publishPackedSlot,
  publishSlots,
  RingStatus,
  SLOT_WORDS,
  workgroupMegakernel,
  type SlotDescriptor,
  type WorkgroupOpcodeHandler,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';
import { bytesOf, drainOnce } from './word-bytes.ts';

// The workgroup-per-slot megakernel: every lane of a workgroup works on the slot lane 0 claimed. A
// handler sums a 256-element segment cooperatively; built-ins run in lane 0. One bounded drain on the
// CPU reference and on WebGPU leaves the bytes computed here in plain JS, and the same bytes.

const SUM = 0x4000_0010; // sums[a2] += data[a0 .. a0 + a1), lane i taking i, i + lanes, …
const SEGMENT = 256;
const SEGMENTS = 8;
const OBS = ControlWord.OBSERVABLE_BASE;
const SLOTS = 24;
const WORKGROUP = 64;
const WORKGROUPS = 3;

const sumBody: Node[] = [
  letBind('part', u32(0)),
  loop(
    'i',
    u32(0),
    div(add(local('a1'), sub(local('lanes'), u32(1))), local('lanes')),
    [
      letBind('at', add(local('lane'), mul(local('i'), local('lanes')))),
      ifThen(lt(local('at'), local('a1')), [
        assign(
          'part',
          add(local('part'), load('data', add(local('a0'), local('at')))),
        ),
      ]),
    ],
  ),
  letBind('before', atomic('add', 'sums', local('a2'), local('part'))),
];

const handlers: WorkgroupOpcodeHandler[] = [{ opcode: SUM, body: sumBody }];
const dataBuffers = [
  readWriteBuffer('data', 4, 'u32'),
  readWriteBuffer('sums', 5, 'u32'),
];

interface Item {
  readonly slot: number;
  readonly tenant: number;
  readonly item: SlotDescriptor;
}

const items: Item[] = [
  ...Array.from({ length: SEGMENTS }, (_, s) => ({
    slot: s * 2,
    tenant: s % 2,
    item: { opcode: SUM, args: [s * SEGMENT, SEGMENT, s] },
  })),
  // A short segment added into sums[0] as well.
  { slot: 17, tenant: 0, item: { opcode: SUM, args: [5, 10, 0] } },
  {
    slot: 1,
    tenant: 0,
    item: { opcode: Opcode.ATOMIC_ADD, args: [5, OBS + 1] },
  },
  {
    slot: 3,
    tenant: 1,
    item: { opcode: Opcode.ATOMIC_ADD, args: [7, OBS + 1] },
  },
  {
    slot: 5,
    tenant: 0,
    item: { opcode: Opcode.STORE_U32, args: [0xabc, OBS + 2] },
  },
  { slot: 7, tenant: 0, item: { opcode: Opcode.NOP } },
  { slot: 9, tenant: 0, item: { opcode: 0x4000_0bad, args: [1] } }, // no handler: FAULT
  { slot: 11, tenant: 6, item: { opcode: SUM, args: [0, SEGMENT, 9] } }, // unauthorized: FAULT
  {
    slot: 13,
    tenant: 6,
    item: { opcode: Opcode.ATOMIC_ADD, args: [1, OBS + 1] },
  },
];
const PACKED_SLOT = 20;

const dataWords = (): Uint32Array =>
  Uint32Array.from(
    { length: SEGMENT * SEGMENTS },
    (_, i) => (i * 2_654_435_761) >>> 12,
  );

function inputs(shutdown = false): Uint32Array[] {
  const control = new Uint32Array(controlWords(16));
  encodeControl(control, { tenantCount: 2, observableSlots: 16, shutdown });
  const ring = new Uint32Array(SLOTS * SLOT_WORDS);
  for (const { slot, tenant, item } of items) {
    const published = publishSlots(ring, slot, tenant, [item]);
    if (!published.ok) {
      throw new Error(published.error.format());
    }
  }
  publishPackedSlot(ring, PACKED_SLOT, 1, [
    { opcode: Opcode.ATOMIC_ADD, args: [1000, OBS + 7, 0] },
    { opcode: Opcode.STORE_U32, args: [0x5eed, OBS + 8, 0] },
  ]);
  return [
    control,
    ring,
    encodeEmptyDebugLog(),
    encodeEmptyIoQueue(),
    dataWords(),
    new Uint32Array(SEGMENTS + 2),
  ];
}

function expected(): {
  control: Uint32Array;
  status: number[];
  sums: Uint32Array;
} {
  const [control, ring] = inputs();
  if (control === undefined || ring === undefined) {
    throw new Error('missing inputs');
  }
  const data = dataWords();
  const sums = new Uint32Array(SEGMENTS + 2);
  const status = Array.from(
    { length: SLOTS },
    (_, s) => ring[s * SLOT_WORDS] ?? 0,
  );
  const done = (slot: number, opcode: number): void => {
    if (opcode < 32) {
      control[ControlWord.METRICS_BASE + opcode]! += 1;
    }
    control[ControlWord.DONE_COUNT]! += 1;
    status[slot] = RingStatus.DONE;
  };
  for (const { slot, tenant, item } of items) {
    const [a0 = 0, a1 = 0, a2 = 0] = item.args ?? [];
    if (tenant > 1) {
      status[slot] = RingStatus.FAULT;
    } else if (item.opcode === SUM) {
      let total = 0;
      for (let i = 0; i < a1; i++) {
        total = (total + (data[a0 + i] ?? 0)) >>> 0;
      }
      sums[a2] = ((sums[a2] ?? 0) + total) >>> 0;
      done(slot, item.opcode);
    } else if (item.opcode === Opcode.ATOMIC_ADD) {
      control[a1] = ((control[a1] ?? 0) + a0) >>> 0;
      done(slot, item.opcode);
    } else if (item.opcode === Opcode.STORE_U32) {
      control[a1] = a0;
      done(slot, item.opcode);
    } else if (item.opcode === Opcode.NOP) {
      done(slot, item.opcode);
    } else {
      status[slot] = RingStatus.FAULT;
    }
  }
  control[OBS + 7] = 1000;
  control[OBS + 8] = 0x5eed;
  control[ControlWord.DONE_COUNT]! += 1; // the packed slot (opcode ≥ 32: no metric)
  status[PACKED_SLOT] = RingStatus.DONE;
  return { control, status, sums };
}

const drain = (
  backend: VyreBackend,
  program: Program,
  shutdown = false,
): Promise<Uint32Array[]> =>
  drainOnce(backend, program, inputs(shutdown), WORKGROUPS);

function build(): Program {
  const built = workgroupMegakernel({
    workgroupSize: WORKGROUP,
    workgroups: WORKGROUPS,
    handlers,
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

describe('workgroupMegakernel', () => {
  it('sums 256-element segments with all lanes of a workgroup (CPU reference)', async () => {
    const [control, ring, , , , sums] = await drain(cpu, build());
    const want = expected();
    expect(Array.from(sums ?? [])).toEqual(Array.from(want.sums));
    expect(
      Array.from({ length: SLOTS }, (_, s) => ring?.[s * SLOT_WORDS]),
    ).toEqual(want.status);
    expect(Array.from(control ?? [])).toEqual(Array.from(want.control));
    expect([want.status[9], want.status[11], want.status[13]]).toEqual([
      RingStatus.FAULT,
      RingStatus.FAULT,
      RingStatus.FAULT,
    ]);
  });

  it('does not depend on the lane order', async () => {
    const report = await cpu.raceCheck(build(), inputs().map(bytesOf), {
      gridOverride: [WORKGROUPS, 1, 1],
    });
    expect(report.ok && report.value.racy).toBe(false);
  });

  it('claims nothing when SHUTDOWN is set', async () => {
    const [control, ring] = await drain(cpu, build(), true);
    const [before, published] = inputs(true);
    expect(Array.from(ring ?? [])).toEqual(Array.from(published ?? []));
    expect(Array.from(control ?? [])).toEqual(Array.from(before ?? []));
  });

  it('refuses handler bodies with a barrier or a return, and system opcodes', () => {
    for (const body of [
      [barrier()],
      [ifThen(u32(1), [ret()])],
      [loop('i', u32(0), u32(2), [barrier()])],
    ]) {
      const built = workgroupMegakernel({ handlers: [{ opcode: SUM, body }] });
      expect(built.ok === false && built.error.code).toBe(
        'RUNTIME_PUBLISH_REFUSED',
      );
    }
    const system = workgroupMegakernel({
      handlers: [{ opcode: Opcode.NOP, body: [] }],
    });
    expect(system.ok === false && system.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
  });

  it('is what buildMegakernel builds for { kind: "workgroupPerSlot" }', () => {
    const built = buildMegakernel(
      { kind: 'workgroupPerSlot' },
      {
        workgroupSize: WORKGROUP,
        workgroups: WORKGROUPS,
        handlers,
        dataBuffers,
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
    expect(Array.from(found[5] ?? [])).toEqual(Array.from(expected().sums));
  });
});
