import { describe, expect, it } from 'vitest';
import { outputBuffer, readBuffer } from '../src/buffer-decl.ts';
import {
  add,
  atomicAdd,
  bufLen,
  eq,
  gidX,
  lidX,
  load,
  local,
  lt,
  mul,
  subgroupBallot,
  subgroupLocalId,
  subgroupReduce,
  subgroupShuffle,
  subgroupSize,
  u32,
  wgX,
} from '../src/expr-builders.ts';
import {
  assign,
  barrier,
  block,
  ifThen,
  letBind,
  loop,
  region,
  ret,
  store,
} from '../src/node-builders.ts';
import type { Node } from '../src/node.ts';
import { program, type Program } from '../src/program.ts';
import {
  BASELINE_WGSL_CAPABILITIES,
  type TargetCapabilities,
} from '../src/target-capabilities.ts';
import { validateProgram } from '../src/validate.ts';

// The uniformity analysis (docs/semantics.md, "Control flow and synchronization"): barriers and
// subgroup collectives only in uniform control flow (V010) and never after a return that only some
// lanes take (V055). Each case pairs a rejected program with the nearest accepted one.

const BUFFERS = [
  readBuffer('input', 0, 'u32'),
  outputBuffer('out', 1, 'u32', 64),
];
const SUBGROUPS: TargetCapabilities = {
  ...BASELINE_WGSL_CAPABILITIES,
  subgroups: true,
};

function body(nodes: readonly Node[]): Program {
  return program({ buffers: BUFFERS, entry: nodes });
}

const NONUNIFORM = eq(gidX(), u32(0));
const UNIFORM = eq(wgX(), u32(0));

interface Case {
  readonly name: string;
  readonly code: 'V010' | 'V055';
  readonly bad: Program;
  readonly path: string;
  readonly says: RegExp;
  readonly good: Program;
}

const CASES: readonly Case[] = [
  {
    name: 'a barrier under an if on the invocation id',
    code: 'V010',
    bad: body([ifThen(NONUNIFORM, [barrier()])]),
    path: '/entry/0/body/0/then/0',
    says: /a barrier is in non-uniform control flow: expected every enclosing if condition and loop bound to be uniform .* found the if at \/entry\/0\/body\/0, whose condition depends on a value that differs between lanes/,
    good: body([ifThen(UNIFORM, [barrier()])]),
  },
  {
    name: 'a barrier in the else branch of an if on a load',
    code: 'V010',
    bad: body([ifThen(lt(load('input', u32(0)), u32(4)), [], [barrier()])]),
    path: '/entry/0/body/0/otherwise/0',
    says: /found the if at \/entry\/0\/body\/0/,
    good: body([ifThen(lt(bufLen('input'), u32(4)), [], [barrier()])]),
  },
  {
    name: 'a barrier in a loop whose end is a load',
    code: 'V010',
    bad: body([loop('i', u32(0), load('input', u32(0)), [barrier()])]),
    path: '/entry/0/body/0/body/0',
    says: /found the loop at \/entry\/0\/body\/0, whose bounds depend on a value that differs between lanes/,
    good: body([loop('i', u32(0), bufLen('input'), [barrier()])]),
  },
  {
    name: 'a barrier under a uniform if inside a non-uniform one (the outer one is named)',
    code: 'V010',
    bad: body([ifThen(eq(lidX(), u32(0)), [ifThen(UNIFORM, [barrier()])])]),
    path: '/entry/0/body/0/then/0/then/0',
    says: /found the if at \/entry\/0\/body\/0,/,
    good: body([ifThen(UNIFORM, [ifThen(UNIFORM, [barrier()])])]),
  },
  {
    name: 'a barrier under an if on a let that is later assigned the invocation id',
    code: 'V010',
    bad: body([
      letBind('x', u32(0)),
      ifThen(eq(local('x'), u32(0)), [barrier()]),
      assign('x', gidX()),
    ]),
    path: '/entry/0/body/1/then/0',
    says: /found the if at \/entry\/0\/body\/1/,
    good: body([
      letBind('x', u32(0)),
      ifThen(eq(local('x'), u32(0)), [barrier()]),
      assign('x', wgX()),
    ]),
  },
  {
    name: 'a barrier under an if on a let assigned a literal under a non-uniform if',
    code: 'V010',
    bad: body([
      letBind('x', u32(0)),
      ifThen(NONUNIFORM, [assign('x', u32(1))]),
      ifThen(eq(local('x'), u32(0)), [barrier()]),
    ]),
    path: '/entry/0/body/2/then/0',
    says: /found the if at \/entry\/0\/body\/2/,
    good: body([
      letBind('x', u32(0)),
      ifThen(UNIFORM, [assign('x', u32(1))]),
      ifThen(eq(local('x'), u32(0)), [barrier()]),
    ]),
  },
  {
    name: 'a barrier under an if on a let copied from a loop variable with a load bound',
    code: 'V010',
    bad: body([
      letBind('k', u32(0)),
      loop('i', u32(0), load('input', u32(0)), [assign('k', local('i'))]),
      ifThen(eq(local('k'), u32(0)), [barrier()]),
    ]),
    path: '/entry/0/body/2/then/0',
    says: /found the if at \/entry\/0\/body\/2/,
    good: body([
      letBind('k', u32(0)),
      loop('i', u32(0), bufLen('input'), [assign('k', local('i'))]),
      ifThen(eq(local('k'), u32(0)), [barrier()]),
    ]),
  },
  {
    name: 'a barrier under an if on an atomic result',
    code: 'V010',
    bad: body([
      letBind('old', atomicAdd('out', u32(0), u32(1))),
      ifThen(eq(local('old'), u32(0)), [barrier()]),
    ]),
    path: '/entry/0/body/1/then/0',
    says: /found the if at \/entry\/0\/body\/1/,
    good: body([
      letBind('old', atomicAdd('out', u32(0), u32(1))),
      ifThen(eq(mul(wgX(), u32(2)), u32(0)), [barrier()]),
    ]),
  },
  {
    name: 'a subgroup ballot under an if on the local id',
    code: 'V010',
    bad: body([
      ifThen(eq(lidX(), u32(0)), [letBind('b', subgroupBallot(UNIFORM))]),
    ]),
    path: '/entry/0/body/0/then/0/value',
    says: /subgroupBallot is in non-uniform control flow/,
    good: body([
      ifThen(lt(subgroupSize(), u32(64)), [
        letBind('b', subgroupBallot(UNIFORM)),
      ]),
    ]),
  },
  {
    name: 'a subgroup shuffle under an if on a subgroup reduction',
    code: 'V010',
    bad: body([
      letBind('s', subgroupReduce('add', u32(1))),
      ifThen(eq(local('s'), u32(0)), [
        letBind('t', subgroupShuffle(u32(1), u32(0))),
      ]),
    ]),
    path: '/entry/0/body/1/then/0/value',
    says: /subgroupShuffle is in non-uniform control flow/,
    good: body([
      letBind('s', subgroupReduce('add', u32(1))),
      letBind('t', subgroupShuffle(local('s'), u32(0))),
    ]),
  },
  {
    name: 'a subgroup reduction under an if on the subgroup lane',
    code: 'V010',
    bad: body([
      ifThen(eq(subgroupLocalId(), u32(0)), [
        letBind('r', subgroupReduce('max', u32(1))),
      ]),
    ]),
    path: '/entry/0/body/0/then/0/value',
    says: /subgroupReduce is in non-uniform control flow/,
    good: body([letBind('r', subgroupReduce('max', subgroupLocalId()))]),
  },
  {
    name: 'a barrier after a return under an if on the invocation id',
    code: 'V055',
    bad: body([ifThen(NONUNIFORM, [ret()]), barrier()]),
    path: '/entry/0/body/1',
    says: /a barrier may be reached after some lanes returned: expected no earlier return in non-uniform control flow, found the return at \/entry\/0\/body\/0\/then\/0, which only some lanes take/,
    good: body([ifThen(UNIFORM, [ret()]), barrier()]),
  },
  {
    name: 'a barrier before a non-uniform return in the same loop (next iteration)',
    code: 'V055',
    bad: body([
      loop('i', u32(0), u32(4), [
        barrier(),
        ifThen(eq(lidX(), local('i')), [ret()]),
      ]),
    ]),
    path: '/entry/0/body/0/body/0',
    says: /found the return at \/entry\/0\/body\/0\/body\/1\/then\/0, which only some lanes take, before the next iteration of an enclosing loop/,
    good: body([
      loop('i', u32(0), u32(4), [
        barrier(),
        ifThen(eq(wgX(), local('i')), [ret()]),
      ]),
    ]),
  },
  {
    name: 'a barrier after a loop with a load bound that returns',
    code: 'V055',
    bad: body([
      loop('i', u32(0), load('input', u32(0)), [
        ifThen(eq(local('i'), u32(3)), [ret()]),
      ]),
      barrier(),
    ]),
    path: '/entry/0/body/1',
    says: /found the return at \/entry\/0\/body\/0\/body\/0\/then\/0/,
    good: body([
      loop('i', u32(0), load('input', u32(0)), [
        ifThen(eq(local('i'), u32(3)), [store('out', local('i'), u32(1))]),
      ]),
      barrier(),
    ]),
  },
  {
    name: 'a barrier in a later region after a non-uniform return',
    code: 'V055',
    bad: {
      workgroupSize: [64, 1, 1],
      buffers: BUFFERS,
      entry: [
        region('a', [block([ifThen(NONUNIFORM, [ret()])])]),
        region('b', [barrier()]),
      ],
    },
    path: '/entry/1/body/0',
    says: /found the return at \/entry\/0\/body\/0\/body\/0\/then\/0/,
    good: {
      workgroupSize: [64, 1, 1],
      buffers: BUFFERS,
      entry: [
        region('a', [
          block([ifThen(NONUNIFORM, [store('out', gidX(), u32(1))])]),
        ]),
        region('b', [barrier()]),
      ],
    },
  },
  {
    name: 'a subgroup reduction after a non-uniform return',
    code: 'V055',
    bad: body([
      ifThen(NONUNIFORM, [ret()]),
      letBind('r', subgroupReduce('add', u32(1))),
    ]),
    path: '/entry/0/body/1/value',
    says: /subgroupReduce may be reached after some lanes returned/,
    good: body([
      letBind('r', subgroupReduce('add', u32(1))),
      ifThen(NONUNIFORM, [ret()]),
    ]),
  },
];

describe('validateProgram: uniformity', () => {
  it.each(CASES)('$code: $name is reported at $path', (c) => {
    const report = validateProgram(c.bad, { capabilities: SUBGROUPS });
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual([
      [c.code, c.path],
    ]);
    expect(report.errors[0]?.message).toMatch(c.says);
  });

  it.each(CASES)(
    '$code boundary: the nearest program to $name is accepted',
    (c) => {
      expect(
        validateProgram(c.good, { capabilities: SUBGROUPS }).errors,
      ).toEqual([]);
    },
  );

  it('reports a barrier that is both under a non-uniform if and after a non-uniform return once, as V010', () => {
    const report = validateProgram(
      body([ifThen(NONUNIFORM, [ret()]), ifThen(NONUNIFORM, [barrier()])]),
    );
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual([
      ['V010', '/entry/0/body/1/then/0'],
    ]);
  });

  it('accepts a barrier in the else branch of an if whose then branch returns in some lanes', () => {
    // A lane runs one branch: no lane reaching the barrier can have taken the return.
    const p = body([
      ifThen(UNIFORM, [ifThen(lt(gidX(), u32(5)), [ret()])], [barrier()]),
    ]);
    expect(validateProgram(p)).toEqual({ ok: true, errors: [], warnings: [] });
  });

  const RETURNS_IN_SOME_LANES = ifThen(NONUNIFORM, [ret()]);
  const STORES = store('out', gidX(), u32(1));

  it.each([
    ['the then branch', [RETURNS_IN_SOME_LANES], [STORES], ['V055']],
    ['the else branch', [STORES], [RETURNS_IN_SOME_LANES], ['V055']],
    [
      'both branches',
      [RETURNS_IN_SOME_LANES],
      [RETURNS_IN_SOME_LANES],
      ['V055'],
    ],
    ['neither branch', [STORES], [STORES], []],
  ] as const)(
    'after a uniform if that returns in some lanes of %s, a barrier gives %j',
    (_, then, otherwise, expected) => {
      const p = body([ifThen(UNIFORM, then, otherwise), barrier()]);
      const report = validateProgram(p);
      expect(report.errors.map((d) => [d.code, d.location.path])).toEqual(
        expected.map((code) => [code, '/entry/0/body/1']),
      );
    },
  );

  it('still reports a barrier in the else branch when the then branch returns inside a loop (next iteration)', () => {
    const p = body([
      loop('i', u32(0), u32(4), [
        ifThen(UNIFORM, [RETURNS_IN_SOME_LANES], [barrier()]),
      ]),
    ]);
    // The return ends some lanes before the next iteration's barrier (through the loop's back edge).
    expect(
      validateProgram(p).errors.map((d) => [d.code, d.location.path]),
    ).toEqual([['V055', '/entry/0/body/0/body/0/otherwise/0']]);
  });

  it('accepts a barrier after a non-uniform if or loop that does not return (reconvergence)', () => {
    const p = body([
      ifThen(NONUNIFORM, [store('out', gidX(), u32(1))]),
      loop('i', u32(0), gidX(), [store('out', local('i'), u32(1))]),
      barrier(),
    ]);
    expect(validateProgram(p).ok).toBe(true);
  });

  it('treats literals, workgroupId, bufLen, subgroupSize and lets built from them as uniform', () => {
    const p = body([
      letBind('n', add(mul(bufLen('input'), wgX()), subgroupSize())),
      letBind('m', u32(0)),
      loop('i', local('m'), local('n'), [
        assign('m', add(local('m'), local('i'))),
        ifThen(lt(local('m'), local('n')), [barrier()]),
      ]),
    ]);
    expect(validateProgram(p, { capabilities: SUBGROUPS }).ok).toBe(true);
  });

  it.each([
    ['a load start', load('input', u32(0)), u32(8), false],
    ['an invocation id end', u32(0), gidX(), false],
    ['literal and bufLen bounds', u32(0), bufLen('input'), true],
  ] as const)(
    'treats a loop variable with %s as uniform: %s',
    (_, from, to, uniform) => {
      const p = body([
        letBind('k', u32(0)),
        loop('i', from, to, [assign('k', local('i'))]),
        ifThen(eq(local('k'), u32(0)), [barrier()]),
      ]);
      expect(validateProgram(p).errors.map((d) => d.code)).toEqual(
        uniform ? [] : ['V010'],
      );
    },
  );
});
