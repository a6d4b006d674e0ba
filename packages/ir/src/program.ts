import type { BufferDecl } from './buffer-decl.ts';
import type { Node, RegionNode } from './node.ts';

/**
 * The generator name of the region that wraps a program body which is not already a list of regions.
 *
 * @public
 */
export const ROOT_REGION_GENERATOR = 'vyre.program.root';

/**
 * A complete kernel: its workgroup size, the buffers it binds, and its body.
 *
 * @remarks
 * Every top-level node of `entry` is a region (the validator's V105); {@link program} wraps a body
 * that is not. Buffer declaration order fixes the binding ABI (inputs and outputs in declaration
 * order) but not the fingerprint.
 *
 * @public
 */
export interface Program {
  /** Invocations per workgroup along x, y and z; each at least 1. */
  readonly workgroupSize: readonly [number, number, number];
  /** The buffers the program binds, in ABI order. */
  readonly buffers: readonly BufferDecl[];
  /** The body: a list of regions. */
  readonly entry: readonly RegionNode[] | readonly Node[];
  /** The operation this program implements, when it is a registered op. */
  readonly entryOpId?: string;
}

/**
 * What {@link program} takes.
 *
 * @public
 */
export interface ProgramSpec {
  /** Defaults to `[64, 1, 1]`. */
  readonly workgroupSize?: readonly [number, number, number];
  /** The buffers the program binds, in ABI order. */
  readonly buffers: readonly BufferDecl[];
  /** The body; wrapped in a root region unless it already is a list of regions. */
  readonly entry: readonly Node[];
  /** The operation this program implements, when it is a registered op. */
  readonly entryOpId?: string;
}

/**
 * Builds a program, wrapping the body in one `vyre.program.root` region unless every top-level node
 * is already a region.
 *
 * @param spec - workgroup size, buffers, body and optional op id
 *
 * @example
 * ```ts
 * import { add, gidX, load, outputBuffer, program, readBuffer, store, u32 } from '@vyre/ir';
 * const addOne = program({
 *   buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 1024)],
 *   entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
 * });
 * ```
 *
 * @public
 */
export function program(spec: ProgramSpec): Program {
  const entry = spec.entry.every((node) => node.kind === 'region')
    ? spec.entry
    : [
        {
          kind: 'region',
          generator: ROOT_REGION_GENERATOR,
          body: spec.entry,
        } satisfies RegionNode,
      ];
  const base: Program = {
    workgroupSize: spec.workgroupSize ?? [64, 1, 1],
    buffers: spec.buffers,
    entry,
  };
  return spec.entryOpId === undefined
    ? base
    : { ...base, entryOpId: spec.entryOpId };
}
