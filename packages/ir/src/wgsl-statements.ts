import { assertNever, InternalError } from '@vyre/foundation';
import type { BarrierNode, LoopNode, Node } from './node.ts';
import type { WgslEmitContext } from './wgsl-emit-context.ts';
import { emitExpr, emitOperands } from './wgsl-expressions.ts';
import { wgslLocalName } from './wgsl-names.ts';
import {
  argument,
  conditionCode,
  withoutOuterParens,
  type WgslValue,
} from './wgsl-value.ts';

// Statements (docs/semantics.md, "Control flow and synchronization"). Each emitter reports whether the
// statement always returns; the statements after one that does are never reached and are not emitted,
// because Tint warns about unreachable code.

/**
 * Emits `nodes` into the current scope, stopping after a statement that always returns. Every line is
 * attributed to the statement that emitted it (`path/<index>`, a JSON Pointer into the program).
 *
 * @param ctx - the emission state
 * @param nodes - the statements
 * @param path - the JSON Pointer of the statement list
 * @returns whether they always return
 *
 * @internal
 */
export function emitStatements(
  ctx: WgslEmitContext,
  nodes: readonly Node[],
  path: string,
): boolean {
  for (const [index, node] of nodes.entries()) {
    const here = `${path}/${index}`;
    ctx.origin = here;
    if (emitStatement(ctx, node, here)) {
      return true;
    }
  }
  return false;
}

// `{ body }` as a nested scope, after `opening` (a line ending in `{`), attributed to `path`.
function emitScope(
  ctx: WgslEmitContext,
  opening: string,
  body: readonly Node[],
  path: string,
  owner: string,
): boolean {
  ctx.origin = owner;
  ctx.line(opening);
  ctx.open();
  const returns = emitStatements(ctx, body, path);
  ctx.close();
  ctx.origin = owner;
  return returns;
}

function emitStatement(
  ctx: WgslEmitContext,
  node: Node,
  path: string,
): boolean {
  switch (node.kind) {
    case 'let':
      ctx.declareLocal(node.name, bare(emitExpr(ctx, node.value)));
      return false;
    case 'assign':
      ctx.assignLocal(node.name, bare(emitExpr(ctx, node.value)));
      return false;
    case 'store': {
      const buffer = ctx.buffer(node.buffer);
      const [index, value] = emitOperands(ctx, [node.index, node.value]);
      if (index === undefined || value === undefined) {
        throw new InternalError('emitOperands lost an operand');
      }
      ctx.line(`${buffer.store(argument(index), argument(value))};`);
      return false;
    }
    case 'if': {
      const cond = emitExpr(ctx, node.cond);
      const test = withoutOuterParens(conditionCode(cond, cond.code));
      const thenReturns = emitScope(
        ctx,
        `if (${test}) {`,
        node.then,
        `${path}/then`,
        path,
      );
      if (node.otherwise.length === 0) {
        ctx.line('}');
        return false;
      }
      const otherwiseReturns = emitScope(
        ctx,
        '} else {',
        node.otherwise,
        `${path}/otherwise`,
        path,
      );
      ctx.line('}');
      return thenReturns && otherwiseReturns;
    }
    case 'loop':
      emitLoop(ctx, node, path);
      return false;
    case 'return':
      ctx.line('return;');
      return true;
    case 'block':
    case 'region': {
      const returns = emitScope(ctx, '{', node.body, `${path}/body`, path);
      ctx.line('}');
      return returns;
    }
    case 'barrier':
      emitBarrier(ctx, node);
      return false;
    case 'indirectDispatch':
    case 'asyncLoad':
    case 'asyncStore':
    case 'asyncWait':
    case 'trap':
    case 'resume':
    case 'allReduce':
    case 'allGather':
    case 'reduceScatter':
    case 'broadcast':
      throw new InternalError(
        `emitWgsl met a ${node.kind} node, which the validator rejects for WGSL (V046, V056)`,
      );
    default:
      return assertNever(node, 'emitStatement');
  }
}

function bare(value: WgslValue): WgslValue {
  return { ...value, code: argument(value) };
}

// `for (var l_i = from; l_i < to; l_i = l_i + 1u)`, with each bound evaluated once: `to`, unless it
// is a constant, is bound to a temporary first, and so is `from` when evaluating it after `to` could
// be observed (one performs an atomic and the other touches memory). The increment never overflows,
// because it runs only while `l_i < to`.
function emitLoop(ctx: WgslEmitContext, node: LoopNode, path: string): void {
  const [from, to] = emitOperands(ctx, [node.from, node.to]);
  if (from === undefined || to === undefined) {
    throw new InternalError('emitOperands lost an operand');
  }
  const variable = wgslLocalName(node.var);
  let start = argument(from);
  let end = to.code;
  if (!to.constant) {
    if ((from.effect && to.memory) || (from.memory && to.effect)) {
      start = ctx.declareTemp(start);
    }
    end = ctx.declareTemp(argument(to));
  }
  ctx.line(
    `for (var ${variable} = ${start}; ${variable} < ${end}; ${variable} = ${variable} + 1u) {`,
  );
  ctx.open();
  ctx.declareLoopVariable(node.var);
  emitStatements(ctx, node.body, `${path}/body`);
  ctx.close();
  ctx.origin = path;
  ctx.line('}');
}

function emitBarrier(ctx: WgslEmitContext, node: BarrierNode): void {
  switch (node.ordering) {
    case 'acquire':
    case 'release':
    case 'acqRel':
    case 'seqCst':
      ctx.line('storageBarrier();');
      ctx.line('workgroupBarrier();');
      return;
    case 'relaxed':
    case 'gridSync':
      throw new InternalError(
        `emitWgsl met a ${node.ordering} barrier, which the validator rejects for WGSL (V043, V132)`,
      );
    default:
      return assertNever(node.ordering, 'emitBarrier');
  }
}
