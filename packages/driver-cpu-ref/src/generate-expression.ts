import {
  binaryType,
  castType,
  fmaType,
  literalType,
  selectType,
  unaryType,
  type BinOp,
  type Expr,
  type TypeCheck,
  type ValueType,
} from '@vyre/ir';
import { InternalError } from '@vyre/foundation';
import type { CompileContext, Scope } from './compile-context.ts';
import { compileExpression, literalValue } from './compile-expression.ts';
import type { Value } from './cpu-value.ts';
import type { GeneratedUnit } from './generated-unit.ts';
import { binaryIn, castIn, unaryIn } from './subnormal-mode.ts';
import { fmaIn } from './fma-mode.ts';
import {
  watchBinary,
  watchCast,
  watchFma,
  watchUnary,
} from './unbound-arithmetic.ts';

// Expressions of the generated tier: each becomes one parenthesized JavaScript expression that
// evaluates its operands left to right, each exactly once (operands a template needs twice go through
// a temporary). The hot kinds (literals, locals, ids, 32-bit loads, 32-bit integer and f32 arithmetic,
// comparisons, select, fma) are inlined with exactly the arithmetic of the closure tier; every other
// operator calls its pinned function, and every other kind calls its closure-compiled form, so both
// tiers share one implementation of everything that is not a one-line template.

/** Generated JavaScript for an expression, and its static type. */
export interface Generated {
  readonly code: string;
  readonly type: ValueType;
}

/** The temporaries and buffers the statement being generated uses. */
export interface FragmentParts {
  readonly temps: string[];
  readonly buffers: Set<number>;
}

function typeOf(check: TypeCheck, what: string): ValueType {
  if (!check.ok) {
    throw new InternalError(
      `cpu-ref generated tier: ${what} is ill-typed (${check.issue.code}); the validator admits only well-typed programs`,
    );
  }
  return check.type;
}

/** A fresh temporary of the statement being generated. */
function temp(unit: GeneratedUnit, parts: FragmentParts): string {
  const name = unit.temp();
  parts.temps.push(name);
  return name;
}

/** JavaScript for a constant: integers inline, anything else (fractions, -0, NaN, tuples) by reference. */
function constantCode(unit: GeneratedUnit, value: Value): string {
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    !Object.is(value, -0)
  ) {
    return value < 0 ? `(${String(value)})` : String(value);
  }
  return unit.reference(value);
}

/** JavaScript that is true when a condition value (bool, or u32 nonzero) holds. */
export function truthyCode(condition: Generated): string {
  return condition.type === 'bool'
    ? condition.code
    : `(${condition.code} !== 0)`;
}

/** Generates `expr` in `scope`; subgroup operations queue their hand-offs in `cc.pending`. */
export function generateExpression(
  expr: Expr,
  scope: Scope,
  cc: CompileContext,
  unit: GeneratedUnit,
  parts: FragmentParts,
): Generated {
  const recurse = (e: Expr): Generated =>
    generateExpression(e, scope, cc, unit, parts);
  switch (expr.kind) {
    case 'lit': {
      const type = typeOf(literalType(expr), 'a literal');
      return { code: constantCode(unit, literalValue(expr.value, type)), type };
    }
    case 'var': {
      const { slot, type } = scope.lookup(expr.name);
      return { code: `L[${slot}]`, type };
    }
    case 'invocationId':
    case 'workgroupId':
    case 'localId': {
      const field = AXIS_FIELDS[expr.kind][expr.axis];
      if (field === undefined) {
        break;
      }
      return { code: `lane.${field}`, type: 'u32' };
    }
    case 'load': {
      const { index, decl } = cc.buffer(expr.buffer);
      if (
        decl.element !== 'u32' &&
        decl.element !== 'i32' &&
        decl.element !== 'f32' &&
        decl.element !== 'bool'
      ) {
        break;
      }
      const at = recurse(expr.index);
      const t = temp(unit, parts);
      parts.buffers.add(index);
      const m = `m${index}`;
      const code =
        decl.element === 'bool'
          ? `((${t} = ${at.code}) < ${m}.length ? ${m}.u32[${t}] !== 0 : O(lane) !== 0)`
          : `((${t} = ${at.code}) < ${m}.length ? ${m}.${decl.element}[${t}] : O(lane))`;
      return { code, type: decl.element };
    }
    case 'binary': {
      const left = recurse(expr.left);
      const right = recurse(expr.right);
      const type = typeOf(
        binaryType(expr.op, left.type, right.type),
        `binary ${expr.op}`,
      );
      return {
        code: binaryCode(expr.op, left, right, type, unit, cc),
        type,
      };
    }
    case 'unary': {
      const operand = recurse(expr.operand);
      const type = typeOf(unaryType(expr.op, operand.type), `unary ${expr.op}`);
      const f = unit.reference(
        watchUnary(
          unaryIn(cc.subnormals, expr.op, operand.type, type),
          expr.op,
          operand.type,
          cc.unbound,
        ),
      );
      return { code: `${f}(${operand.code})`, type };
    }
    case 'cast': {
      const value = recurse(expr.value);
      const type = typeOf(
        castType(value.type, expr.target),
        `cast to ${expr.target}`,
      );
      const f = unit.reference(
        watchCast(
          castIn(cc.subnormals, value.type, expr.target),
          value.type,
          expr.target,
          cc.unbound,
        ),
      );
      return { code: `${f}(${value.code})`, type };
    }
    case 'select': {
      // All three operands are evaluated, in order, before one is chosen.
      const cond = recurse(expr.cond);
      const ifTrue = recurse(expr.ifTrue);
      const ifFalse = recurse(expr.ifFalse);
      const type = typeOf(
        selectType(cond.type, ifTrue.type, ifFalse.type),
        'select',
      );
      const [c, t, f] = [
        temp(unit, parts),
        temp(unit, parts),
        temp(unit, parts),
      ];
      const chosen = truthyCode({ code: c, type: cond.type });
      return {
        code: `(${c} = ${cond.code}, ${t} = ${ifTrue.code}, ${f} = ${ifFalse.code}, ${chosen} ? ${t} : ${f})`,
        type,
      };
    }
    case 'fma': {
      const a = recurse(expr.a);
      const b = recurse(expr.b);
      const c = recurse(expr.c);
      const type = typeOf(fmaType(a.type, b.type, c.type), 'fma');
      if (
        cc.subnormals === 'flush' ||
        cc.fma === 'separate' ||
        cc.unbound !== undefined
      ) {
        const f = unit.reference(
          watchFma(fmaIn(cc.subnormals, cc.fma), cc.unbound),
        );
        return { code: `${f}(${a.code}, ${b.code}, ${c.code})`, type };
      }
      return {
        code: `Math.fround(${a.code} * ${b.code} + ${c.code})`,
        type,
      };
    }
    case 'bufLen':
    case 'atomic':
    case 'subgroupLocalId':
    case 'subgroupSize':
    case 'subgroupBallot':
    case 'subgroupShuffle':
    case 'subgroupReduce':
    case 'call':
    case 'bufferRef':
      break;
  }
  // The closure tier's form; subgroup operations register their hand-offs exactly as there.
  const compiled = compileExpression(expr, scope, cc);
  return {
    code: `${unit.reference(compiled.eval)}(lane)`,
    type: compiled.type,
  };
}

const AXIS_FIELDS = {
  invocationId: ['gidX', 'gidY', 'gidZ'],
  workgroupId: ['widX', 'widY', 'widZ'],
  localId: ['lidX', 'lidY', 'lidZ'],
} as const satisfies Record<string, readonly string[]>;

type Template = (a: string, b: string) => string;

// Each template is the closure tier's arithmetic for the operator on these operand types, verbatim.
const U32_TEMPLATES: Partial<Record<BinOp, Template>> = {
  add: (a, b) => `((${a} + ${b}) >>> 0)`,
  wrappingAdd: (a, b) => `((${a} + ${b}) >>> 0)`,
  sub: (a, b) => `((${a} - ${b}) >>> 0)`,
  wrappingSub: (a, b) => `((${a} - ${b}) >>> 0)`,
  mul: (a, b) => `(Math.imul(${a}, ${b}) >>> 0)`,
  bitAnd: (a, b) => `((${a} & ${b}) >>> 0)`,
  bitOr: (a, b) => `((${a} | ${b}) >>> 0)`,
  bitXor: (a, b) => `((${a} ^ ${b}) >>> 0)`,
  shl: (a, b) => `((${a} << (${b} & 31)) >>> 0)`,
  shr: (a, b) => `(${a} >>> (${b} & 31))`,
};

const I32_TEMPLATES: Partial<Record<BinOp, Template>> = {
  add: (a, b) => `((${a} + ${b}) | 0)`,
  wrappingAdd: (a, b) => `((${a} + ${b}) | 0)`,
  sub: (a, b) => `((${a} - ${b}) | 0)`,
  wrappingSub: (a, b) => `((${a} - ${b}) | 0)`,
  mul: (a, b) => `Math.imul(${a}, ${b})`,
  bitAnd: (a, b) => `(${a} & ${b})`,
  bitOr: (a, b) => `(${a} | ${b})`,
  bitXor: (a, b) => `(${a} ^ ${b})`,
  shl: (a, b) => `(${a} << (${b} & 31))`,
  shr: (a, b) => `(${a} >> (${b} & 31))`,
};

const F32_TEMPLATES: Partial<Record<BinOp, Template>> = {
  add: (a, b) => `Math.fround(${a} + ${b})`,
  sub: (a, b) => `Math.fround(${a} - ${b})`,
  mul: (a, b) => `Math.fround(${a} * ${b})`,
  // div is not templated: its pinned division by zero is a function call.
};

// Comparisons of two numbers (u32, i32 or f32); equality of any two scalars of one type.
const COMPARISONS: Partial<Record<BinOp, Template>> = {
  lt: (a, b) => `(${a} < ${b})`,
  gt: (a, b) => `(${a} > ${b})`,
  le: (a, b) => `(${a} <= ${b})`,
  ge: (a, b) => `(${a} >= ${b})`,
};
const EQUALITIES: Partial<Record<BinOp, Template>> = {
  eq: (a, b) => `(${a} === ${b})`,
  ne: (a, b) => `(${a} !== ${b})`,
};

const NUMBERS: ReadonlySet<ValueType> = new Set(['u32', 'i32', 'f32']);

function templateFor(
  op: BinOp,
  left: ValueType,
  right: ValueType,
  cc: CompileContext,
): Template | undefined {
  // Flushing subnormals and counting unbound arithmetic go through the pinned functions; only
  // integers are templated then.
  if (
    (cc.subnormals === 'flush' || cc.unbound !== undefined) &&
    (left === 'f32' || right === 'f32')
  ) {
    return undefined;
  }
  if (left === 'u32' && right === 'u32') {
    return U32_TEMPLATES[op] ?? COMPARISONS[op] ?? EQUALITIES[op];
  }
  if (left === 'i32' && (right === 'i32' || right === 'u32')) {
    // Shift amounts are u32; every other i32 operator takes two i32 operands.
    const isShift = op === 'shl' || op === 'shr';
    if (isShift !== (right === 'u32')) {
      return undefined;
    }
    return I32_TEMPLATES[op] ?? COMPARISONS[op] ?? EQUALITIES[op];
  }
  if (left === 'f32' && right === 'f32') {
    return F32_TEMPLATES[op] ?? COMPARISONS[op] ?? EQUALITIES[op];
  }
  if (left === right && (NUMBERS.has(left) || left === 'bool')) {
    return EQUALITIES[op];
  }
  return undefined;
}

function binaryCode(
  op: BinOp,
  left: Generated,
  right: Generated,
  result: ValueType,
  unit: GeneratedUnit,
  cc: CompileContext,
): string {
  const template = templateFor(op, left.type, right.type, cc);
  if (template !== undefined) {
    return template(left.code, right.code);
  }
  const f = unit.reference(
    watchBinary(
      binaryIn(cc.subnormals, op, left.type, right.type, result),
      op,
      left.type,
      cc.unbound,
    ),
  );
  return `${f}(${left.code}, ${right.code})`;
}
