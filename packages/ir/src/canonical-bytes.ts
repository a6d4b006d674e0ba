import { assertNever, InternalError } from '@vyre/foundation';
import { isCommutativeBinOp } from './bin-op.ts';
import { CanonicalByteWriter } from './canonical-byte-writer.ts';
import { sortBuffersCanonically, writeBuffer } from './canonical-buffers.ts';
import { CommutationRule } from './canonical-effects.ts';
import {
  ATOMIC_OP_TAGS,
  BIN_OP_TAGS,
  DATA_TYPE_TAGS,
  EXPR_TAG,
  exprFirstByte,
  NODE_TAG,
  ORDERING_TAGS,
  REDUCE_OP_TAGS,
  tagOf,
  UN_OP_TAGS,
} from './canonical-tags.ts';
import {
  checkBool,
  checkF32,
  checkI32,
  checkU32,
} from './canonical-value-domain.ts';
import type { BinaryExpr, Expr } from './expr.ts';
import type { Node } from './node.ts';
import type { Program } from './program.ts';

// The canonical byte encoding (docs/program-json.md, "Canonical bytes"). One pass writes the canonical
// form without building it: buffers are sorted first, and the operands of a commutative operator are
// written in canonical order. The walk uses an explicit work stack, so a deep tree cannot overflow the
// call stack, and writes into one module-level growable buffer, so a fingerprint allocates almost
// nothing per node.
//
// Operands that may observe each other's effects (an atomic or a call on one side, memory accessed on
// the other) keep their order. Such a pair needs an atomic or a call, so the first pass orders every
// commutative pair, counts atomics and calls, and records the pairs it swapped. Only when one of those
// swaps is forbidden is the program written a second time, with the effects of every pair consulted
// (their analysis allocates per expression); otherwise the first pass already wrote the canonical form.

/**
 * The version of the canonical byte encoding, written after the magic `VYRC`. It changes whenever the
 * bytes of any program (and so any fingerprint) would change.
 *
 * @public
 */
export const CANONICAL_ENCODING_VERSION = 1;

const MAGIC = [0x56, 0x59, 0x52, 0x43]; // "VYRC"

// Work items of the explicit stack; `items` holds each one's operand.
const WORK_EXPR = 0;
const WORK_NODE = 1;
const WORK_NODES = 2;
const WORK_MARK = 3;
const WORK_COMMUTE = 4;

const out = new CanonicalByteWriter();
const work: number[] = [];
const items: unknown[] = [];
const marks: number[] = [];
const rule = new CommutationRule();
let swapped: Set<BinaryExpr> | undefined;
// Binary expressions whose operands the current pass swapped.
const swappedPairs: BinaryExpr[] = [];
// Whether commutative operands are checked with `rule` (the second pass).
let effectAware = false;
// Atomics and calls written so far.
let effectful = 0;

/**
 * The canonical bytes of a program: a compact, deterministic, versioned binary encoding of its
 * canonical form, the input of {@link fingerprintProgram}.
 *
 * @remarks
 * Buffers are written sorted by name and the operands of commutative binary operators in the order
 * of their own encodings, except that two operands keep their order when one contains an atomic (or a
 * call) and the other contains a load, an atomic or a call (see {@link canonicalizeProgram}), so
 * `encodeCanonicalProgram(p)` equals
 * `encodeCanonicalProgram(canonicalizeProgram(p))`. Tags are vyre's wire tags; integers are u32
 * little-endian; strings are a u32 byte length and UTF-8; f32 literals are their bit pattern (so `-0`
 * and `0` differ). The layout is specified in `docs/program-json.md`. Deep trees cannot overflow the
 * stack. Throws a `StackError` `IR_JSON_VALUE_OUT_OF_RANGE` for a number outside its field's domain
 * (the domains of the JSON form: `decodeProgram(programToJson(p))` reports where).
 *
 * @param program - the program
 *
 * @example
 * ```ts
 * import { encodeCanonicalProgram, program, ret } from '@vyre/ir';
 * const bytes = encodeCanonicalProgram(program({ buffers: [], entry: [ret()] }));
 * console.log(String.fromCharCode(...bytes.subarray(0, 4))); // 'VYRC'
 * ```
 *
 * @public
 */
export function encodeCanonicalProgram(program: Program): Uint8Array {
  return encodeCanonicalView(program, undefined).slice();
}

/**
 * Writes the canonical bytes of `program` and returns a view of them that is valid until the next
 * call into the canonical encoder. When `swaps` is given, every binary expression whose operands the
 * canonical form swaps is added to it.
 *
 * @internal
 */
export function encodeCanonicalView(
  program: Program,
  swaps: Set<BinaryExpr> | undefined,
): Uint8Array {
  swapped = swaps;
  try {
    effectAware = false;
    swappedPairs.length = 0;
    writeProgram(program);
    if (
      effectful > 0 &&
      swappedPairs.some((pair) => !rule.mayCommute(pair.left, pair.right))
    ) {
      swaps?.clear();
      effectAware = true;
      writeProgram(program);
    }
    return out.bytes.subarray(0, out.pos);
  } finally {
    swapped = undefined;
    effectAware = false;
    swappedPairs.length = 0;
    rule.clear();
    work.length = 0;
    items.length = 0;
    out.reset();
  }
}

/**
 * The buffers of a program in canonical order (see `canonicalizeProgram`).
 *
 * @internal
 */
export function canonicalBufferOrder(
  buffers: Program['buffers'],
): Program['buffers'] {
  out.reset();
  return sortBuffersCanonically(out, buffers);
}

function writeProgram(program: Program): void {
  out.reset();
  work.length = 0;
  items.length = 0;
  marks.length = 0;
  effectful = 0;
  for (const byte of MAGIC) {
    out.u8(byte);
  }
  out.u32(CANONICAL_ENCODING_VERSION);
  const [x, y, z] = program.workgroupSize;
  out.u32(checkU32(x, 'a workgroupSize entry'));
  out.u32(checkU32(y, 'a workgroupSize entry'));
  out.u32(checkU32(z, 'a workgroupSize entry'));
  if (program.entryOpId === undefined) {
    out.u8(0);
  } else {
    out.u8(1);
    out.string(program.entryOpId);
  }
  const buffers = sortBuffersCanonically(out, program.buffers);
  out.u32(buffers.length);
  for (const buffer of buffers) {
    writeBuffer(out, buffer);
  }
  push(WORK_NODES, program.entry);
  run();
}

function push(item: number, value: unknown): void {
  work.push(item);
  items.push(value);
}

function run(): void {
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const value = items.pop();
    switch (item) {
      case WORK_EXPR:
        writeExpr(value as Expr);
        break;
      case WORK_NODE:
        writeNode(value as Node);
        break;
      case WORK_NODES: {
        const nodes = value as readonly Node[];
        out.u32(nodes.length);
        for (let i = nodes.length - 1; i >= 0; i--) {
          push(WORK_NODE, nodes[i]);
        }
        break;
      }
      case WORK_MARK:
        marks.push(out.pos);
        break;
      case WORK_COMMUTE:
        orderWrittenOperands(value as BinaryExpr);
        break;
      default:
        throw new InternalError(`canonical encoder: unknown work item ${item}`);
    }
  }
}

// Scalar fields are written at once; children are pushed in reverse so that they are written in order.
function writeNode(node: Node): void {
  out.u8(NODE_TAG[node.kind]);
  switch (node.kind) {
    case 'let':
    case 'assign':
      out.string(node.name);
      push(WORK_EXPR, node.value);
      return;
    case 'store':
      out.string(node.buffer);
      push(WORK_EXPR, node.value);
      push(WORK_EXPR, node.index);
      return;
    case 'if':
      push(WORK_NODES, node.otherwise);
      push(WORK_NODES, node.then);
      push(WORK_EXPR, node.cond);
      return;
    case 'loop':
      out.string(node.var);
      push(WORK_NODES, node.body);
      push(WORK_EXPR, node.to);
      push(WORK_EXPR, node.from);
      return;
    case 'return':
      return;
    case 'block':
      push(WORK_NODES, node.body);
      return;
    case 'barrier':
      out.u8(tagOf(ORDERING_TAGS, node.ordering, 'memory ordering'));
      return;
    case 'region':
      out.string(node.generator);
      if (node.sourceRegion === undefined) {
        out.u8(0);
      } else {
        out.u8(1);
        out.string(node.sourceRegion);
      }
      push(WORK_NODES, node.body);
      return;
    case 'indirectDispatch':
      out.string(node.countBuffer);
      out.u32(checkU32(node.countOffset, 'an indirect dispatch countOffset'));
      return;
    case 'asyncLoad':
    case 'asyncStore':
      out.string(node.source);
      out.string(node.destination);
      out.string(node.tag);
      push(WORK_EXPR, node.size);
      push(WORK_EXPR, node.offset);
      return;
    case 'asyncWait':
    case 'resume':
      out.string(node.tag);
      return;
    case 'trap':
      out.string(node.tag);
      push(WORK_EXPR, node.address);
      return;
    case 'allReduce':
    case 'allGather':
    case 'reduceScatter':
    case 'broadcast':
      out.string(node.buffer);
      return;
    default:
      return assertNever(node, 'writeNode');
  }
}

function writeExpr(expr: Expr): void {
  switch (expr.kind) {
    case 'lit':
      switch (expr.type) {
        case 'u32':
          out.u8(EXPR_TAG.litU32);
          out.u32(checkU32(expr.value, 'a u32 literal'));
          return;
        case 'i32':
          out.u8(EXPR_TAG.litI32);
          out.u32(checkI32(expr.value) >>> 0);
          return;
        case 'f32':
          out.u8(EXPR_TAG.litF32);
          out.f32Bits32(checkF32(expr.value));
          return;
        case 'bool':
          out.u8(EXPR_TAG.litBool);
          out.u8(checkBool(expr.value, 'a bool literal'));
          return;
        default:
          return assertNever(expr, 'writeExpr literal');
      }
    case 'var':
      out.u8(EXPR_TAG.var);
      out.string(expr.name);
      return;
    case 'load':
      out.u8(EXPR_TAG.load);
      out.string(expr.buffer);
      push(WORK_EXPR, expr.index);
      return;
    case 'bufLen':
    case 'bufferRef':
      out.u8(EXPR_TAG[expr.kind]);
      out.string(expr.buffer);
      return;
    case 'invocationId':
    case 'workgroupId':
    case 'localId':
      out.u8(EXPR_TAG[expr.kind]);
      out.u32(checkU32(expr.axis, 'an id axis'));
      return;
    case 'binary':
      out.u8(EXPR_TAG.binary);
      out.u8(tagOf(BIN_OP_TAGS, expr.op, 'binary operator'));
      if (
        isCommutativeBinOp(expr.op) &&
        (!effectAware || rule.mayCommute(expr.left, expr.right))
      ) {
        writeCommutativeOperands(expr);
      } else {
        push(WORK_EXPR, expr.right);
        push(WORK_EXPR, expr.left);
      }
      return;
    case 'unary':
      out.u8(EXPR_TAG.unary);
      out.u8(tagOf(UN_OP_TAGS, expr.op, 'unary operator'));
      push(WORK_EXPR, expr.operand);
      return;
    case 'select':
      out.u8(EXPR_TAG.select);
      push(WORK_EXPR, expr.ifFalse);
      push(WORK_EXPR, expr.ifTrue);
      push(WORK_EXPR, expr.cond);
      return;
    case 'cast':
      out.u8(EXPR_TAG.cast);
      out.u8(tagOf(DATA_TYPE_TAGS, expr.target, 'data type'));
      push(WORK_EXPR, expr.value);
      return;
    case 'fma':
      out.u8(EXPR_TAG.fma);
      push(WORK_EXPR, expr.c);
      push(WORK_EXPR, expr.b);
      push(WORK_EXPR, expr.a);
      return;
    case 'atomic':
      effectful += 1;
      out.u8(EXPR_TAG.atomic);
      out.u8(tagOf(ATOMIC_OP_TAGS, expr.op, 'atomic operator'));
      out.u8(tagOf(ORDERING_TAGS, expr.ordering, 'memory ordering'));
      out.u8(expr.expected === undefined ? 0 : 1);
      out.string(expr.buffer);
      if (expr.expected !== undefined) {
        push(WORK_EXPR, expr.expected);
      }
      push(WORK_EXPR, expr.value);
      push(WORK_EXPR, expr.index);
      return;
    case 'call':
      effectful += 1;
      out.u8(EXPR_TAG.call);
      out.string(expr.op);
      out.u32(expr.args.length);
      for (let i = expr.args.length - 1; i >= 0; i--) {
        push(WORK_EXPR, expr.args[i]);
      }
      return;
    case 'subgroupBallot':
      out.u8(EXPR_TAG.subgroupBallot);
      push(WORK_EXPR, expr.cond);
      return;
    case 'subgroupShuffle':
      out.u8(EXPR_TAG.subgroupShuffle);
      push(WORK_EXPR, expr.lane);
      push(WORK_EXPR, expr.value);
      return;
    case 'subgroupReduce':
      out.u8(EXPR_TAG.subgroupReduce);
      out.u8(tagOf(REDUCE_OP_TAGS, expr.op, 'subgroup reduction operator'));
      push(WORK_EXPR, expr.value);
      return;
    case 'subgroupLocalId':
    case 'subgroupSize':
      out.u8(EXPR_TAG[expr.kind]);
      return;
    default:
      return assertNever(expr, 'writeExpr');
  }
}

// An encoding starts with its tag, so operands with different tags are ordered before either is
// written. Otherwise both are written (each becomes canonical as it is written), then compared and, if
// needed, swapped in place. Deciding early keeps a chain such as add(add(add(x, 1), 2), 3) linear:
// otherwise every level would move the whole encoding of its subtree.
function writeCommutativeOperands(expr: BinaryExpr): void {
  const leftTag = exprFirstByte(expr.left);
  const rightTag = exprFirstByte(expr.right);
  if (leftTag < rightTag) {
    push(WORK_EXPR, expr.right);
    push(WORK_EXPR, expr.left);
  } else if (leftTag > rightTag) {
    push(WORK_EXPR, expr.left);
    push(WORK_EXPR, expr.right);
    swapped?.add(expr);
    swappedPairs.push(expr);
  } else {
    // Runs as: mark, left, mark, right, then order the two written encodings.
    push(WORK_COMMUTE, expr);
    push(WORK_EXPR, expr.right);
    push(WORK_MARK, undefined);
    push(WORK_EXPR, expr.left);
    push(WORK_MARK, undefined);
  }
}

function orderWrittenOperands(expr: BinaryExpr): void {
  const right = marks.pop() ?? 0;
  const left = marks.pop() ?? 0;
  if (out.compare(left, right, right, out.pos) > 0) {
    out.swapAdjacent(left, right, out.pos);
    swapped?.add(expr);
    swappedPairs.push(expr);
  }
}
