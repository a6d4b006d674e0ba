import fc from 'fast-check';
import { isWritableBuffer, program, type Program } from '@vyre/ir';
import { generateBuffers } from './buffer-generator.ts';
import { GenerationScope } from './generation-scope.ts';
import { REDUCTION_OPS, type LaneSlots } from './lane-slots.ts';
import type { ProgramArbitraryOptions } from './program-arbitrary.ts';
import { generateStatements } from './statement-generator.ts';

/** A program for differential testing and the grid to dispatch it on. */
export interface DifferentialCase {
  readonly program: Program;
  /** Workgroups along x (programs are one-dimensional). */
  readonly grid: readonly [number, number, number];
}

const WORKGROUP_WIDTHS: readonly number[] = [1, 4, 8, 32, 64];
const REDUCTION = 'counter';

/**
 * An arbitrary of programs whose results do not depend on the order lanes run in, each with its grid,
 * for comparing backends: one-dimensional workgroups (1-64 lanes) and grids (1-3 workgroups); every
 * writable buffer is loaded and stored only at the lane's own slots (some past the end, which tests
 * out-of-bounds accesses); `counter` takes only atomics of one commutative operation (add, or, and, xor, min or
 * max) whose results are discarded; the workgroup buffer is shared through store-barrier-load-barrier exchanges.
 * Everything else is as in {@link arbitraryProgram}: every operator, cast and element type, nested ifs
 * and loops, let/assign scoping, early returns in programs without barriers, several outputs.
 */
export function arbitraryDifferentialCase(
  options: ProgramArbitraryOptions = {},
): fc.Arbitrary<DifferentialCase> {
  return fc.gen().map((draw) => {
    const width = draw(() => fc.constantFrom(...WORKGROUP_WIDTHS));
    const groups = draw(fc.integer, { min: 1, max: 3 });
    const decls = generateBuffers(draw, width, true);
    const barriers = draw(fc.boolean);
    const slots: LaneSlots = {
      invocations: width * groups,
      workgroupInvocations: width,
      owned: new Set(
        decls
          .filter((decl) => isWritableBuffer(decl) && decl.name !== REDUCTION)
          .map((decl) => decl.name),
      ),
      reduction: REDUCTION,
      reduceOp: draw(() => fc.constantFrom(...REDUCTION_OPS)),
    };
    const entry = generateStatements(draw, GenerationScope.root(decls), {
      maxDepth: options.maxExprDepth ?? 3,
      maxStatements: options.maxStatements ?? 5,
      maxNesting: options.maxNesting ?? 2,
      transcendentals: options.transcendentals ?? true,
      atomics: false,
      barriers,
      returns: !barriers,
      slots,
    });
    return {
      program: program({ workgroupSize: [width, 1, 1], buffers: decls, entry }),
      grid: [groups, 1, 1] as const,
    };
  });
}
