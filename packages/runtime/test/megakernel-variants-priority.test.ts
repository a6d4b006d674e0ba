import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import {
  add,
  atomic,
  letBind,
  load,
  local,
  mul,
  readWriteBuffer,
  store,
  u32,
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
  encodePriorityOffsets,
  Opcode,
  priorityMegakernel,
  publishSlots,
  RingStatus,
  SLOT_WORDS,
  STARVATION_THRESHOLD,
  type OpcodeHandler,
  type PriorityMegakernelOptions,
  type SlotDescriptor,
} from '../src/index.ts';
import { sharedGpuBackend } from './gpu-backend.ts';
import { bytesOf, drainOnce } from './word-bytes.ts';

// The priority megakernel: slots are claimed CRITICAL first, with a per-lane starvation guard. The
// expected values come from a plain-JS model of the documented claim rule; the CPU reference and WebGPU
// must agree with it and with each other, byte for byte.

const SCALE = 0x4000_0001; // data[a0] *= a1
const RECORD = 0x4000_0002; // data[a0] = 1 + the number of RECORD slots run before (control[OBS])
const OBS = ControlWord.OBSERVABLE_BASE;
const handlers: OpcodeHandler[] = [
  {
    opcode: SCALE,
    body: [
      store('data', local('a0'), mul(load('data', local('a0')), local('a1'))),
    ],
  },
  {
    opcode: RECORD,
    body: [
      letBind('seq', atomic('add', 'control', u32(OBS), u32(1))),
      store('data', local('a0'), add(local('seq'), u32(1))),
    ],
  },
];
const dataBuffers = [readWriteBuffer('data', 4, 'u32')];

interface Item {
  readonly slot: number;
  readonly tenant: number;
  readonly item: SlotDescriptor;
}

interface Setup {
  readonly slots: number;
  readonly items: readonly Item[];
  /** Partition offsets (6 words), default `encodePriorityOffsets`. */
  readonly offsets?: readonly number[];
  readonly tenants: number;
  readonly dataWords: number;
}

function inputs(setup: Setup): Uint32Array[] {
  const control = new Uint32Array(controlWords(16));
  encodeControl(control, { tenantCount: setup.tenants, observableSlots: 16 });
  encodePriorityOffsets(control, setup.slots);
  setup.offsets?.forEach((o, p) => {
    control[ControlWord.PRIORITY_OFFSETS_BASE + p] = o;
  });
  const ring = new Uint32Array(setup.slots * SLOT_WORDS);
  for (const { slot, tenant, item } of setup.items) {
    const published = publishSlots(ring, slot, tenant, [item]);
    if (!published.ok) {
      throw new Error(published.error.format());
    }
  }
  const data = Uint32Array.from({ length: setup.dataWords }, (_, i) => i + 1);
  return [control, ring, encodeEmptyDebugLog(), encodeEmptyIoQueue(), data];
}

// The documented claim rule in plain JS. Lanes own disjoint slots, so they can be run one after the
// other. Runs the items' effects on `control` and `data` (commutative ones, or one lane's) and
// returns, per lane, the slots it claimed in order.
function model(
  setup: Setup,
  buffers: readonly Uint32Array[],
  lanes: number,
  rounds?: number,
): number[][] {
  const [
    control = new Uint32Array(0),
    ring = new Uint32Array(0),
    ,
    ,
    data = new Uint32Array(0),
  ] = buffers;
  const slots = setup.slots;
  const offsets = Array.from({ length: 6 }, (_, p) =>
    Math.min(control[ControlWord.PRIORITY_OFFSETS_BASE + p] ?? 0, slots),
  );
  const byLane: number[][] = [];
  for (let lane = 0; lane < lanes; lane++) {
    const own = [0, 1, 2, 3, 4].map((p) => {
      const list: number[] = [];
      const end = Math.max(offsets[p + 1] ?? 0, offsets[p] ?? 0);
      for (let s = (offsets[p] ?? 0) + lane; s < end; s += lanes) {
        list.push(s);
      }
      return list;
    });
    const cursor = [0, 0, 0, 0, 0];
    const owned = own.reduce((n, list) => n + list.length, 0);
    let streak = 0;
    const claimed: number[] = [];
    for (let r = 0; r < Math.min(owned, rounds ?? owned); r++) {
      const starving = streak >= STARVATION_THRESHOLD;
      if (starving) {
        streak = 0;
      }
      let found: { slot: number; p: number } | undefined;
      for (const p of starving ? [4, 3, 2, 1, 0] : [0, 1, 2, 3, 4]) {
        const list = own[p] ?? [];
        while (found === undefined && (cursor[p] ?? 0) < list.length) {
          const slot = list[cursor[p]!++] ?? 0;
          const base = slot * SLOT_WORDS;
          if (ring[base] !== RingStatus.PUBLISHED) {
            continue;
          }
          if (control[3 + (ring[base + 2] ?? 0)] === 0) {
            ring[base] = RingStatus.FAULT;
          } else {
            found = { slot, p };
          }
        }
      }
      if (found === undefined) {
        continue;
      }
      claimed.push(found.slot);
      const base = found.slot * SLOT_WORDS;
      const [op = 0, tenant = 0] = [ring[base + 1], ring[base + 2]];
      const [a0 = 0, a1 = 0] = [ring[base + 4], ring[base + 5]];
      control[ControlWord.PRIORITY_FAIRNESS_BASE + found.p]! += 1;
      control[ControlWord.TENANT_FAIRNESS_BASE + (tenant % 32)]! += 1;
      if (op < 32) {
        control[ControlWord.METRICS_BASE + op]! += 1;
      }
      streak = found.p <= 1 ? streak + 1 : 0;
      let known = true;
      if (op === SCALE) {
        data[a0] = Math.imul(data[a0] ?? 0, a1) >>> 0;
      } else if (op === RECORD) {
        data[a0] = (control[OBS] ?? 0) + 1;
        control[OBS]! += 1;
      } else if (op === Opcode.ATOMIC_ADD) {
        control[a1] = ((control[a1] ?? 0) + a0) >>> 0;
      } else if (op === Opcode.STORE_U32) {
        control[a1] = a0;
      } else if (op !== Opcode.NOP) {
        known = false;
      }
      if (known) {
        control[ControlWord.DONE_COUNT]! += 1;
      }
      ring[base] = known ? RingStatus.DONE : RingStatus.FAULT;
    }
    control[ControlWord.PRIORITY_STARVATION_COUNTER]! += streak;
    byLane.push(claimed);
  }
  return byLane;
}

function build(options: PriorityMegakernelOptions): Program {
  const built = priorityMegakernel({ handlers, dataBuffers, ...options });
  if (!built.ok) {
    throw new Error(built.error.format());
  }
  return built.value;
}

// One bounded drain; the debug log and IO queue are fresh each time.
function drain(
  backend: VyreBackend,
  program: Program,
  buffers: readonly Uint32Array[],
  workgroups: number,
): Promise<Uint32Array[]> {
  const [control, ring, , , data] = buffers;
  return drainOnce(
    backend,
    program,
    [control, ring, encodeEmptyDebugLog(), encodeEmptyIoQueue(), data].map(
      (w) => w ?? new Uint32Array(0),
    ),
    workgroups,
  );
}

const plain = (buffers: readonly Uint32Array[]): number[][] =>
  [0, 1, 4].map((i) => Array.from(buffers[i] ?? []));

// Mixed work over 40 slots (8 per priority), 3 tenants authorized, served by 8 lanes in one drain.
const mixed: Setup = {
  slots: 40,
  tenants: 3,
  dataWords: 40,
  items: Array.from({ length: 40 }, (_, s): Item | undefined => {
    const tenant = s === 13 ? 7 : s % 3;
    switch (s % 5) {
      case 0:
        return {
          slot: s,
          tenant,
          item: { opcode: SCALE, args: [s, (s % 7) + 2] },
        };
      case 1:
        return {
          slot: s,
          tenant,
          item: { opcode: Opcode.ATOMIC_ADD, args: [s, OBS + 1 + (s % 4)] },
        };
      case 2:
        return {
          slot: s,
          tenant,
          item: {
            opcode: Opcode.STORE_U32,
            args: [s * 11, OBS + Math.floor(s / 5) + 5],
          },
        };
      case 3:
        return {
          slot: s,
          tenant,
          item: { opcode: s === 28 ? 0x4000_0bad : Opcode.NOP },
        };
      default:
        return undefined; // EMPTY
    }
  }).filter((item): item is Item => item !== undefined),
};
const MIXED_LANES = { workgroupSize: 4, workgroups: 2 };

// 200 slots (40 per priority), all published, 32 lanes, one claim per lane and drain.
const crowded: Setup = {
  slots: 200,
  tenants: 1,
  dataWords: 200,
  items: Array.from({ length: 200 }, (_, s) => ({
    slot: s,
    tenant: 0,
    item: { opcode: SCALE, args: [s, 3] },
  })),
};

// One lane; 20 CRITICAL RECORD slots and 4 IDLE ones; HIGH, NORMAL and LOW empty.
const starving: Setup = {
  slots: 24,
  tenants: 1,
  dataWords: 24,
  offsets: [0, 20, 20, 20, 20, 24],
  items: Array.from({ length: 24 }, (_, s) => ({
    slot: s,
    tenant: 0,
    item: { opcode: RECORD, args: [s] },
  })),
};

async function crowdedDrains(
  backend: VyreBackend,
): Promise<{ doneAt: number[]; states: number[][][] }> {
  const program = build({ workgroupSize: 32, workgroups: 1, claimRounds: 1 });
  let buffers = inputs(crowded);
  const doneAt = Array.from({ length: crowded.slots }, () => -1);
  const states: number[][][] = [];
  for (let d = 0; d < 12; d++) {
    buffers = await drain(backend, program, buffers, 1);
    states.push(plain(buffers));
    for (let s = 0; s < crowded.slots; s++) {
      if (
        doneAt[s] === -1 &&
        buffers[1]?.[s * SLOT_WORDS] === RingStatus.DONE
      ) {
        doneAt[s] = d;
      }
    }
  }
  return { doneAt, states };
}

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

describe('priorityMegakernel', () => {
  it('serves mixed work by priority, faults, and counts fairness (CPU reference)', async () => {
    const found = await drain(cpu, build(MIXED_LANES), inputs(mixed), 2);
    const want = inputs(mixed);
    model(mixed, want, 8);
    expect(plain(found)).toEqual(plain(want));
    const status = (slot: number): number | undefined =>
      found[1]?.[slot * SLOT_WORDS];
    expect([status(13), status(28)]).toEqual([
      RingStatus.FAULT,
      RingStatus.FAULT,
    ]);
    expect(status(4)).toBe(RingStatus.EMPTY);
    expect(status(0)).toBe(RingStatus.DONE);
    const control = found[0] ?? new Uint32Array(0);
    // 32 published slots, one unauthorized: 31 claims, 30 DONE (one unknown opcode).
    expect(control[ControlWord.DONE_COUNT]).toBe(30);
    const byPriority = Array.from(control.subarray(136, 141));
    expect(byPriority.reduce((a, b) => a + b, 0)).toBe(31);
    expect(
      Array.from(control.subarray(64, 67)).reduce((a, b) => a + b, 0),
    ).toBe(31);
  });

  it('does not depend on the lane order', async () => {
    for (const [setup, options, workgroups] of [
      [mixed, MIXED_LANES, 2],
      [crowded, { workgroupSize: 32, workgroups: 1, claimRounds: 1 }, 1],
    ] as const) {
      const report = await cpu.raceCheck(
        build(options),
        inputs(setup).map(bytesOf),
        {
          gridOverride: [workgroups, 1, 1],
        },
      );
      expect(report.ok && report.value.racy).toBe(false);
    }
  });

  it('claims every CRITICAL slot before any IDLE one when lanes are short (CPU reference)', async () => {
    const { doneAt, states } = await crowdedDrains(cpu);
    // The first drain: 32 claims, all CRITICAL.
    expect(doneAt.flatMap((d, s) => (d === 0 ? [s] : []))).toEqual(
      Array.from({ length: 32 }, (_, s) => s),
    );
    const critical = doneAt.slice(0, 40);
    const idle = doneAt.slice(160);
    expect(Math.max(...critical)).toBeLessThan(Math.min(...idle));
    expect(doneAt.every((d) => d >= 0)).toBe(true);
    // Every drain agrees with the model.
    const want = inputs(crowded);
    for (const state of states) {
      model(crowded, want, 32, 1);
      expect(state).toEqual(plain(want));
    }
    const control = states.at(-1)?.[0] ?? [];
    expect(control.slice(136, 141)).toEqual([40, 40, 40, 40, 40]);
    expect(control[ControlWord.TENANT_FAIRNESS_BASE]).toBe(200);
  });

  it('lets an IDLE slot through after 16 consecutive CRITICAL claims (CPU reference)', async () => {
    const found = await drain(
      cpu,
      build({ workgroupSize: 1, claimRounds: 18 }),
      inputs(starving),
      1,
    );
    const data = Array.from(found[4] ?? []);
    // CRITICAL 0..15 ran first, then IDLE 20 (the guard), then CRITICAL 16.
    expect(data.slice(0, 16)).toEqual(
      Array.from({ length: 16 }, (_, i) => i + 1),
    );
    expect([data[20], data[16]]).toEqual([17, 18]);
    expect([
      data[17],
      data[18],
      data[19],
      data[21],
      data[22],
      data[23],
    ]).toEqual([18, 19, 20, 22, 23, 24]); // untouched: still their initial values
    const control = found[0] ?? new Uint32Array(0);
    expect(Array.from(control.subarray(136, 141))).toEqual([17, 0, 0, 0, 1]);
    expect(control[ControlWord.PRIORITY_STARVATION_COUNTER]).toBe(1);
    const want = inputs(starving);
    model(starving, want, 1, 18);
    expect(plain(found)).toEqual(plain(want));
    // The control case: 16 claims never reach IDLE.
    const short = await drain(
      cpu,
      build({ workgroupSize: 1, claimRounds: 16 }),
      inputs(starving),
      1,
    );
    expect(short[1]?.[20 * SLOT_WORDS]).toBe(RingStatus.PUBLISHED);
    expect(short[0]?.[ControlWord.PRIORITY_STARVATION_COUNTER]).toBe(16);
  });

  it('is what buildMegakernel builds for { kind: "priority" }', () => {
    const built = buildMegakernel(
      { kind: 'priority', claimRounds: 3 },
      { ...MIXED_LANES, handlers, dataBuffers },
    );
    expect(built.ok && built.value).toEqual(
      build({ ...MIXED_LANES, claimRounds: 3 }),
    );
    const refused = priorityMegakernel({ claimRounds: -1 });
    expect(refused.ok === false && refused.error.code).toBe(
      'RUNTIME_PUBLISH_REFUSED',
    );
  });

  it('leaves the same bytes on WebGPU', { tags: ['gpu'] }, async ({ skip }) => {
    const backend = await sharedGpuBackend(skip);
    const mixedGpu = await drain(backend, build(MIXED_LANES), inputs(mixed), 2);
    const mixedCpu = await drain(cpu, build(MIXED_LANES), inputs(mixed), 2);
    expect(mixedGpu.map((w) => Array.from(w))).toEqual(
      mixedCpu.map((w) => Array.from(w)),
    );
    const starvingProgram = build({ workgroupSize: 1, claimRounds: 18 });
    const starvingGpu = await drain(
      backend,
      starvingProgram,
      inputs(starving),
      1,
    );
    const starvingCpu = await drain(cpu, starvingProgram, inputs(starving), 1);
    expect(starvingGpu.map((w) => Array.from(w))).toEqual(
      starvingCpu.map((w) => Array.from(w)),
    );
    const crowdedGpu = await crowdedDrains(backend);
    const crowdedCpu = await crowdedDrains(cpu);
    expect(crowdedGpu).toEqual(crowdedCpu);
  });
});
