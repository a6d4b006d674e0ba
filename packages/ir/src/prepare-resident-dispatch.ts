import type { Result } from '@vyre/foundation';
import { planBindings } from './binding-plan.ts';
import type { DispatchConfig } from './dispatch-config.ts';
import {
  checkProgramShape,
  finishPrepared,
  problem,
  roundUp4,
} from './dispatch-checks.ts';
import {
  storageElementSize,
  type PreparedDispatch,
} from './prepare-dispatch.ts';
import type { Program } from './program.ts';
import type { TargetCapabilities } from './target-capabilities.ts';

/**
 * Checks a dispatch on resident buffers, for every backend: like `prepareDispatch`, but each
 * non-workgroup buffer of the program is bound to a resident buffer of the given size, in declaration
 * order, and no bytes are copied.
 *
 * @remarks
 * A buffer with a static count binds its (word-padded) static size, and its resident buffer must be at
 * least that large; a runtime-sized buffer binds its whole resident buffer, which must be a whole number
 * of elements. Every output is read back from the resident buffer it is bound to, so
 * `readback` describes ranges of those buffers, and `inputs` holds no bytes. Failures:
 * `DISPATCH_INPUT_COUNT` (not one resident buffer per storage buffer), `DISPATCH_INPUT_SIZE` (a
 * resident buffer too small or not a whole number of elements), and every check of `prepareDispatch`.
 *
 * @param program - the program to run
 * @param byteLengths - the size of the resident buffer bound to each non-workgroup buffer, in
 *   declaration order
 * @param config - overrides and the dispatch-elements floor
 * @param capabilities - the backend's capabilities and limits
 *
 * @public
 */
export function prepareResidentDispatch(
  program: Program,
  byteLengths: readonly number[],
  config: DispatchConfig,
  capabilities: TargetCapabilities,
): Result<PreparedDispatch> {
  const shape = checkProgramShape(program, config, capabilities);
  if (!shape.ok) {
    return shape;
  }
  const storage = program.buffers.flatMap((decl, index) =>
    decl.access === 'workgroup' ? [] : [index],
  );
  if (byteLengths.length !== storage.length) {
    return problem(
      'DISPATCH_INPUT_COUNT',
      `a resident dispatch binds one resident buffer per storage buffer (${storage.map((index) => program.buffers[index]?.name ?? '?').join(', ') || 'none'}): expected ${storage.length}, found ${byteLengths.length}.`,
    );
  }
  const residentBytes = new Map(
    storage.map((index, position) => [index, byteLengths[position] ?? 0]),
  );
  const elementCounts: number[] = [];
  const boundByteLengths: number[] = [];
  for (const [index, decl] of program.buffers.entries()) {
    const size = storageElementSize(decl.element);
    const available = residentBytes.get(index);
    if (decl.access === 'workgroup' || available === undefined) {
      elementCounts.push(decl.count);
      boundByteLengths.push(0);
      continue;
    }
    if (decl.count > 0) {
      const needed = roundUp4(decl.count * size);
      if (available < needed) {
        return problem(
          'DISPATCH_INPUT_SIZE',
          `the resident buffer bound to "${decl.name}" (${decl.count} × ${decl.element}) is too small: expected at least ${needed} bytes, found ${available}.`,
        );
      }
      elementCounts.push(decl.count);
      boundByteLengths.push(needed);
      continue;
    }
    const granule = Math.max(4, size);
    if (available % granule !== 0) {
      return problem(
        'DISPATCH_INPUT_SIZE',
        `the resident buffer bound to "${decl.name}" (${decl.element}) is ${available} bytes: expected a multiple of ${granule}, found ${available}.`,
      );
    }
    elementCounts.push(available / size);
    boundByteLengths.push(available);
  }
  return finishPrepared(
    shape.value,
    planBindings(program),
    {
      elementCounts,
      boundByteLengths,
      inputs: program.buffers.map(() => undefined),
    },
    config,
    capabilities,
  );
}
