import { describe, expect, it } from 'vitest';
import { outputBuffer } from '../src/buffer-decl.ts';
import type { Expr } from '../src/expr.ts';
import { bool, negate, u32 } from '../src/expr-builders.ts';
import { block, ifThen, letBind, loop, store } from '../src/node-builders.ts';
import type { Node } from '../src/node.ts';
import { program, type Program } from '../src/program.ts';
import { validateProgram } from '../src/validate.ts';
import { ValidationLimits } from '../src/validate-limits.ts';

// The limits (V018 nesting, V033 expression depth, V019 node count), each on both sides, and the
// guarantee behind them: the validator never descends past a limit, so absurd inputs neither throw
// nor overflow the stack.

const OUT = outputBuffer('out', 0, 'u32', 64);

// `levels` statement levels: the root region (level 1) and blocks at levels 2..levels, the innermost
// holding `inner` (at level levels + 1).
function nested(levels: number, inner: readonly Node[] = []): Program {
  let body: readonly Node[] = inner;
  for (let level = levels; level >= 2; level--) {
    body = [block(body)];
  }
  return program({ buffers: [OUT], entry: body });
}

// `count` nested ifs inside the root region (at levels 2..count + 1), the innermost holding `inner`.
function nestedIfs(count: number, inner: readonly Node[]): Program {
  let body: readonly Node[] = inner;
  for (let i = 0; i < count; i++) {
    body = [ifThen(bool(true), body)];
  }
  return program({ buffers: [OUT], entry: body });
}

// A `let` whose value is an expression `depth` levels deep: depth - 1 negates around a literal.
function deepExpression(depth: number): Program {
  let expr: Expr = u32(1);
  for (let level = 2; level <= depth; level++) {
    expr = negate(expr);
  }
  return program({ buffers: [OUT], entry: [letBind('x', expr)] });
}

// A program of exactly `nodes` nodes: the root region, then lets of one literal (2 nodes each), then
// an empty block when `nodes` is even.
function ofSize(nodes: number): Program {
  const body: Node[] = [];
  for (let i = 0; i < Math.floor((nodes - 1) / 2); i++) {
    body.push(letBind(`v${i}`, u32(i)));
  }
  if (nodes % 2 === 0) {
    body.push(block([]));
  }
  return program({ buffers: [OUT], entry: body });
}

function blockPath(level: number): string {
  return `/entry/0${'/body/0'.repeat(level - 1)}`;
}

function ifPath(level: number): string {
  return `/entry/0/body/0${'/then/0'.repeat(level - 2)}`;
}

describe('validateProgram: limits', () => {
  it('has the documented limits', () => {
    expect(ValidationLimits).toEqual({
      statementNesting: 64,
      expressionDepth: 128,
      nodes: 100_000,
    });
  });

  it.each([
    [1, []],
    [62, []],
    [63, []],
    [64, [['V018', blockPath(64)]]],
    [65, [['V018', blockPath(64)]]],
  ] as const)(
    'statement nesting of %i levels (empty innermost block) gives %j',
    (levels, expected) => {
      const report = validateProgram(nested(levels));
      expect(report.errors.map((d) => [d.code, d.location.path])).toEqual(
        expected,
      );
    },
  );

  it.each([
    ['62 nested ifs, the innermost empty', 62, [], []],
    [
      '62 nested ifs around a store (level 64)',
      62,
      [store('out', u32(0), u32(1))],
      [],
    ],
    ['63 nested ifs, the innermost empty', 63, [], [['V018', ifPath(64)]]],
    [
      '63 nested ifs around a store',
      63,
      [store('out', u32(0), u32(1))],
      [['V018', ifPath(64)]],
    ],
  ] as const)('%s gives %j', (_, count, inner, expected) => {
    const report = validateProgram(nestedIfs(count, inner));
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual(
      expected,
    );
  });

  it.each([
    ['an empty if', ifThen(bool(true), []), ['V018']],
    ['an empty loop', loop('i', u32(0), u32(1), []), ['V018']],
    ['an empty block', block([]), ['V018']],
    ['a let', letBind('x', u32(1)), []],
    ['a store', store('out', u32(0), u32(1)), []],
  ] as const)('at level 64, %s gives %j', (_, node, expected) => {
    const report = validateProgram(nested(63, [node]));
    expect(report.errors.map((d) => d.code)).toEqual(expected);
  });

  it('reports V018 with the level found and the limit expected', () => {
    const message = validateProgram(nested(64)).errors[0]?.message;
    expect(message).toBe(
      'statements are nested too deeply: expected at most 64 levels, found a block at level 64, whose body is at level 65 (its contents are not checked)',
    );
  });

  it.each([
    [1, []],
    [127, []],
    [128, []],
    [129, [['V033', `/entry/0/body/0/value${'/operand'.repeat(128)}`]]],
  ] as const)('an expression %i levels deep gives %j', (depth, expected) => {
    const report = validateProgram(deepExpression(depth));
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual(
      expected,
    );
    if (expected.length > 0) {
      expect(report.errors[0]?.message).toMatch(
        /expected at most 128 levels, found this one at level 129/,
      );
    }
  });

  it.each([
    [99_999, []],
    [100_000, []],
    [100_001, [['V019', '/entry/0/body/49999/value']]],
  ] as const)('a program of %i nodes gives %j', (nodes, expected) => {
    const report = validateProgram(ofSize(nodes));
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual(
      expected,
    );
    if (expected.length > 0) {
      expect(report.errors[0]?.message).toMatch(
        /expected at most 100000 statements and expressions, found more/,
      );
    }
  });

  it('stops at the 129th level of a 100,000-deep expression chain', () => {
    const report = validateProgram(deepExpression(100_000));
    expect(report.errors.map((d) => d.code)).toEqual(['V033']);
  });

  it('stops at the 64th level of a 10,000-deep block nesting', () => {
    const report = validateProgram(nested(10_000));
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual([
      ['V018', blockPath(64)],
    ]);
  });

  it('reports every over-deep expression, and keeps checking the rest of the program', () => {
    let expr: Expr = u32(1);
    for (let level = 2; level <= 200; level++) {
      expr = negate(expr);
    }
    const p = program({
      buffers: [OUT],
      entry: [
        letBind('a', expr),
        letBind('b', expr),
        letBind('c', negate(u32(-1))),
      ],
    });
    expect(validateProgram(p).errors.map((d) => d.code)).toEqual([
      'V033',
      'V033',
      'V135',
    ]);
  });
});
