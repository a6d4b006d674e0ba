import { describe, expect, it } from 'vitest';
import {
  BASELINE_WGSL_CAPABILITIES,
  add,
  cast,
  gidX,
  letBind,
  lidX,
  load,
  lt,
  outputBuffer,
  program,
  readBuffer,
  store,
  subgroupBallot,
  subgroupLocalId,
  subgroupReduce,
  subgroupShuffle,
  subgroupSize,
  u32,
  workgroupId,
  type Program,
} from '../src/index.ts';
import { emitWgsl } from '../src/wgsl-module.ts';

// The module as a whole: layout, metadata, determinism, builtins and enables, invalid programs.

function addOne(): Program {
  return program({
    buffers: [
      readBuffer('input', 0, 'u32'),
      outputBuffer('out', 1, 'u32', 1024),
    ],
    entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
  });
}

const SUBGROUPS = { ...BASELINE_WGSL_CAPABILITIES, subgroups: true };

describe('emitWgsl', () => {
  it('emits the add-one kernel', () => {
    const result = emitWgsl(addOne());
    if (!result.ok) {
      throw result.error;
    }
    expect(result.value.code).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read> b_input: array<u32>;
      @group(0) @binding(1) var<storage, read_write> b_out: array<u32>;

      fn vyre_load_input(i: u32) -> u32 {
        if (i < arrayLength(&b_input)) {
          return b_input[i];
        }
        return 0u;
      }

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        vyre_store_out(gid.x, vyre_load_input(gid.x) + 1u);
      }
      "
    `);
    expect({ ...result.value, code: undefined }).toEqual({
      code: undefined,
      entryPoint: 'main',
      workgroupSize: [64, 1, 1],
      bindings: [
        {
          name: 'input',
          group: 0,
          binding: 0,
          access: 'read',
          element: 'u32',
          atomic: false,
        },
        {
          name: 'out',
          group: 0,
          binding: 1,
          access: 'read_write',
          element: 'u32',
          atomic: false,
        },
      ],
      enables: [],
      // 20 lines: the store in main's body (line 19) is statement /entry/0/body/0.
      lineStatements: [...Array<string>(18).fill(''), '/entry/0/body/0', ''],
    });
  });

  it('is deterministic: the same program gives byte-identical text', () => {
    const first = emitWgsl(addOne());
    const second = emitWgsl(addOne());
    const again = emitWgsl(addOne());
    expect(first.ok && second.ok && again.ok).toBe(true);
    if (first.ok && second.ok && again.ok) {
      expect(second.value.code).toBe(first.value.code);
      expect(again.value.code).toBe(first.value.code);
    }
  });

  it('declares only the builtins the body uses, with the workgroup size', () => {
    const result = emitWgsl(
      program({
        workgroupSize: [8, 4, 2],
        buffers: [],
        entry: [letBind('l', lidX()), letBind('w', workgroupId(2))],
      }),
    );
    if (!result.ok) {
      throw result.error;
    }
    expect(result.value.workgroupSize).toEqual([8, 4, 2]);
    expect(result.value.code).toMatchInlineSnapshot(`
      "@compute @workgroup_size(8, 4, 2)
      fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
        let l_l = lid.x;
        let l_w = wid.z;
      }
      "
    `);
  });

  it('emits an empty main for an empty program', () => {
    const result = emitWgsl(program({ buffers: [], entry: [] }));
    expect(result.ok && result.value.code).toMatchInlineSnapshot(`
      "@compute @workgroup_size(64, 1, 1)
      fn main() {
      }
      "
    `);
  });

  it('enables subgroups and declares the subgroup builtins when used', () => {
    const result = emitWgsl(
      program({
        buffers: [outputBuffer('out', 0, 'u32', 64)],
        entry: [
          store(
            'out',
            subgroupLocalId(),
            subgroupReduce('add', subgroupSize()),
          ),
        ],
      }),
      { capabilities: SUBGROUPS },
    );
    if (!result.ok) {
      throw result.error;
    }
    expect(result.value.enables).toEqual(['subgroups']);
    expect(result.value.code).toMatchInlineSnapshot(`
      "enable subgroups;

      @group(0) @binding(0) var<storage, read_write> b_out: array<u32>;

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(subgroup_invocation_id) sg_id: u32, @builtin(subgroup_size) sg_size: u32) {
        vyre_store_out(sg_id, subgroupAdd(sg_size));
      }
      "
    `);
  });

  it('pins subgroupShuffle beyond the subgroup size to zero and keeps ballots to lanes 0..31', () => {
    const result = emitWgsl(
      program({
        buffers: [
          readBuffer('input', 0, 'u32'),
          outputBuffer('out', 1, 'u32', 64),
          outputBuffer('outF', 2, 'f32', 64),
        ],
        entry: [
          // A builtin lane is used as it is.
          store(
            'out',
            u32(0),
            subgroupShuffle(load('input', gidX()), subgroupLocalId()),
          ),
          // A constant lane is bound to a temporary: WGSL rejects a constant lane of 128 or more.
          store('outF', u32(1), subgroupShuffle(cast('f32', gidX()), u32(200))),
          // A lane that is computed is bound once, after the value that loads before it.
          store(
            'out',
            u32(2),
            subgroupShuffle(
              load('input', u32(0)),
              add(load('input', gidX()), u32(1)),
            ),
          ),
          store('out', u32(3), subgroupBallot(lt(gidX(), u32(40)))),
        ],
      }),
      { capabilities: SUBGROUPS },
    );
    if (!result.ok) {
      throw result.error;
    }
    expect(result.value.code).toMatchInlineSnapshot(`
      "enable subgroups;

      @group(0) @binding(0) var<storage, read> b_input: array<u32>;
      @group(0) @binding(1) var<storage, read_write> b_out: array<u32>;
      @group(0) @binding(2) var<storage, read_write> b_outF: array<f32>;

      fn vyre_load_input(i: u32) -> u32 {
        if (i < arrayLength(&b_input)) {
          return b_input[i];
        }
        return 0u;
      }

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      fn vyre_store_outF(i: u32, v: f32) {
        if (i < arrayLength(&b_outF)) {
          b_outF[i] = v;
        }
      }

      fn vyre_u32_to_f32(x: u32) -> f32 {
        if (x == 0u) {
          return 0.0f;
        }
        var e = 31u - countLeadingZeros(x);
        if (e <= 23u) {
          return bitcast<f32>(((e + 127u) << 23u) | ((x << (23u - e)) & 0x7fffffu));
        }
        let shift = e - 23u;
        var m = x >> shift;
        let rem = x & ((1u << shift) - 1u);
        let half = 1u << (shift - 1u);
        if (rem > half || (rem == half && (m & 1u) == 1u)) {
          m = m + 1u;
        }
        if (m == 0x1000000u) {
          m = m >> 1u;
          e = e + 1u;
        }
        return bitcast<f32>(((e + 127u) << 23u) | (m & 0x7fffffu));
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(subgroup_invocation_id) sg_id: u32, @builtin(subgroup_size) sg_size: u32) {
        vyre_store_out(0u, select(0u, subgroupShuffle(vyre_load_input(gid.x), sg_id), sg_id < sg_size));
        let t0 = 200u;
        vyre_store_outF(1u, select(0.0f, subgroupShuffle(vyre_u32_to_f32(gid.x), t0), t0 < sg_size));
        let t1 = vyre_load_input(0u);
        let t2 = vyre_load_input(gid.x) + 1u;
        vyre_store_out(2u, select(0u, subgroupShuffle(t1, t2), t2 < sg_size));
        vyre_store_out(3u, subgroupBallot(gid.x < 40u).x);
      }
      "
    `);
  });

  it('enables f16 for an f16 buffer', () => {
    const result = emitWgsl(
      program({
        buffers: [
          readBuffer('input', 0, 'f16'),
          outputBuffer('out', 1, 'f16', 64),
        ],
        entry: [store('out', gidX(), load('input', gidX()))],
      }),
      { capabilities: { ...BASELINE_WGSL_CAPABILITIES, shaderF16: true } },
    );
    if (!result.ok) {
      throw result.error;
    }
    expect(result.value.enables).toEqual(['f16']);
    expect(result.value.code).toMatchInlineSnapshot(`
      "enable f16;

      @group(0) @binding(0) var<storage, read> b_input: array<f16>;
      @group(0) @binding(1) var<storage, read_write> b_out: array<f16>;

      fn vyre_load_input(i: u32) -> f16 {
        if (i < arrayLength(&b_input)) {
          return b_input[i];
        }
        return 0.0h;
      }

      fn vyre_store_out(i: u32, v: f16) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        vyre_store_out(gid.x, vyre_load_input(gid.x));
      }
      "
    `);
  });

  it('returns IR_INVALID_PROGRAM and emits nothing for an invalid program', () => {
    const result = emitWgsl(
      program({
        buffers: [readBuffer('input', 0, 'u32')],
        entry: [store('missing', gidX(), load('input', gidX()))],
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('IR_INVALID_PROGRAM');
      expect(result.error.diagnostics.map((d) => d.code)).toEqual(['V064']);
      expect(result.error.message).toMatch(/^emitWgsl needs a valid program/);
    }
  });

  it('validates against the capabilities it is given', () => {
    const subgroupProgram = program({
      buffers: [outputBuffer('out', 0, 'u32', 64)],
      entry: [store('out', u32(0), subgroupSize())],
    });
    const baseline = emitWgsl(subgroupProgram);
    expect(baseline.ok).toBe(false);
    if (!baseline.ok) {
      expect(baseline.error.diagnostics.map((d) => d.code)).toEqual(['V041']);
    }
    expect(emitWgsl(subgroupProgram, { capabilities: SUBGROUPS }).ok).toBe(
      true,
    );
  });
});
