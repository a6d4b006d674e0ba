import { assertNever, err, ok, type Result } from '@vyre/foundation';
import type { Expr } from './expr.ts';
import type { Node } from './node.ts';
import type { Program } from './program.ts';
import { PROGRAM_JSON_FORMAT } from './program-json-format.ts';
import { ProgramJsonError } from './program-json-error.ts';
import {
  BUFFER_FIELDS,
  BYTE_RANGE_FIELDS,
  EXPR_FIELDS,
  NODE_FIELDS,
  PROGRAM_FIELDS,
  type FieldSpec,
  type FieldType,
} from './program-json-fields.ts';
import { PROGRAM_JSON_LIMITS } from './program-json-limits.ts';
import {
  childPath,
  describeJsonValue,
  ROOT_PATH,
  type JsonPath,
} from './program-json-path.ts';
import {
  checkCount,
  checkKeys,
  decodeKind,
  expectArray,
  expectObject,
  type JsonObject,
} from './program-json-structure.ts';
import {
  decodeLength,
  decodeLiteralValue,
  decodeName,
  decodeU32,
  expectation,
  fail,
} from './program-json-values.ts';

// A strict decoder: it checks JSON types, field sets and value domains, and nothing semantic (that is
// the validator's job). It builds fresh plain objects holding only the fields of the table in
// program-json-fields.ts, so keys such as `__proto__` in the input are rejected, never assigned.
// Errors are thrown inside (a ProgramJsonError) and returned as a Result at the public boundary.
// Recursion follows the document's nesting, which is checked against maxDepth before each level.

/**
 * Decodes the JSON form of a program from its text: `JSON.parse` followed by {@link decodeProgram}.
 *
 * @remarks
 * Text longer than `PROGRAM_JSON_LIMITS.maxTextLength` characters is rejected before parsing
 * (`IR_JSON_LIMIT_EXCEEDED`); text that is not JSON is `IR_JSON_SYNTAX`. Everything else is as for
 * {@link decodeProgram}. Never throws for bad input.
 *
 * @param text - the JSON text of a `vyre.program/v1` document
 *
 * @example
 * ```ts
 * import { parseProgram, program, ret, stringifyProgram } from '@vyre/ir';
 * const result = parseProgram(stringifyProgram(program({ buffers: [], entry: [ret()] })));
 * if (result.ok) console.log(result.value.workgroupSize);
 * else console.log(result.error.format());
 * ```
 *
 * @public
 */
export function parseProgram(text: string): Result<Program, ProgramJsonError> {
  if (typeof text !== 'string') {
    return err(
      new ProgramJsonError(
        'IR_JSON_WRONG_TYPE',
        '',
        `expected JSON text (a string), found ${describeJsonValue(text)}.`,
      ),
    );
  }
  if (text.length > PROGRAM_JSON_LIMITS.maxTextLength) {
    return err(
      new ProgramJsonError(
        'IR_JSON_LIMIT_EXCEEDED',
        '',
        `text too long: expected at most ${PROGRAM_JSON_LIMITS.maxTextLength} characters, found ${text.length}.`,
      ),
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return err(
      thrown instanceof SyntaxError
        ? new ProgramJsonError(
            'IR_JSON_SYNTAX',
            '',
            `expected JSON text, found a syntax error: ${reason}`,
            { cause: thrown },
          )
        : new ProgramJsonError(
            'IR_JSON_LIMIT_EXCEEDED',
            '',
            `expected JSON text the parser can hold, found text it gave up on: ${reason}`,
            { cause: thrown },
          ),
    );
  }
  return decodeProgram(value);
}

/**
 * Decodes the JSON form of a program from a parsed JSON value, strictly.
 *
 * @remarks
 * Checks the shape and the value domains, not the semantics (run the validator for that): `format`
 * must be `"vyre.program/v1"`; every object has exactly the fields of its kind; names of operators,
 * types, access modes and orderings are from the IR's vocabularies; `binding`, `count`, `axis`,
 * `countOffset` and the workgroup size are u32 integers; literal values match their type (an f32
 * literal is a finite number with `Math.fround(v) === v`); byte ranges hold non-negative safe
 * integers; and the document is within {@link PROGRAM_JSON_LIMITS}. The result holds fresh plain
 * objects only (integer `-0` becomes `0`; an f32 `-0` stays `-0`). Each failure is a
 * {@link ProgramJsonError} whose `path` is a JSON Pointer to the offending value.
 *
 * @param value - a value produced by `JSON.parse` (or an equivalent plain-data object)
 *
 * @example
 * ```ts
 * import { decodeProgram } from '@vyre/ir';
 * const result = decodeProgram({ format: 'vyre.program/v1', workgroupSize: [64, 1, 1], buffers: [], entry: [] });
 * console.log(result.ok); // true
 * ```
 *
 * @public
 */
export function decodeProgram(
  value: unknown,
): Result<Program, ProgramJsonError> {
  try {
    return ok(decodeDocument(value));
  } catch (thrown) {
    if (thrown instanceof ProgramJsonError) {
      return err(thrown);
    }
    throw thrown;
  }
}

interface DecodeState {
  nodes: number;
  expressions: number;
}

const LIMITS = PROGRAM_JSON_LIMITS;

function keySet(fields: readonly FieldSpec[], extra: string): Set<string> {
  return new Set([extra, ...fields.map((field) => field.name)]);
}

function keySets(
  table: Readonly<Record<string, readonly FieldSpec[]>>,
): ReadonlyMap<string, ReadonlySet<string>> {
  return new Map(
    Object.entries(table).map(([kind, fields]) => [
      kind,
      keySet(fields, 'kind'),
    ]),
  );
}

const EXPR_KEYS = keySets(EXPR_FIELDS);
const NODE_KEYS = keySets(NODE_FIELDS);
const PROGRAM_KEYS = keySet(PROGRAM_FIELDS, 'format');
const BUFFER_KEYS = new Set(BUFFER_FIELDS.map((field) => field.name));
const BYTE_RANGE_KEYS = new Set(BYTE_RANGE_FIELDS.map((field) => field.name));

function decodeDocument(value: unknown): Program {
  const path = ROOT_PATH;
  const object = expectObject(value, path, 1, 'a program document');
  const formatPath = childPath(path, 'format');
  if (!Object.hasOwn(object, 'format')) {
    fail(
      'IR_JSON_UNSUPPORTED_FORMAT',
      formatPath,
      `missing field "format": expected "${PROGRAM_JSON_FORMAT}", found nothing.`,
    );
  }
  if (object['format'] !== PROGRAM_JSON_FORMAT) {
    fail(
      'IR_JSON_UNSUPPORTED_FORMAT',
      formatPath,
      `unsupported format: expected "${PROGRAM_JSON_FORMAT}", found ${describeJsonValue(object['format'])}.`,
    );
  }
  checkKeys(object, PROGRAM_KEYS, path, 'a program document');
  const state: DecodeState = { nodes: 0, expressions: 0 };
  return decodeFields(object, PROGRAM_FIELDS, path, 1, state, {}) as Program;
}

function decodeExpr(
  value: unknown,
  path: JsonPath,
  depth: number,
  state: DecodeState,
): Expr {
  const object = expectObject(value, path, depth, 'an expression');
  state.expressions += 1;
  checkCount(path, 'expressions', state.expressions, LIMITS.maxExpressions);
  const kind = decodeKind(
    object,
    path,
    EXPR_KEYS,
    'expression',
  ) as Expr['kind'];
  checkKeys(
    object,
    EXPR_KEYS.get(kind) ?? new Set(),
    path,
    `a ${kind} expression`,
  );
  return decodeFields(object, EXPR_FIELDS[kind], path, depth, state, {
    kind,
  }) as Expr;
}

function decodeNode(
  value: unknown,
  path: JsonPath,
  depth: number,
  state: DecodeState,
): Node {
  const object = expectObject(value, path, depth, 'a statement');
  state.nodes += 1;
  checkCount(path, 'statements', state.nodes, LIMITS.maxNodes);
  const kind = decodeKind(object, path, NODE_KEYS, 'statement') as Node['kind'];
  checkKeys(
    object,
    NODE_KEYS.get(kind) ?? new Set(),
    path,
    `a ${kind} statement`,
  );
  return decodeFields(object, NODE_FIELDS[kind], path, depth, state, {
    kind,
  }) as Node;
}

function decodeFields(
  object: JsonObject,
  fields: readonly FieldSpec[],
  path: JsonPath | undefined,
  depth: number,
  state: DecodeState,
  out: Record<string, unknown>,
): unknown {
  for (const field of fields) {
    const fieldPath = childPath(path, field.name);
    if (!Object.hasOwn(object, field.name)) {
      if (field.optional) {
        continue;
      }
      fail(
        'IR_JSON_MISSING_FIELD',
        fieldPath,
        `missing field "${field.name}": expected ${expectation(field.type)}, found nothing.`,
      );
    }
    out[field.name] = decodeValue(
      object[field.name],
      field.type,
      fieldPath,
      depth,
      state,
      out,
    );
  }
  return out;
}

function decodeValue(
  value: unknown,
  type: FieldType,
  path: JsonPath,
  parentDepth: number,
  state: DecodeState,
  siblings: Readonly<Record<string, unknown>>,
): unknown {
  switch (type) {
    case 'string':
      if (typeof value !== 'string') {
        fail(
          'IR_JSON_WRONG_TYPE',
          path,
          `expected a string, found ${describeJsonValue(value)}.`,
        );
      }
      return value;
    case 'u32':
      return decodeU32(value, path);
    case 'boolean':
      if (typeof value !== 'boolean') {
        fail(
          'IR_JSON_WRONG_TYPE',
          path,
          `expected true or false, found ${describeJsonValue(value)}.`,
        );
      }
      return value;
    case 'length':
      return decodeLength(value, path);
    case 'literalValue':
      return decodeLiteralValue(value, siblings['type'], path);
    case 'binOp':
    case 'unOp':
    case 'atomicOp':
    case 'memoryOrdering':
    case 'subgroupReduceOp':
    case 'dataType':
    case 'bufferAccess':
    case 'literalType':
      return decodeName(value, type, path);
    case 'expr':
      return decodeExpr(value, path, parentDepth + 1, state);
    case 'exprList': {
      const items = expectArray(
        value,
        path,
        parentDepth + 1,
        'an array of expressions',
      );
      checkCount(
        path,
        'expressions',
        state.expressions + items.length,
        LIMITS.maxExpressions,
      );
      return decodeEach(items, (item, i) =>
        decodeExpr(item, childPath(path, i), parentDepth + 2, state),
      );
    }
    case 'nodeList': {
      const items = expectArray(
        value,
        path,
        parentDepth + 1,
        'an array of statements',
      );
      checkCount(
        path,
        'statements',
        state.nodes + items.length,
        LIMITS.maxNodes,
      );
      return decodeEach(items, (item, i) =>
        decodeNode(item, childPath(path, i), parentDepth + 2, state),
      );
    }
    case 'bufferList': {
      const items = expectArray(
        value,
        path,
        parentDepth + 1,
        'an array of buffer declarations',
      );
      checkCount(path, 'buffers', items.length, LIMITS.maxBuffers);
      return decodeEach(items, (item, i) => {
        const itemPath = childPath(path, i);
        const object = expectObject(
          item,
          itemPath,
          parentDepth + 2,
          'a buffer declaration',
        );
        checkKeys(object, BUFFER_KEYS, itemPath, 'a buffer declaration');
        return decodeFields(
          object,
          BUFFER_FIELDS,
          itemPath,
          parentDepth + 2,
          state,
          {},
        );
      });
    }
    case 'byteRange': {
      const object = expectObject(value, path, parentDepth + 1, 'a byte range');
      checkKeys(object, BYTE_RANGE_KEYS, path, 'a byte range');
      return decodeFields(
        object,
        BYTE_RANGE_FIELDS,
        path,
        parentDepth + 1,
        state,
        {},
      );
    }
    case 'workgroupSize': {
      const items = expectArray(
        value,
        path,
        parentDepth + 1,
        'an array of 3 u32 values',
      );
      if (items.length !== 3) {
        fail(
          'IR_JSON_WRONG_TYPE',
          path,
          `expected an array of 3 u32 values (x, y, z), found ${describeJsonValue(items)}.`,
        );
      }
      return [
        decodeU32(items[0], childPath(path, 0)),
        decodeU32(items[1], childPath(path, 1)),
        decodeU32(items[2], childPath(path, 2)),
      ];
    }
    default:
      return assertNever(type, 'decodeValue');
  }
}

// Unlike Array.prototype.map, visits the holes of a sparse array (as `undefined`, which is rejected).
function decodeEach<T>(
  items: readonly unknown[],
  decode: (item: unknown, index: number) => T,
): T[] {
  const decoded: T[] = [];
  for (let i = 0; i < items.length; i++) {
    decoded.push(decode(items[i], i));
  }
  return decoded;
}
