import { AtomicOp } from './atomic-op.ts';
import { BinOp } from './bin-op.ts';
import { BufferAccess } from './buffer-decl.ts';
import { DataTypeWireTag } from './data-type.ts';
import type { ExprKind } from './expr.ts';
import { MemoryOrdering } from './memory-ordering.ts';
import type { NodeKind } from './node.ts';
import { SubgroupReduceOp } from './subgroup-reduce-op.ts';
import { UnOp } from './un-op.ts';

// The shape of every object of the JSON form, as data: which fields each kind has, in the order the
// TypeScript interfaces declare them (which is also the key order `stringifyProgram` writes), and how
// each field's value is checked. The encoder, the decoder and the canonicalizer all walk this table, so
// they cannot disagree about a field; the tests check that program.schema.json says the same.

/**
 * A closed set of names the JSON form spells as strings (operators, types, access modes, orderings).
 *
 * @internal
 */
export type VocabularyName =
  | 'binOp'
  | 'unOp'
  | 'atomicOp'
  | 'memoryOrdering'
  | 'subgroupReduceOp'
  | 'dataType'
  | 'bufferAccess'
  | 'literalType';

/**
 * How a field's value is written in the JSON form and checked when it is decoded.
 *
 * @internal
 */
export type FieldType =
  | VocabularyName
  | 'string'
  | 'u32'
  | 'boolean'
  | 'length'
  | 'literalValue'
  | 'expr'
  | 'exprList'
  | 'nodeList'
  | 'bufferList'
  | 'byteRange'
  | 'workgroupSize';

/**
 * One field of an object of the JSON form.
 *
 * @internal
 */
export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  /** Absent unless given; never `null` and never written when absent. */
  readonly optional: boolean;
}

const req = (name: string, type: FieldType): FieldSpec => ({
  name,
  type,
  optional: false,
});
const opt = (name: string, type: FieldType): FieldSpec => ({
  name,
  type,
  optional: true,
});

/**
 * The names of each vocabulary, mapped to their wire tags (the literal types map to the tags of the
 * data types of the same name).
 *
 * @internal
 */
export const VOCABULARIES: Readonly<
  Record<VocabularyName, Readonly<Record<string, number>>>
> = {
  binOp: BinOp,
  unOp: UnOp,
  atomicOp: AtomicOp,
  memoryOrdering: MemoryOrdering,
  subgroupReduceOp: SubgroupReduceOp,
  dataType: DataTypeWireTag,
  bufferAccess: BufferAccess,
  literalType: {
    u32: DataTypeWireTag.u32,
    i32: DataTypeWireTag.i32,
    f32: DataTypeWireTag.f32,
    bool: DataTypeWireTag.bool,
  },
};

/**
 * The fields of each expression kind, after `kind`.
 *
 * @internal
 */
export const EXPR_FIELDS: Readonly<Record<ExprKind, readonly FieldSpec[]>> = {
  lit: [req('type', 'literalType'), req('value', 'literalValue')],
  var: [req('name', 'string')],
  load: [req('buffer', 'string'), req('index', 'expr')],
  bufLen: [req('buffer', 'string')],
  invocationId: [req('axis', 'u32')],
  workgroupId: [req('axis', 'u32')],
  localId: [req('axis', 'u32')],
  binary: [req('op', 'binOp'), req('left', 'expr'), req('right', 'expr')],
  unary: [req('op', 'unOp'), req('operand', 'expr')],
  select: [req('cond', 'expr'), req('ifTrue', 'expr'), req('ifFalse', 'expr')],
  cast: [req('target', 'dataType'), req('value', 'expr')],
  fma: [req('a', 'expr'), req('b', 'expr'), req('c', 'expr')],
  atomic: [
    req('op', 'atomicOp'),
    req('buffer', 'string'),
    req('index', 'expr'),
    req('value', 'expr'),
    opt('expected', 'expr'),
    req('ordering', 'memoryOrdering'),
  ],
  call: [req('op', 'string'), req('args', 'exprList')],
  bufferRef: [req('buffer', 'string')],
  subgroupBallot: [req('cond', 'expr')],
  subgroupShuffle: [req('value', 'expr'), req('lane', 'expr')],
  subgroupReduce: [req('op', 'subgroupReduceOp'), req('value', 'expr')],
  subgroupLocalId: [],
  subgroupSize: [],
};

const COPY_FIELDS: readonly FieldSpec[] = [
  req('source', 'string'),
  req('destination', 'string'),
  req('offset', 'expr'),
  req('size', 'expr'),
  req('tag', 'string'),
];
const COLLECTIVE_FIELDS: readonly FieldSpec[] = [req('buffer', 'string')];

/**
 * The fields of each statement kind, after `kind`.
 *
 * @internal
 */
export const NODE_FIELDS: Readonly<Record<NodeKind, readonly FieldSpec[]>> = {
  let: [req('name', 'string'), req('value', 'expr')],
  assign: [req('name', 'string'), req('value', 'expr')],
  store: [req('buffer', 'string'), req('index', 'expr'), req('value', 'expr')],
  if: [
    req('cond', 'expr'),
    req('then', 'nodeList'),
    req('otherwise', 'nodeList'),
  ],
  loop: [
    req('var', 'string'),
    req('from', 'expr'),
    req('to', 'expr'),
    req('body', 'nodeList'),
  ],
  return: [],
  block: [req('body', 'nodeList')],
  barrier: [req('ordering', 'memoryOrdering')],
  region: [
    req('generator', 'string'),
    opt('sourceRegion', 'string'),
    req('body', 'nodeList'),
  ],
  indirectDispatch: [req('countBuffer', 'string'), req('countOffset', 'u32')],
  asyncLoad: COPY_FIELDS,
  asyncStore: COPY_FIELDS,
  asyncWait: [req('tag', 'string')],
  trap: [req('address', 'expr'), req('tag', 'string')],
  resume: [req('tag', 'string')],
  allReduce: COLLECTIVE_FIELDS,
  allGather: COLLECTIVE_FIELDS,
  reduceScatter: COLLECTIVE_FIELDS,
  broadcast: COLLECTIVE_FIELDS,
};

/**
 * The fields of a buffer declaration.
 *
 * @internal
 */
export const BUFFER_FIELDS: readonly FieldSpec[] = [
  req('name', 'string'),
  req('binding', 'u32'),
  req('access', 'bufferAccess'),
  req('element', 'dataType'),
  req('count', 'u32'),
  req('output', 'boolean'),
  req('liveOut', 'boolean'),
  opt('outputByteRange', 'byteRange'),
];

/**
 * The fields of a byte range.
 *
 * @internal
 */
export const BYTE_RANGE_FIELDS: readonly FieldSpec[] = [
  req('start', 'length'),
  req('end', 'length'),
];

/**
 * The fields of a program document after `format`.
 *
 * @internal
 */
export const PROGRAM_FIELDS: readonly FieldSpec[] = [
  req('workgroupSize', 'workgroupSize'),
  req('buffers', 'bufferList'),
  req('entry', 'nodeList'),
  opt('entryOpId', 'string'),
];
