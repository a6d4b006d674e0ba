import { describe, expect, it } from 'vitest';
import {
  add,
  atomic,
  atomicAdd,
  atomicCompareExchange,
  bufLen,
  gidX,
  load,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  store,
  u32,
  uniformBuffer,
  workgroupBuffer,
  type BufferDecl,
  type Node,
} from '../src/index.ts';
import { emitWgsl } from '../src/wgsl-module.ts';

// Memory (docs/semantics.md, "Memory", "Atomics"): out-of-bounds guards, packed 8/16-bit elements,
// bools, and atomics, as WGSL.

function emit(buffers: readonly BufferDecl[], entry: readonly Node[]): string {
  const result = emitWgsl(program({ buffers, entry }));
  if (!result.ok) {
    throw result.error;
  }
  return result.value.code;
}

describe('emitWgsl: loads and stores', () => {
  it('guards loads and stores, yielding zero and dropping the store out of bounds', () => {
    expect(
      emit(
        [readBuffer('input', 0, 'f32'), outputBuffer('out', 1, 'f32', 64)],
        [store('out', gidX(), load('input', gidX()))],
      ),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read> b_input: array<f32>;
      @group(0) @binding(1) var<storage, read_write> b_out: array<f32>;

      fn vyre_load_input(i: u32) -> f32 {
        if (i < arrayLength(&b_input)) {
          return b_input[i];
        }
        return 0.0f;
      }

      fn vyre_store_out(i: u32, v: f32) {
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

  it('binds read-only and uniform buffers read, the rest read_write, in declaration order', () => {
    const result = emitWgsl(
      program({
        buffers: [
          readWriteBuffer('state', 3, 'i32'),
          uniformBuffer('params', 0, 'u32'),
          workgroupBuffer('tile', 16, 'u32'),
          readBuffer('table', 1, 'vec4u32'),
        ],
        entry: [
          store('state', u32(0), load('state', load('params', u32(0)))),
          store('tile', u32(0), bufLen('table')),
        ],
      }),
    );
    if (!result.ok) {
      throw result.error;
    }
    expect(result.value.bindings).toEqual([
      {
        name: 'state',
        group: 0,
        binding: 3,
        access: 'read_write',
        element: 'i32',
        atomic: false,
      },
      {
        name: 'params',
        group: 0,
        binding: 0,
        access: 'read',
        element: 'u32',
        atomic: false,
      },
      {
        name: 'table',
        group: 0,
        binding: 1,
        access: 'read',
        element: 'vec4u32',
        atomic: false,
      },
    ]);
    expect(result.value.code).toMatchInlineSnapshot(`
      "@group(0) @binding(3) var<storage, read_write> b_state: array<i32>;
      @group(0) @binding(0) var<storage, read> b_params: array<u32>;
      var<workgroup> b_tile: array<u32, 16>;
      @group(0) @binding(1) var<storage, read> b_table: array<vec4<u32>>;

      fn vyre_load_state(i: u32) -> i32 {
        if (i < arrayLength(&b_state)) {
          return b_state[i];
        }
        return 0i;
      }

      fn vyre_store_state(i: u32, v: i32) {
        if (i < arrayLength(&b_state)) {
          b_state[i] = v;
        }
      }

      fn vyre_load_params(i: u32) -> u32 {
        if (i < arrayLength(&b_params)) {
          return b_params[i];
        }
        return 0u;
      }

      fn vyre_store_tile(i: u32, v: u32) {
        if (i < 16u) {
          b_tile[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        vyre_store_state(0u, vyre_load_state(vyre_load_params(0u)));
        vyre_store_tile(0u, arrayLength(&b_table));
      }
      "
    `);
  });

  it('stores bools as u32 words and loads them as nonzero', () => {
    expect(
      emit(
        [readBuffer('flags', 0, 'bool'), outputBuffer('out', 1, 'bool', 64)],
        [store('out', gidX(), load('flags', gidX()))],
      ),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read> b_flags: array<u32>;
      @group(0) @binding(1) var<storage, read_write> b_out: array<u32>;

      fn vyre_load_flags(i: u32) -> bool {
        if (i < arrayLength(&b_flags)) {
          return b_flags[i] != 0u;
        }
        return false;
      }

      fn vyre_store_out(i: u32, v: bool) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = select(0u, 1u, v);
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        vyre_store_out(gid.x, vyre_load_flags(gid.x));
      }
      "
    `);
  });

  it('packs u8 into words: shift and mask on load, read-modify-write on store', () => {
    expect(
      emit(
        [readBuffer('input', 0, 'u8'), outputBuffer('out', 1, 'u8', 64)],
        [store('out', gidX(), load('input', gidX()))],
      ),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read> b_input: array<u32>;
      @group(0) @binding(1) var<storage, read_write> b_out: array<u32>;

      fn vyre_load_input(i: u32) -> u32 {
        if ((i >> 2u) < arrayLength(&b_input)) {
          return (b_input[i >> 2u] >> ((i & 3u) * 8u)) & 0xffu;
        }
        return 0u;
      }

      fn vyre_store_out(i: u32, v: u32) {
        if (i < 64u) {
          let w = i >> 2u;
          let s = (i & 3u) * 8u;
          b_out[w] = (b_out[w] & ~(0xffu << s)) | ((v & 0xffu) << s);
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        vyre_store_out(gid.x, vyre_load_input(gid.x));
      }
      "
    `);
  });

  it('packs i16 into words and sign-extends on load', () => {
    expect(
      emit(
        [readBuffer('input', 0, 'i16'), outputBuffer('out', 1, 'i16', 64)],
        [store('out', gidX(), load('input', gidX()))],
      ),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read> b_input: array<u32>;
      @group(0) @binding(1) var<storage, read_write> b_out: array<u32>;

      fn vyre_load_input(i: u32) -> i32 {
        if ((i >> 1u) < arrayLength(&b_input)) {
          return bitcast<i32>(b_input[i >> 1u] << ((1u - (i & 1u)) * 16u)) >> 16u;
        }
        return 0i;
      }

      fn vyre_store_out(i: u32, v: i32) {
        if (i < 64u) {
          let w = i >> 1u;
          let s = (i & 1u) * 16u;
          b_out[w] = (b_out[w] & ~(0xffffu << s)) | ((bitcast<u32>(v) & 0xffffu) << s);
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        vyre_store_out(gid.x, vyre_load_input(gid.x));
      }
      "
    `);
  });

  it('sizes packed workgroup arrays in whole words and guards with the element count', () => {
    expect(
      emit(
        [workgroupBuffer('bytes', 7, 'i8'), outputBuffer('out', 0, 'u32', 4)],
        [
          store('bytes', gidX(), load('bytes', add(gidX(), u32(1)))),
          store('out', u32(0), bufLen('bytes')),
        ],
      ),
    ).toMatchInlineSnapshot(`
      "var<workgroup> b_bytes: array<u32, 2>;
      @group(0) @binding(0) var<storage, read_write> b_out: array<u32>;

      fn vyre_load_bytes(i: u32) -> i32 {
        if (i < 7u) {
          return bitcast<i32>(b_bytes[i >> 2u] << ((3u - (i & 3u)) * 8u)) >> 24u;
        }
        return 0i;
      }

      fn vyre_store_bytes(i: u32, v: i32) {
        if (i < 7u) {
          let w = i >> 2u;
          let s = (i & 3u) * 8u;
          b_bytes[w] = (b_bytes[w] & ~(0xffu << s)) | ((bitcast<u32>(v) & 0xffu) << s);
        }
      }

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        vyre_store_bytes(gid.x, vyre_load_bytes(gid.x + 1u));
        vyre_store_out(0u, 7u);
      }
      "
    `);
  });

  it('reads bufLen from the bound size, in elements', () => {
    expect(
      emit(
        [
          readBuffer('words', 0, 'u32'),
          readBuffer('halves', 1, 'u16'),
          readBuffer('bytes', 2, 'u8'),
          outputBuffer('out', 3, 'u32', 3),
        ],
        [
          store('out', u32(0), bufLen('words')),
          store('out', u32(1), bufLen('halves')),
          store('out', u32(2), bufLen('bytes')),
        ],
      ),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read> b_words: array<u32>;
      @group(0) @binding(1) var<storage, read> b_halves: array<u32>;
      @group(0) @binding(2) var<storage, read> b_bytes: array<u32>;
      @group(0) @binding(3) var<storage, read_write> b_out: array<u32>;

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        vyre_store_out(0u, arrayLength(&b_words));
        vyre_store_out(1u, arrayLength(&b_halves) * 2u);
        vyre_store_out(2u, arrayLength(&b_bytes) * 4u);
      }
      "
    `);
  });
});

describe('emitWgsl: atomics', () => {
  it('makes an atomic target atomic<u32> and every access to it atomic', () => {
    const result = emitWgsl(
      program({
        buffers: [readWriteBuffer('counters', 0, 'u32')],
        entry: [
          store('counters', u32(1), atomicAdd('counters', u32(0), u32(1))),
          store('counters', u32(2), load('counters', u32(0))),
        ],
      }),
    );
    if (!result.ok) {
      throw result.error;
    }
    expect(result.value.bindings[0]?.atomic).toBe(true);
    expect(result.value.code).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_counters: array<atomic<u32>>;

      fn vyre_load_counters(i: u32) -> u32 {
        if (i < arrayLength(&b_counters)) {
          return atomicLoad(&b_counters[i]);
        }
        return 0u;
      }

      fn vyre_store_counters(i: u32, v: u32) {
        if (i < arrayLength(&b_counters)) {
          atomicStore(&b_counters[i], v);
        }
      }

      fn vyre_atomic_add_counters(i: u32, v: u32) -> u32 {
        if (i < arrayLength(&b_counters)) {
          return atomicAdd(&b_counters[i], v);
        }
        return 0u;
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        vyre_store_counters(1u, vyre_atomic_add_counters(0u, 1u));
        vyre_store_counters(2u, vyre_load_counters(0u));
      }
      "
    `);
  });

  it('loops a weak compare-exchange into a strong one', () => {
    expect(
      emit(
        [readWriteBuffer('locks', 0, 'u32')],
        [
          store(
            'locks',
            u32(1),
            atomicCompareExchange('locks', gidX(), u32(0), u32(1)),
          ),
        ],
      ),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_locks: array<atomic<u32>>;

      fn vyre_store_locks(i: u32, v: u32) {
        if (i < arrayLength(&b_locks)) {
          atomicStore(&b_locks[i], v);
        }
      }

      fn vyre_atomic_cas_locks(i: u32, expected: u32, v: u32) -> u32 {
        if (i < arrayLength(&b_locks)) {
          loop {
            let r = atomicCompareExchangeWeak(&b_locks[i], expected, v);
            if (r.exchanged || r.old_value != expected) {
              return r.old_value;
            }
          }
        }
        return 0u;
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        vyre_store_locks(1u, vyre_atomic_cas_locks(gid.x, 0u, 1u));
      }
      "
    `);
  });

  it('emulates fetchNand with a compare-exchange loop, and lruUpdate is max', () => {
    expect(
      emit(
        [readWriteBuffer('bits', 0, 'u32')],
        [
          store('bits', u32(1), atomic('fetchNand', 'bits', gidX(), u32(6))),
          store('bits', u32(2), atomic('lruUpdate', 'bits', gidX(), u32(6))),
          store('bits', u32(3), atomic('max', 'bits', gidX(), u32(6))),
        ],
      ),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_bits: array<atomic<u32>>;

      fn vyre_store_bits(i: u32, v: u32) {
        if (i < arrayLength(&b_bits)) {
          atomicStore(&b_bits[i], v);
        }
      }

      fn vyre_atomic_max_bits(i: u32, v: u32) -> u32 {
        if (i < arrayLength(&b_bits)) {
          return atomicMax(&b_bits[i], v);
        }
        return 0u;
      }

      fn vyre_atomic_nand_bits(i: u32, v: u32) -> u32 {
        if (i < arrayLength(&b_bits)) {
          var old = atomicLoad(&b_bits[i]);
          loop {
            let r = atomicCompareExchangeWeak(&b_bits[i], old, ~(old & v));
            if (r.exchanged) {
              return r.old_value;
            }
            old = r.old_value;
          }
        }
        return 0u;
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        vyre_store_bits(1u, vyre_atomic_nand_bits(gid.x, 6u));
        vyre_store_bits(2u, vyre_atomic_max_bits(gid.x, 6u));
        vyre_store_bits(3u, vyre_atomic_max_bits(gid.x, 6u));
      }
      "
    `);
  });
});
