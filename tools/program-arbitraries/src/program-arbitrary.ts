import fc from 'fast-check';
import {
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  workgroupBuffer,
  type BufferDecl,
  type DataType,
  type Program,
} from '@vyre/ir';
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

const ELEMENTS: readonly DataType[] = [
  'u32',
  'i32',
  'f32',
  'bool',
  'u8',
  'i8',
  'u16',
  'i16',
  'u64',
  'i64',
  'vec2u32',
  'vec4u32',
];
const WORKGROUP_SIZES: ReadonlyArray<readonly [number, number, number]> = [
  [1, 1, 1],
  [4, 1, 1],
  [8, 1, 1],
  [64, 1, 1],
  [4, 2, 1],
  [2, 2, 2],
];

function buffers(
  draw: fc.GeneratorValue,
  workgroupInvocations: number,
): BufferDecl[] {
  const decls: BufferDecl[] = [];
  let binding = 0;
  const inputs = draw(fc.integer, { min: 1, max: 3 });
  for (let i = 0; i < inputs; i++) {
    const element = draw(() => fc.constantFrom(...ELEMENTS));
    const count = draw(() => fc.constantFrom(0, 16, 64));
    decls.push(
      draw(fc.boolean)
        ? readBuffer(`in${i}`, binding++, element, { count })
        : readWriteBuffer(`in${i}`, binding++, element, { count }),
    );
  }
  const outputs = draw(fc.integer, { min: 1, max: 2 });
  for (let i = 0; i < outputs; i++) {
    decls.push(
      outputBuffer(
        `out${i}`,
        binding++,
        draw(() => fc.constantFrom(...ELEMENTS)),
        draw(() => fc.constantFrom(1, 16, 64, 256)),
      ),
    );
  }
  decls.push(outputBuffer('counter', binding, 'u32', 4));
  if (draw(fc.boolean)) {
    decls.push(
      workgroupBuffer(
        'shared',
        workgroupInvocations,
        draw(() => fc.constantFrom('u32', 'i32', 'f32', 'u8')),
      ),
    );
  }
  return decls;
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
    const decls = buffers(
      draw,
      workgroupSize[0] * workgroupSize[1] * workgroupSize[2],
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
