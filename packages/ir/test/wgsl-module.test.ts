import { describe, expect, it } from 'vitest';
import {
  add,
  gidX,
  letBind,
  lidX,
  load,
  outputBuffer,
  program,
  readBuffer,
  store,
  subgroupLocalId,
  subgroupReduce,
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

const SUBGROUPS = { subgroups: true, shaderF16: false, gridSync: false };

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

  it('enables f16 for an f16 buffer', () => {
    const result = emitWgsl(
      program({
        buffers: [
          readBuffer('input', 0, 'f16'),
          outputBuffer('out', 1, 'f16', 64),
        ],
        entry: [store('out', gidX(), load('input', gidX()))],
      }),
      { capabilities: { subgroups: false, shaderF16: true, gridSync: false } },
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
