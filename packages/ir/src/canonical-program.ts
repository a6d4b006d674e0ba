import type { BinaryExpr } from './expr.ts';
import type { Node } from './node.ts';
import type { Program } from './program.ts';
import {
  canonicalBufferOrder,
  encodeCanonicalView,
} from './canonical-bytes.ts';
import {
  EXPR_FIELDS,
  NODE_FIELDS,
  type FieldSpec,
} from './program-json-fields.ts';

/**
 * The canonical form of a program: the same program with its buffers sorted by name and the operands
 * of every commutative binary operator in a fixed order.
 *
 * @remarks
 * Buffers are sorted by name (compared as UTF-8 bytes; buffers with equal names, which the validator
 * rejects, by their canonical bytes). The operands of each operator for which
 * {@link isCommutativeBinOp} holds are ordered by comparing their canonical byte encodings
 * lexicographically, smaller first, innermost operators first, unless they could observe each
 * other's effects: operands are evaluated left to right, so when one operand contains an `atomic` (or
 * a `call`, whose effects are unknown) and the other contains a `load`, an `atomic` or a `call`, they
 * keep their order. Two loads, or an atomic and an operand that touches no memory, are ordered as
 * usual. Nothing else changes: statement order, names and every other field stay as they are.
 * Idempotent; returns `program` itself when it is already canonical, and shares every unchanged
 * subtree. Programs equal up to buffer order and the order of commutative operands that may trade
 * places have the same canonical form and so the same {@link fingerprintProgram}. Deep trees cannot
 * overflow the stack. Throws like {@link encodeCanonicalProgram} for a number outside its field's
 * domain.
 *
 * @param program - the program
 *
 * @example
 * ```ts
 * import { add, canonicalizeProgram, gidX, program, store, outputBuffer, u32 } from '@vyre/ir';
 * const p = program({ buffers: [outputBuffer('out', 0, 'u32', 64)], entry: [store('out', gidX(), add(gidX(), u32(1)))] });
 * canonicalizeProgram(p); // the add's operands become (u32(1), gidX()): the literal's encoding is smaller
 * ```
 *
 * @public
 */
export function canonicalizeProgram(program: Program): Program {
  const swaps = new Set<BinaryExpr>();
  encodeCanonicalView(program, swaps);
  const buffers = canonicalBufferOrder(program.buffers);
  const entry =
    swaps.size === 0 ? program.entry : rebuildNodes(program.entry, swaps);
  if (buffers === program.buffers && entry === program.entry) {
    return program;
  }
  const canonical: Program = {
    workgroupSize: program.workgroupSize,
    buffers,
    entry,
  };
  return program.entryOpId === undefined
    ? canonical
    : { ...canonical, entryOpId: program.entryOpId };
}

type TreeObject = Readonly<Record<string, unknown>> & { readonly kind: string };

// Rebuilds the trees under `roots` bottom-up without recursion: an explicit-stack post-order walk
// lists every statement and expression once (shared subtrees too) after all of its descendants, so
// each is rebuilt after its children. Only objects with a changed child or swapped operands are
// copied.
function rebuildNodes(
  roots: readonly Node[],
  swaps: ReadonlySet<BinaryExpr>,
): readonly Node[] {
  const order: TreeObject[] = [];
  const fieldsOf = new Map<TreeObject, readonly FieldSpec[]>();
  interface Visit {
    readonly object: TreeObject;
    readonly isNode: boolean;
    readonly exit: boolean;
  }
  const pending: Visit[] = roots.map((node) => ({
    object: node as TreeObject,
    isNode: true,
    exit: false,
  }));
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { object, isNode, exit } = next;
    if (exit) {
      order.push(object);
      continue;
    }
    if (fieldsOf.has(object)) {
      continue;
    }
    const fields = isNode
      ? NODE_FIELDS[object.kind as Node['kind']]
      : EXPR_FIELDS[object.kind as BinaryExpr['kind']];
    fieldsOf.set(object, fields);
    pending.push({ object, isNode, exit: true });
    for (const field of fields) {
      const value = object[field.name];
      if (field.type === 'expr' && value !== undefined) {
        pending.push({
          object: value as TreeObject,
          isNode: false,
          exit: false,
        });
      } else if (field.type === 'exprList' || field.type === 'nodeList') {
        for (const item of value as readonly TreeObject[]) {
          pending.push({
            object: item,
            isNode: field.type === 'nodeList',
            exit: false,
          });
        }
      }
    }
  }
  const rebuilt = new Map<TreeObject, TreeObject>();
  const current = (object: TreeObject): TreeObject =>
    rebuilt.get(object) ?? object;
  const currentList = (list: readonly TreeObject[]): readonly TreeObject[] => {
    const mapped = list.map(current);
    return mapped.every((item, i) => item === list[i]) ? list : mapped;
  };
  for (const object of order) {
    const changes: Record<string, unknown> = {};
    let changed = false;
    for (const field of fieldsOf.get(object) ?? []) {
      const value = object[field.name];
      let next = value;
      if (field.type === 'expr' && value !== undefined) {
        next = current(value as TreeObject);
      } else if (field.type === 'exprList' || field.type === 'nodeList') {
        next = currentList(value as readonly TreeObject[]);
      }
      if (next !== value) {
        changes[field.name] = next;
        changed = true;
      }
    }
    if (swaps.has(object as unknown as BinaryExpr)) {
      const left = changes['left'] ?? object['left'];
      changes['left'] = changes['right'] ?? object['right'];
      changes['right'] = left;
      changed = true;
    }
    if (changed) {
      rebuilt.set(object, { ...object, ...changes });
    }
  }
  const entry = currentList(roots as readonly TreeObject[]);
  return entry as readonly Node[];
}
