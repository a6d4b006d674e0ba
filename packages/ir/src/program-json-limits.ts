/**
 * The limits `parseProgram` and `decodeProgram` enforce before building anything, so that hostile
 * input cannot exhaust memory or the call stack.
 *
 * @remarks
 * Exceeding one is `IR_JSON_LIMIT_EXCEEDED`. Every program the validator accepts is far inside them:
 * it allows 64 levels of statement nesting, 128 levels of expression nesting and 100,000 statements.
 *
 * - `maxTextLength`: characters (UTF-16 code units) of JSON text; 64 MiB for ASCII text.
 * - `maxDepth`: nesting of JSON objects and arrays; the document object is level 1, a statement in a
 *   region's body is level 5 (`entry` array, region, `body` array, statement).
 * - `maxNodes`: statements (Node objects), as the validator's V019.
 * - `maxExpressions`: expression objects.
 * - `maxBuffers`: buffer declarations.
 *
 * @public
 */
export const PROGRAM_JSON_LIMITS = {
  maxTextLength: 67_108_864,
  maxDepth: 512,
  maxNodes: 100_000,
  maxExpressions: 1_000_000,
  maxBuffers: 10_000,
} as const;
