import { afterAll, describe, expect, it } from 'vitest';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import {
  load,
  local,
  outputBuffer,
  readBuffer,
  readWriteBuffer,
  store,
  u32,
  workgroupBuffer,
} from '@vyre/ir';
import {
  INTERPRETED_OPCODES,
  Megakernel,
  Opcode,
  type OpcodeHandler,
} from '../src/index.ts';

// The compiled-megakernel handle: its geometry (defaults, sharding, refusals), its accessors and what
// `create` refuses. The expected geometry is worked out by hand from the documented rule: one lane per
// slot, slots in whole workgroups, at most 1024 workgroups.

const USER = 0x4000_0010;
const OTHER = 0x4000_0011;
const bump: OpcodeHandler = {
  opcode: USER,
  body: [store('data', local('a0'), load('data', local('a0')))],
};
const data = [readWriteBuffer('data', 4, 'u32')];

const cpu = new CpuRefBackend();
afterAll(() => {
  cpu.dispose();
});

function built(made: ReturnType<typeof Megakernel.create>): Megakernel {
  if (!made.ok) {
    throw new Error(made.error.format());
  }
  return made.value;
}

const codeOf = (made: { ok: boolean; error?: { code: string } }) =>
  made.ok ? 'ok' : made.error?.code;

describe('Megakernel geometry', () => {
  it('bootstrap: 256 slots, 256 lanes, one workgroup, the interpreted variant', () => {
    const mk = built(Megakernel.bootstrap(cpu));
    expect([mk.slotCount, mk.workgroupSizeX, mk.workerGroups]).toEqual([
      256, 256, 1,
    ]);
    expect(mk.variant).toEqual({ kind: 'interpreted' });
    expect(mk.partitionsByPriority).toBe(false);
    expect(mk.dataBuffers).toEqual([]);
    expect(mk.backend).toBe(cpu);
    expect(mk.program.workgroupSize).toEqual([256, 1, 1]);
    // control, ring, debug log, IO queue
    expect(mk.program.buffers.map((b) => b.name)).toEqual([
      'control',
      'ring',
      'debug_log',
      'io_queue',
    ]);
  });

  it('bootstrapSharded: 1024 slots × 64 lanes → 16 workgroups', () => {
    const mk = built(Megakernel.bootstrapSharded(cpu, 1024, 64));
    expect([mk.slotCount, mk.workgroupSizeX, mk.workerGroups]).toEqual([
      1024, 64, 16,
    ]);
    expect(mk.program.workgroupSize).toEqual([64, 1, 1]);
    // 4096 slots of 2 lanes would need 2048 workgroups: capped at 1024, the lanes stride.
    const capped = built(Megakernel.bootstrapSharded(cpu, 4096, 2));
    expect(capped.workerGroups).toBe(1024);
  });

  it('bootstrapSharded refuses slots that are not whole workgroups, and zero', () => {
    for (const [slots, lanes] of [
      [100, 64],
      [0, 64],
      [64, 0],
      [63.5, 1],
    ] as const) {
      expect(codeOf(Megakernel.bootstrapSharded(cpu, slots, lanes))).toBe(
        'RUNTIME_GEOMETRY_INVALID',
      );
    }
  });

  it('workerGroupsForGeometry computes slots / lanes without building', () => {
    const cases: [number, number, number | string][] = [
      [1024, 64, 16],
      [256, 256, 1],
      [64, 1, 64],
      [100, 64, 'RUNTIME_GEOMETRY_INVALID'],
      [0, 64, 'RUNTIME_GEOMETRY_INVALID'],
      [64, 0, 'RUNTIME_GEOMETRY_INVALID'],
    ];
    for (const [slots, lanes, want] of cases) {
      const found = Megakernel.workerGroupsForGeometry(slots, lanes);
      expect(found.ok ? found.value : found.error.code).toBe(want);
    }
  });

  it('create takes fewer workgroups than slots need (lanes stride), never more', () => {
    const two = built(
      Megakernel.create(cpu, {
        slotCount: 1024,
        workgroupSize: 64,
        workgroups: 2,
      }),
    );
    expect([two.slotCount, two.workerGroups]).toEqual([1024, 2]);
    for (const workgroups of [0, 17, 1.5]) {
      expect(
        codeOf(
          Megakernel.create(cpu, {
            slotCount: 1024,
            workgroupSize: 64,
            workgroups,
          }),
        ),
      ).toBe('RUNTIME_GEOMETRY_INVALID');
    }
    // Default slot count: one per lane.
    const lanes = built(Megakernel.create(cpu, { workgroupSize: 32 }));
    expect([lanes.slotCount, lanes.workerGroups]).toEqual([32, 1]);
  });
});

describe('Megakernel accessors', () => {
  it('pipelineId is stable for the same config and differs for other handlers or geometry', () => {
    const a = built(Megakernel.bootstrapWithOpcodes(cpu, [bump], data));
    const b = built(Megakernel.bootstrapWithOpcodes(cpu, [bump], data));
    expect(a.pipelineId).toBe(b.pipelineId);
    expect(a.pipelineId).toMatch(/\S/);
    const plain = built(Megakernel.bootstrap(cpu));
    const otherHandlers = built(
      Megakernel.bootstrapWithOpcodes(
        cpu,
        [bump, { opcode: OTHER, body: [] }],
        data,
      ),
    );
    const otherOpcode = built(
      Megakernel.bootstrapWithOpcodes(cpu, [{ ...bump, opcode: OTHER }], data),
    );
    const otherGeometry = built(
      Megakernel.bootstrapSharded(cpu, 512, 256, [bump], data),
    );
    const ids = [a, plain, otherHandlers, otherOpcode, otherGeometry].map(
      (m) => m.pipelineId,
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('knowsOpcode: the built-ins and its handlers; a JIT kernel knows every opcode', () => {
    const mk = built(Megakernel.bootstrapWithOpcodes(cpu, [bump], data));
    for (const op of [
      Opcode.NOP,
      Opcode.STORE_U32,
      Opcode.ATOMIC_ADD,
      Opcode.LOAD_U32,
      Opcode.COMPARE_SWAP,
      Opcode.MEMCPY,
      Opcode.BATCH_FENCE,
      Opcode.PRINTF,
      Opcode.SHUTDOWN,
      Opcode.PACKED_SLOT,
      USER,
    ]) {
      expect(mk.knowsOpcode(op), `opcode ${op}`).toBe(true);
    }
    for (const op of [OTHER, Opcode.DFA_STEP, Opcode.LOAD_MISS, 0x4000_0000]) {
      expect(mk.knowsOpcode(op), `opcode ${op}`).toBe(false);
    }
    // The list the kernel knows is exactly INTERPRETED_OPCODES plus its handlers.
    expect(INTERPRETED_OPCODES.every((op) => mk.knowsOpcode(op))).toBe(true);
    const jit = built(Megakernel.bootstrapJit(cpu, 64, 64, []));
    expect(jit.variant.kind).toBe('jit');
    expect(
      [OTHER, Opcode.DFA_STEP, 12345].every((op) => jit.knowsOpcode(op)),
    ).toBe(true);
  });

  it('partitionsByPriority only for the priority variant', () => {
    const priority = built(
      Megakernel.create(cpu, {
        slotCount: 20,
        workgroupSize: 4,
        variant: { kind: 'priority' },
      }),
    );
    expect(priority.partitionsByPriority).toBe(true);
    expect(priority.workerGroups).toBe(5);
    expect(
      built(Megakernel.bootstrapJit(cpu, 64, 64, [])).partitionsByPriority,
    ).toBe(false);
  });
});

describe('Megakernel.create refusals', () => {
  it('refuses a data buffer the backend would allocate (an output) or workgroup memory', () => {
    const output = Megakernel.create(cpu, {
      dataBuffers: [outputBuffer('out', 4, 'u32', 16)],
    });
    expect(codeOf(output)).toBe('RUNTIME_PUBLISH_REFUSED');
    expect(!output.ok && output.error.message).toMatch(/"out"/);
    const shared = Megakernel.create(cpu, {
      dataBuffers: [workgroupBuffer('tile', 16, 'u32')],
    });
    expect(codeOf(shared)).toBe('RUNTIME_PUBLISH_REFUSED');
    // Inputs are fine: read-only and read-write.
    expect(
      codeOf(
        Megakernel.create(cpu, {
          dataBuffers: [
            readWriteBuffer('a', 4, 'u32'),
            readBuffer('b', 5, 'u32'),
          ],
        }),
      ),
    ).toBe('ok');
  });

  it('refuses a system opcode as a handler and a body that does not validate', () => {
    expect(
      codeOf(
        Megakernel.bootstrapWithOpcodes(cpu, [
          { opcode: Opcode.NOP, body: [] },
        ]),
      ),
    ).toBe('RUNTIME_PUBLISH_REFUSED');
    expect(
      codeOf(
        Megakernel.bootstrapWithOpcodes(cpu, [
          { opcode: USER, body: [store('missing', u32(0), u32(1))] },
        ]),
      ),
    ).toBe('IR_INVALID_PROGRAM');
  });
});
