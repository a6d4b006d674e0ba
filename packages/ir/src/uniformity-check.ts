import {
  ControlPoint,
  type ReturnPoint,
  type SyncPoint,
  type UniformityNode,
} from './uniformity-graph.ts';
import type { ValidationContext } from './validate-context.ts';

// The last step of the uniformity analysis: solve the graph, then report every barrier or subgroup
// collective in non-uniform control flow (V010) or after a return that only some lanes take (V055).

/**
 * Solves the uniformity graph and reports V010 and V055.
 *
 * @param ctx - the validation run, after the walk
 *
 * @internal
 */
export function checkUniformity(ctx: ValidationContext): void {
  const graph = ctx.uniformity;
  if (graph.syncPoints.length === 0) {
    return;
  }
  graph.solve();
  for (const point of graph.syncPoints) {
    if (point.control.nonUniform) {
      const culprit = outermostNonUniform(point.control);
      ctx.report(
        'V010',
        point.ordinal,
        point.path,
        `${point.what} is in non-uniform control flow: expected every enclosing if condition and loop bound to be uniform (built from literals, workgroupId, bufLen, subgroupSize and uniform lets), found ${culprit === undefined ? 'a non-uniform one' : `${culprit.what} at ${culprit.path}, whose ${culprit.what === 'the if' ? 'condition depends' : 'bounds depend'} on a value that differs between lanes`}`,
      );
    } else if (point.returned.nonUniform) {
      ctx.report(
        'V055',
        point.ordinal,
        point.path,
        `${point.what} may be reached after some lanes returned: expected no earlier return in non-uniform control flow, found ${describeReturn(graph.returns, point)}`,
      );
    }
  }
}

// The outermost enclosing if or loop that is non-uniform: the one whose own condition or bounds are.
function outermostNonUniform(
  control: UniformityNode,
): ControlPoint | undefined {
  let culprit: ControlPoint | undefined;
  for (
    let node: UniformityNode = control;
    node instanceof ControlPoint && node.nonUniform;
    node = node.parent
  ) {
    culprit = node;
  }
  return culprit;
}

function describeReturn(
  returns: readonly ReturnPoint[],
  point: SyncPoint,
): string {
  let later: ReturnPoint | undefined;
  for (const ret of returns) {
    if (ret.control?.nonUniform !== true) {
      continue;
    }
    if (ret.ordinal < point.ordinal) {
      return `the return at ${ret.path}, which only some lanes take`;
    }
    later ??= ret;
  }
  return later === undefined
    ? 'a return that only some lanes take'
    : `the return at ${later.path}, which only some lanes take, before the next iteration of an enclosing loop`;
}
