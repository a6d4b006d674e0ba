import type { DataType, Expr, Node } from '@vyre/ir';
import { Scope, type CompileContext } from './compile-context.ts';
import {
  narrowWordShift,
  noteNarrowStore,
  storeWriter,
} from './compile-memory.ts';
import {
  generateExpression,
  truthyCode,
  type FragmentParts,
  type Generated,
} from './generate-expression.ts';
import type { Fragment, GeneratedUnit } from './generated-unit.ts';

// The statements of the generated tier that never wait (let, assign, store, and the bookkeeping of if
// and loop): each becomes a fragment of JavaScript that the context fuses into runs, or a generated
// jump. The instruction structure (pcs, weights, waits) is exactly the closure tier's, so both tiers
// count the same steps and stop at the same barriers.

function parts(): FragmentParts {
  return { temps: [], buffers: new Set() };
}

function fragment(code: string, from: FragmentParts): Fragment {
  return { code, temps: from.temps, buffers: from.buffers };
}

function generate(
  expr: Expr,
  scope: Scope,
  cc: CompileContext,
  unit: GeneratedUnit,
  into: FragmentParts,
): Generated {
  return generateExpression(expr, scope, cc, unit, into);
}

/** `let` and `assign`: evaluate, then write the local's slot. */
export function generateBinding(
  node: Extract<Node, { kind: 'let' | 'assign' }>,
  scope: Scope,
  cc: CompileContext,
  unit: GeneratedUnit,
): void {
  const used = parts();
  const value = generate(node.value, scope, cc, unit, used);
  cc.flushPending();
  if (node.kind === 'let') {
    const slot = cc.slot();
    scope.declare(node.name, { slot, type: value.type });
    cc.emitFragment(fragment(`L[${slot}] = ${value.code};`, used));
    return;
  }
  const { slot } = scope.lookup(node.name);
  cc.emitFragment(fragment(`L[${slot}] = ${value.code};`, used));
}

const CANONICAL_NAN = 0x7fc00000;

function writeCode(
  element: DataType,
  m: string,
  i: string,
  v: string,
  unit: GeneratedUnit,
): string {
  switch (element) {
    case 'u32':
    case 'i32':
      return `${m}.${element}[${i}] = ${v};`;
    case 'f32':
      // NaN is stored as the canonical quiet NaN, whatever payload the computation produced.
      return `if (${v} !== ${v}) { ${m}.u32[${i}] = ${CANONICAL_NAN}; } else { ${m}.f32[${i}] = ${v}; }`;
    case 'bool':
      return `${m}.u32[${i}] = ${v} === true ? 1 : 0;`;
    case 'u8':
    case 'i8':
    case 'u16':
    case 'i16':
    case 'f16':
    case 'u64':
    case 'i64':
    case 'vec2u32':
    case 'vec4u32':
      return `${unit.reference(storeWriter(element))}(${m}, ${i}, ${v});`;
  }
}

/** `store`: evaluates the index, then the value, then writes (or drops and counts) the element. */
export function generateStore(
  node: Extract<Node, { kind: 'store' }>,
  scope: Scope,
  cc: CompileContext,
  unit: GeneratedUnit,
): void {
  const { index, decl } = cc.buffer(node.buffer);
  const used = parts();
  const at = generate(node.index, scope, cc, unit, used);
  const value = generate(node.value, scope, cc, unit, used);
  cc.flushPending();
  const i = unit.temp();
  const v = unit.temp();
  used.temps.push(i, v);
  used.buffers.add(index);
  const m = `m${index}`;
  const shift = narrowWordShift(decl.element);
  const note =
    shift === undefined
      ? ''
      : ` ${unit.reference(noteNarrowStore)}(lane, ${index}, ${i} >>> ${shift}, ${decl.access === 'workgroup' ? 'true' : 'false'});`;
  cc.emitFragment(
    fragment(
      `${i} = ${at.code}; ${v} = ${value.code};\n` +
        `if (${i} < ${m}.length) { ${writeCode(decl.element, m, i, v, unit)}${note} } else { lane.ctx.oobStores++; }`,
      used,
    ),
  );
}

/** The test of an `if`: a generated jump to `then` or `otherwise`, written at `pc`. */
export interface GeneratedCondition {
  readonly used: FragmentParts;
  readonly code: string;
}

/** Generates an `if` condition; the caller writes the jump once both targets are known. */
export function generateCondition(
  cond: Expr,
  scope: Scope,
  cc: CompileContext,
  unit: GeneratedUnit,
): GeneratedCondition {
  const used = parts();
  const value = generate(cond, scope, cc, unit, used);
  cc.flushPending();
  return { used, code: truthyCode(value) };
}

/** Writes the jump of an `if` at `pc`. */
export function defineBranch(
  unit: GeneratedUnit,
  pc: number,
  condition: GeneratedCondition,
  then: number,
  otherwise: number,
): void {
  unit.define(
    pc,
    [fragment('', condition.used)],
    `return ${condition.code} ? ${then} : ${otherwise};`,
  );
}

/**
 * `loop var in [from, to)`: both bounds evaluated once, the variable immutable in the body, which gets
 * a new scope on every iteration. `compileBody` compiles the body in the scope it is given.
 */
export function generateLoop(
  node: Extract<Node, { kind: 'loop' }>,
  scope: Scope,
  cc: CompileContext,
  unit: GeneratedUnit,
  compileBody: (body: Scope) => void,
): void {
  const used = parts();
  const from = generate(node.from, scope, cc, unit, used);
  const to = generate(node.to, scope, cc, unit, used);
  cc.flushPending();
  const variable = cc.slot();
  const bound = cc.slot();
  cc.emitFragment(
    fragment(`L[${variable}] = ${from.code}; L[${bound}] = ${to.code};`, used),
  );
  const check = cc.reserve();
  const body = new Scope(scope);
  body.declare(node.var, { slot: variable, type: 'u32' });
  compileBody(body);
  cc.emitFragment(
    fragment(`L[${variable}] = L[${variable}] + 1;`, parts()),
    check,
  );
  const end = cc.here();
  unit.define(
    check,
    [],
    `return L[${variable}] < L[${bound}] ? ${check + 1} : ${end};`,
  );
}
