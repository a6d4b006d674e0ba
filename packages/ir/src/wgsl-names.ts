// The names the emitter gives things in WGSL. User names get a prefix (`b_` for buffers, `l_` for
// locals and loop variables), compiler temporaries are `t<n>` and helper functions `vyre_…`, so no
// name can collide with another kind or with a WGSL keyword (the validator's V133 keeps user names to
// ASCII identifiers that do not begin with `__`).

/**
 * The WGSL variable of buffer `name`.
 *
 * @param name - the buffer's IR name
 *
 * @internal
 */
export function wgslBufferName(name: string): string {
  return `b_${name}`;
}

/**
 * The WGSL name of the local binding or loop variable `name`.
 *
 * @param name - the binding's IR name
 *
 * @internal
 */
export function wgslLocalName(name: string): string {
  return `l_${name}`;
}

/**
 * The entry point's builtin inputs, in the order they are declared; each is declared only when the
 * program uses it.
 *
 * @internal
 */
export const WgslBuiltin = {
  invocationId: {
    param: 'gid',
    declaration: '@builtin(global_invocation_id) gid: vec3<u32>',
  },
  workgroupId: {
    param: 'wid',
    declaration: '@builtin(workgroup_id) wid: vec3<u32>',
  },
  localId: {
    param: 'lid',
    declaration: '@builtin(local_invocation_id) lid: vec3<u32>',
  },
  subgroupLocalId: {
    param: 'sg_id',
    declaration: '@builtin(subgroup_invocation_id) sg_id: u32',
  },
  subgroupSize: {
    param: 'sg_size',
    declaration: '@builtin(subgroup_size) sg_size: u32',
  },
} as const;

/**
 * A builtin input of the entry point: a key of {@link WgslBuiltin}.
 *
 * @internal
 */
export type WgslBuiltin = keyof typeof WgslBuiltin;
