import type { Node, Program } from '@vyre/ir';
import { assertNever, type Result } from '@vyre/foundation';
import { jitMegakernel } from './megakernel-jit.ts';
import { priorityMegakernel } from './megakernel-priority.ts';
import {
  interpretedMegakernel,
  type MegakernelOptions,
} from './megakernel-program.ts';
import { workgroupMegakernel } from './megakernel-workgroup.ts';

// One entry point over the megakernel variants: they share the protocol buffers, the claim protocol and
// the bounded drain, so one host loop runs any of them.

/**
 * Which megakernel to build: `interpreted` (an opcode if-tree per claimed slot), `jit` (a caller's fused
 * payload per claimed slot), `priority` (slots claimed by priority partition, with a starvation guard;
 * `claimRounds` caps the claims per lane and drain) or `workgroupPerSlot` (a workgroup's lanes share
 * one slot).
 *
 * @public
 */
export type MegakernelVariant =
  | { readonly kind: 'interpreted' }
  | { readonly kind: 'jit'; readonly payload: readonly Node[] }
  | { readonly kind: 'priority'; readonly claimRounds?: number }
  | { readonly kind: 'workgroupPerSlot' };

/**
 * Builds the megakernel `variant` for `options`. For `jit`, `options.handlers` are ignored (the
 * payload interprets the opcodes); for `workgroupPerSlot`, they are workgroup handlers (their bodies
 * run in every lane of the workgroup, see `WorkgroupOpcodeHandler`).
 *
 * @param variant - which megakernel
 * @param options - geometry, user opcode handlers and data buffers
 * @returns the program, or the variant builder's error
 *
 * @public
 */
export function buildMegakernel(
  variant: MegakernelVariant,
  options: MegakernelOptions,
): Result<Program> {
  switch (variant.kind) {
    case 'interpreted':
      return interpretedMegakernel(options);
    case 'jit':
      return jitMegakernel({
        ...(options.workgroupSize === undefined
          ? {}
          : { workgroupSize: options.workgroupSize }),
        ...(options.workgroups === undefined
          ? {}
          : { workgroups: options.workgroups }),
        ...(options.dataBuffers === undefined
          ? {}
          : { dataBuffers: options.dataBuffers }),
        payload: variant.payload,
      });
    case 'priority':
      return priorityMegakernel(
        variant.claimRounds === undefined
          ? options
          : { ...options, claimRounds: variant.claimRounds },
      );
    case 'workgroupPerSlot':
      return workgroupMegakernel(options);
    default:
      return assertNever(variant, 'buildMegakernel');
  }
}
