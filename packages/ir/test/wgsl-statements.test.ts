import { describe, expect, it } from 'vitest';
import {
  add,
  assign,
  atomicAdd,
  barrier,
  block,
  bufLen,
  eq,
  gidX,
  ifThen,
  letBind,
  load,
  local,
  loop,
  lt,
  outputBuffer,
  program,
  readWriteBuffer,
  region,
  ret,
  select,
  store,
  u32,
  wgX,
  workgroupBuffer,
  type BufferDecl,
  type Expr,
  type Node,
  type RegionNode,
} from '../src/index.ts';
import { emitWgsl } from '../src/wgsl-module.ts';

// Statements (docs/semantics.md, "Control flow and synchronization") as WGSL.

const OUT = outputBuffer('out', 0, 'u32', 64);

function emit(
  entry: readonly Node[] | readonly RegionNode[],
  buffers: readonly BufferDecl[] = [OUT],
): string {
  const result = emitWgsl(program({ buffers, entry }));
  if (!result.ok) {
    throw result.error;
  }
  return result.value.code;
}

describe('emitWgsl: statements', () => {
  it('declares a binding with let, or var when it is assigned', () => {
    expect(
      emit([
        letBind('a', gidX()),
        letBind('sum', u32(0)),
        assign('sum', add(local('sum'), local('a'))),
        assign('sum', add(local('sum'), u32(1))),
        store('out', local('a'), local('sum')),
      ]),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_out: array<u32>;

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_a = gid.x;
        var l_sum = 0u;
        l_sum = l_sum + l_a;
        l_sum = l_sum + 1u;
        vyre_store_out(l_a, l_sum);
      }
      "
    `);
  });

  it('tests a u32 if condition for nonzero and gives each branch its scope', () => {
    expect(
      emit([
        letBind('a', gidX()),
        ifThen(
          local('a'),
          [letBind('v', u32(1)), store('out', u32(0), local('v'))],
          [letBind('v', u32(2)), store('out', u32(0), local('v'))],
        ),
        ifThen(lt(local('a'), u32(4)), [ret()]),
        store('out', u32(1), local('a')),
      ]),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_out: array<u32>;

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_a = gid.x;
        if (l_a != 0u) {
          let l_v = 1u;
          vyre_store_out(0u, l_v);
        } else {
          let l_v = 2u;
          vyre_store_out(0u, l_v);
        }
        if (l_a < 4u) {
          return;
        }
        vyre_store_out(1u, l_a);
      }
      "
    `);
  });

  it('runs a loop over constant bounds directly', () => {
    expect(
      emit([
        loop('i', u32(0), u32(0xffff_ffff), [
          store('out', local('i'), local('i')),
        ]),
      ]),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_out: array<u32>;

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        for (var l_i = 0u; l_i < 4294967295u; l_i = l_i + 1u) {
          vyre_store_out(l_i, l_i);
        }
      }
      "
    `);
  });

  it('evaluates a loop bound that is not constant once, before the loop', () => {
    expect(
      emit([
        letBind('n', gidX()),
        loop('i', local('n'), bufLen('out'), [
          loop('j', u32(0), local('i'), [store('out', local('j'), local('i'))]),
        ]),
      ]),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_out: array<u32>;

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_n = gid.x;
        let t0 = arrayLength(&b_out);
        for (var l_i = l_n; l_i < t0; l_i = l_i + 1u) {
          let t1 = l_i;
          for (var l_j = 0u; l_j < t1; l_j = l_j + 1u) {
            vyre_store_out(l_j, l_i);
          }
        }
      }
      "
    `);
  });

  it('binds the start first when moving it after the end could be observed', () => {
    expect(
      emit(
        [
          loop('i', load('n', u32(0)), atomicAdd('n', u32(1), u32(1)), [
            store('n', local('i'), u32(0)),
          ]),
        ],
        [readWriteBuffer('n', 0, 'u32')],
      ),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_n: array<atomic<u32>>;

      fn vyre_load_n(i: u32) -> u32 {
        if (i < arrayLength(&b_n)) {
          return atomicLoad(&b_n[i]);
        }
        return 0u;
      }

      fn vyre_store_n(i: u32, v: u32) {
        if (i < arrayLength(&b_n)) {
          atomicStore(&b_n[i], v);
        }
      }

      fn vyre_atomic_add_n(i: u32, v: u32) -> u32 {
        if (i < arrayLength(&b_n)) {
          return atomicAdd(&b_n[i], v);
        }
        return 0u;
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        let t0 = vyre_load_n(0u);
        let t1 = vyre_atomic_add_n(1u, 1u);
        for (var l_i = t0; l_i < t1; l_i = l_i + 1u) {
          vyre_store_n(l_i, 0u);
        }
      }
      "
    `);
  });

  it('synchronizes storage and workgroup memory at a barrier', () => {
    expect(
      emit(
        [
          store('tile', gidX(), u32(1)),
          barrier('acquire'),
          ifThen(eq(wgX(), u32(0)), [barrier()]),
          store('out', gidX(), load('tile', u32(0))),
        ],
        [OUT, workgroupBuffer('tile', 64, 'u32')],
      ),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_out: array<u32>;
      var<workgroup> b_tile: array<u32, 64>;

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      fn vyre_load_tile(i: u32) -> u32 {
        if (i < 64u) {
          return b_tile[i];
        }
        return 0u;
      }

      fn vyre_store_tile(i: u32, v: u32) {
        if (i < 64u) {
          b_tile[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
        vyre_store_tile(gid.x, 1u);
        storageBarrier();
        workgroupBarrier();
        if (wid.x == 0u) {
          storageBarrier();
          workgroupBarrier();
        }
        vyre_store_out(gid.x, vyre_load_tile(0u));
      }
      "
    `);
  });

  it('gives blocks and several top-level regions their own scopes', () => {
    expect(
      emit([
        region('first', [
          letBind('v', u32(1)),
          block([letBind('w', local('v')), store('out', u32(0), local('w'))]),
        ]),
        region('second', [
          letBind('v', u32(2)),
          store('out', u32(1), local('v')),
        ]),
      ]),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_out: array<u32>;

      fn vyre_store_out(i: u32, v: u32) {
        if (i < arrayLength(&b_out)) {
          b_out[i] = v;
        }
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        {
          let l_v = 1u;
          {
            let l_w = l_v;
            vyre_store_out(0u, l_w);
          }
        }
        {
          let l_v = 2u;
          vyre_store_out(1u, l_v);
        }
      }
      "
    `);
  });

  it('leaves out statements after a block or if that always returns', () => {
    expect(
      emit([
        letBind('a', gidX()),
        block([
          ifThen(local('a'), [ret()], [block([ret()])]),
          store('out', u32(0), u32(1)),
        ]),
        store('out', u32(1), u32(1)),
      ]),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_out: array<u32>;

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        let l_a = gid.x;
        {
          if (l_a != 0u) {
            return;
          } else {
            {
              return;
            }
          }
        }
      }
      "
    `);
  });

  it('keeps the IR order of select operands when one performs an atomic', () => {
    expect(
      emit(
        [
          store(
            'c',
            u32(1),
            select(
              eq(atomicAdd('c', u32(0), u32(1)), u32(0)),
              load('c', u32(0)),
              u32(7),
            ),
          ),
          store('c', u32(2), select(lt(gidX(), u32(3)), gidX(), u32(7))),
        ],
        [readWriteBuffer('c', 0, 'u32')],
      ),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_c: array<atomic<u32>>;

      fn vyre_load_c(i: u32) -> u32 {
        if (i < arrayLength(&b_c)) {
          return atomicLoad(&b_c[i]);
        }
        return 0u;
      }

      fn vyre_store_c(i: u32, v: u32) {
        if (i < arrayLength(&b_c)) {
          atomicStore(&b_c[i], v);
        }
      }

      fn vyre_atomic_add_c(i: u32, v: u32) -> u32 {
        if (i < arrayLength(&b_c)) {
          return atomicAdd(&b_c[i], v);
        }
        return 0u;
      }

      fn vyre_select_u32(c: bool, t: u32, f: u32) -> u32 {
        return select(f, t, c);
      }

      @compute @workgroup_size(64, 1, 1)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
        vyre_store_c(1u, vyre_select_u32(vyre_atomic_add_c(0u, 1u) == 0u, vyre_load_c(0u), 7u));
        vyre_store_c(2u, select(7u, gid.x, (gid.x < 3u)));
      }
      "
    `);
  });

  it('binds an expression nested too deeply to a temporary, keeping memory accesses in order', () => {
    let deep: Expr = load('c', u32(0));
    for (let level = 0; level < 34; level++) {
      deep = add(deep, u32(level));
    }
    expect(
      emit(
        [store('c', atomicAdd('c', u32(1), u32(1)), deep)],
        [readWriteBuffer('c', 0, 'u32')],
      ),
    ).toMatchInlineSnapshot(`
      "@group(0) @binding(0) var<storage, read_write> b_c: array<atomic<u32>>;

      fn vyre_load_c(i: u32) -> u32 {
        if (i < arrayLength(&b_c)) {
          return atomicLoad(&b_c[i]);
        }
        return 0u;
      }

      fn vyre_store_c(i: u32, v: u32) {
        if (i < arrayLength(&b_c)) {
          atomicStore(&b_c[i], v);
        }
      }

      fn vyre_atomic_add_c(i: u32, v: u32) -> u32 {
        if (i < arrayLength(&b_c)) {
          return atomicAdd(&b_c[i], v);
        }
        return 0u;
      }

      @compute @workgroup_size(64, 1, 1)
      fn main() {
        let t1 = vyre_atomic_add_c(1u, 1u);
        let t0 = (((((((((((((((((((((((((((((((vyre_load_c(0u) + 0u) + 1u) + 2u) + 3u) + 4u) + 5u) + 6u) + 7u) + 8u) + 9u) + 10u) + 11u) + 12u) + 13u) + 14u) + 15u) + 16u) + 17u) + 18u) + 19u) + 20u) + 21u) + 22u) + 23u) + 24u) + 25u) + 26u) + 27u) + 28u) + 29u) + 30u) + 31u;
        vyre_store_c(t1, (t0 + 32u) + 33u);
      }
      "
    `);
  });
});
