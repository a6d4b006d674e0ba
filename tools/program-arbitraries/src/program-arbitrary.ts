import fc from 'fast-check';
import { program, type Program } from '@vyre/ir';
import { generateBuffers, WORKGROUP_SIZES } from './buffer-generator.ts';
import { GenerationScope } from './generation-scope.ts';
import {
  generateStatements,
  type StatementOptions,
} from './statement-generator.ts';

/**
 * Options for {@link arbitraryProgram}; every field has a default.
 */
export interface ProgramArbitraryOptions {
  /** Expression nesting below each root expression (default 3). */
  readonly maxExprDepth?: number;
  /** Statements per list (default 5). */
  readonly maxStatements?: number;
  /** Statement nesting (default 2). */
  readonly maxNesting?: number;
  /** Allow transcendental f32 functions (default true). */
  readonly transcendentals?: boolean;
  /** Allow atomics as values (default true). */
  readonly atomics?: boolean;
}

/**
 * An arbitrary that generates valid programs (they pass `validateProgram` with the baseline WGSL
 * capabilities): typed expressions over every operator, cast and element type, nested ifs and loops,
 * let/assign scoping, loads and stores in and out of bounds, atomics, workgroup memory and barriers in
 * uniform control flow, several outputs. Shrinks toward smaller programs.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { validateProgram } from '@vyre/ir';
 * import { arbitraryProgram } from '@vyre/program-arbitraries';
 * fc.assert(fc.property(arbitraryProgram(), (p) => validateProgram(p).ok));
 * ```
 */
export function arbitraryProgram(
  options: ProgramArbitraryOptions = {},
): fc.Arbitrary<Program> {
  return fc.gen().map((draw) => {
    const workgroupSize = draw(() => fc.constantFrom(...WORKGROUP_SIZES));
    const decls = generateBuffers(
      draw,
      workgroupSize[0] * workgroupSize[1] * workgroupSize[2],
      false,
    );
    const barriers = draw(fc.boolean);
    const statementOptions: StatementOptions = {
      maxDepth: options.maxExprDepth ?? 3,
      maxStatements: options.maxStatements ?? 5,
      maxNesting: options.maxNesting ?? 2,
      transcendentals: options.transcendentals ?? true,
      atomics: options.atomics ?? true,
      barriers,
      returns: !barriers,
    };
    const entry = generateStatements(
      draw,
      GenerationScope.root(decls),
      statementOptions,
    );
    return program({ workgroupSize, buffers: decls, entry });
  });
}
