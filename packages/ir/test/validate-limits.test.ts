import { describe, expect, it } from 'vitest';
import { outputBuffer } from '../src/buffer-decl.ts';
import type { Expr } from '../src/expr.ts';
import { negate, u32 } from '../src/expr-builders.ts';
import { block, letBind } from '../src/node-builders.ts';
import type { Node } from '../src/node.ts';
import { program, type Program } from '../src/program.ts';
import { validateProgram } from '../src/validate.ts';
import { ValidationLimits } from '../src/validate-limits.ts';

// The limits (V018 nesting, V033 expression depth, V019 node count), each on both sides, and the
// guarantee behind them: the validator never descends past a limit, so absurd inputs neither throw
// nor overflow the stack.

const OUT = outputBuffer('out', 0, 'u32', 64);

// `levels` statement levels: the root region (level 1) and levels - 1 nested blocks.
function nested(levels: number): Program {
  let node: Node = block([]);
  for (let level = 3; level <= levels; level++) {
    node = block([node]);
  }
  return program({ buffers: [OUT], entry: levels === 1 ? [] : [node] });
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
    [63, []],
    [64, []],
    [65, [['V018', blockPath(65)]]],
  ] as const)('statement nesting of %i levels gives %j', (levels, expected) => {
    const report = validateProgram(nested(levels));
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual(
      expected,
    );
  });

  it('reports V018 with the level found and the limit expected', () => {
    const message = validateProgram(nested(65)).errors[0]?.message;
    expect(message).toBe(
      'statements are nested too deeply: expected at most 64 levels, found this one at level 65 (its contents are not checked)',
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

  it('stops at the 65th level of a 10,000-deep block nesting', () => {
    const report = validateProgram(nested(10_000));
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual([
      ['V018', blockPath(65)],
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
