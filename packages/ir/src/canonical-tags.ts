import { StackError } from '@vyre/foundation';
import { AtomicOp } from './atomic-op.ts';
import { BinOp } from './bin-op.ts';
import { BufferAccess } from './buffer-decl.ts';
import { DataTypeWireTag } from './data-type.ts';
import type { Expr } from './expr.ts';
import { MemoryOrdering } from './memory-ordering.ts';
import { SubgroupReduceOp } from './subgroup-reduce-op.ts';
import { UnOp } from './un-op.ts';

// The tags of the canonical encoding: vyre's wire-format Expr and Node tags, and the wire tags of the
// vocabularies (docs/program-json.md, "Canonical bytes").

/**
 * Expression tags: vyre's wire-format `Expr` tags (literals by type).
 *
 * @internal
 */
export const EXPR_TAG = {
  litU32: 0,
  litI32: 1,
  litBool: 2,
  var: 3,
  load: 4,
  bufLen: 5,
  invocationId: 6,
  workgroupId: 7,
  localId: 8,
  binary: 9,
  unary: 10,
  call: 11,
  select: 12,
  cast: 13,
  atomic: 14,
  litF32: 15,
  fma: 16,
  subgroupReduce: 17,
  subgroupShuffle: 18,
  subgroupBallot: 19,
  subgroupLocalId: 20,
  subgroupSize: 21,
  bufferRef: 22,
} as const;

/**
 * Statement tags: vyre's wire-format `Node` tags.
 *
 * @internal
 */
export const NODE_TAG = {
  let: 0,
  assign: 1,
  store: 2,
  if: 3,
  loop: 4,
  return: 5,
  block: 6,
  barrier: 7,
  indirectDispatch: 8,
  asyncLoad: 9,
  asyncWait: 10,
  region: 11,
  asyncStore: 12,
  trap: 13,
  resume: 14,
  allReduce: 15,
  allGather: 16,
  reduceScatter: 17,
  broadcast: 18,
} as const;

// Names to tags, safe for any string (a Map has no inherited properties).
type TagTable = ReadonlyMap<string, number>;

const tagTable = (vocabulary: Readonly<Record<string, number>>): TagTable =>
  new Map(Object.entries(vocabulary));

const EXPR_KIND_TAGS = tagTable(EXPR_TAG);

/** @internal */
export const BIN_OP_TAGS: TagTable = tagTable(BinOp);
/** @internal */
export const UN_OP_TAGS: TagTable = tagTable(UnOp);
/** @internal */
export const ATOMIC_OP_TAGS: TagTable = tagTable(AtomicOp);
/** @internal */
export const ORDERING_TAGS: TagTable = tagTable(MemoryOrdering);
/** @internal */
export const REDUCE_OP_TAGS: TagTable = tagTable(SubgroupReduceOp);
/** @internal */
export const DATA_TYPE_TAGS: TagTable = tagTable(DataTypeWireTag);
/** @internal */
export const ACCESS_TAGS: TagTable = tagTable(BufferAccess);

/**
 * The tag of `name` in `table`, or a `StackError` `IR_JSON_UNKNOWN_NAME` for a name outside the
 * vocabulary (possible only for untyped input).
 *
 * @internal
 */
export function tagOf(table: TagTable, name: string, what: string): number {
  const tag = table.get(name);
  if (tag === undefined) {
    throw new StackError(
      'IR_JSON_UNKNOWN_NAME',
      `canonical encoding: unknown ${what}: expected a name the IR defines, found ${JSON.stringify(name)}.`,
    );
  }
  return tag;
}

/**
 * The first byte of an expression's encoding, its tag; for an unknown kind (which the encoder
 * rejects) a value no tag has.
 *
 * @internal
 */
export function exprFirstByte(expr: Expr): number {
  if (expr.kind !== 'lit') {
    return EXPR_KIND_TAGS.get(expr.kind) ?? 0x100;
  }
  switch (expr.type) {
    case 'u32':
      return EXPR_TAG.litU32;
    case 'i32':
      return EXPR_TAG.litI32;
    case 'f32':
      return EXPR_TAG.litF32;
    case 'bool':
      return EXPR_TAG.litBool;
    default:
      return 0x100;
  }
}
