import type {
  AsyncCopyNode,
  AsyncWaitNode,
  CollectiveNode,
  IndirectDispatchNode,
  ResumeNode,
  TrapNode,
} from './node.ts';
import type { ValidationContext } from './validate-context.ts';
import { walkRootExpression } from './validate-expressions.ts';
import { isLabel } from './validate-identifiers.ts';
import { describeValue } from './validate-value-description.ts';

// Statements the IR can represent but no target lowers yet (V056), and distributed collectives,
// which a single-device target never will (V046). Their own rules are still checked: tags (V117,
// V133), the indirect dispatch count buffer and offset (V126, V127), and their expressions.

/**
 * The statements that are not lowered.
 *
 * @internal
 */
export type UnloweredNode =
  | IndirectDispatchNode
  | AsyncCopyNode
  | AsyncWaitNode
  | TrapNode
  | ResumeNode
  | CollectiveNode;

/**
 * Reports an unlowered statement and checks its fields.
 *
 * @param ctx - the validation run
 * @param node - the statement
 * @param path - its path
 * @param ordinal - its ordinal
 *
 * @internal
 */
export function walkUnlowered(
  ctx: ValidationContext,
  node: UnloweredNode,
  path: string,
  ordinal: number,
): void {
  switch (node.kind) {
    case 'indirectDispatch': {
      notLowered(ctx, 'indirectDispatch', path, ordinal);
      if (!ctx.buffers.has(node.countBuffer)) {
        ctx.report(
          'V127',
          ordinal,
          `${path}/countBuffer`,
          `an indirect dispatch reads its counts from buffer ${describeValue(node.countBuffer)}: expected a declared buffer, found no buffer of that name`,
          node.countBuffer,
        );
      }
      const offset: unknown = node.countOffset;
      if (
        typeof offset !== 'number' ||
        !Number.isSafeInteger(offset) ||
        offset < 0 ||
        offset % 4 !== 0
      ) {
        ctx.report(
          'V126',
          ordinal,
          `${path}/countOffset`,
          `an indirect dispatch has count offset ${describeValue(offset)}: expected a non-negative multiple of 4`,
        );
      }
      return;
    }
    case 'asyncLoad':
    case 'asyncStore':
      notLowered(ctx, node.kind, path, ordinal);
      checkTag(ctx, node.kind, node.tag, path, ordinal);
      walkRootExpression(ctx, node.offset, `${path}/offset`);
      walkRootExpression(ctx, node.size, `${path}/size`);
      return;
    case 'trap':
      notLowered(ctx, 'trap', path, ordinal);
      checkTag(ctx, 'trap', node.tag, path, ordinal);
      walkRootExpression(ctx, node.address, `${path}/address`);
      return;
    case 'asyncWait':
    case 'resume':
      notLowered(ctx, node.kind, path, ordinal);
      checkTag(ctx, node.kind, node.tag, path, ordinal);
      return;
    case 'allReduce':
    case 'allGather':
    case 'reduceScatter':
    case 'broadcast':
      ctx.report(
        'V046',
        ordinal,
        path,
        `${node.kind} is a distributed collective: expected single-device statements only, found a collective over a device mesh`,
        node.buffer,
      );
      return;
  }
}

function checkTag(
  ctx: ValidationContext,
  kind: string,
  tag: unknown,
  path: string,
  ordinal: number,
): void {
  if (typeof tag !== 'string' || tag.length === 0) {
    ctx.report(
      'V117',
      ordinal,
      `${path}/tag`,
      `${kind} has tag ${describeValue(tag)}: expected a non-empty string`,
    );
  } else if (!isLabel(tag)) {
    ctx.report(
      'V133',
      ordinal,
      `${path}/tag`,
      `${kind} has tag ${describeValue(tag)}: expected 1 to 256 printable ASCII characters`,
    );
  }
}

function notLowered(
  ctx: ValidationContext,
  kind: string,
  path: string,
  ordinal: number,
): void {
  ctx.report(
    'V056',
    ordinal,
    path,
    `${kind} is not lowered yet: expected statements the WGSL target lowers, found ${kind}`,
  );
}
