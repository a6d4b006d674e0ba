import { describe, expect, it } from 'vitest';
import {
  outputBuffer,
  readBuffer,
  uniformBuffer,
  workgroupBuffer,
} from '../src/buffer-decl.ts';
import {
  add,
  atomicAdd,
  atomicCompareExchange,
  bufLen,
  cast,
  div,
  eq,
  f32,
  gidX,
  i32,
  lidX,
  load,
  local,
  lt,
  mul,
  select,
  shr,
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
import { program } from '../src/program.ts';
import { BASELINE_WGSL_CAPABILITIES } from '../src/target-capabilities.ts';
import { validateProgram } from '../src/validate.ts';
import { ValidationCodes } from '../src/validation-code.ts';

// Control cases: a realistic kernel is valid with no diagnostics at all, and reports keep their
// promises (program order, one diagnostic per mistake, every independent mistake, defaults).

// A workgroup sum: each lane loads one element into workgroup memory, a tree reduction halves the
// active lanes with a barrier per step, and lane 0 adds the workgroup's sum to a global total.
const REDUCTION = program({
  workgroupSize: [64, 1, 1],
  buffers: [
    readBuffer('input', 0, 'u32'),
    outputBuffer('total', 1, 'u32', 1),
    workgroupBuffer('partial', 64, 'u32'),
    uniformBuffer('params', 2, 'u32', { count: 4 }),
    outputBuffer('locks', 3, 'u32', 16),
  ],
  entry: [
    region('vyre.reduce', [
      letBind('lane', lidX()),
      letBind('index', gidX()),
      letBind(
        'value',
        select(
          lt(local('index'), bufLen('input')),
          load('input', local('index')),
          u32(0),
        ),
      ),
      store('partial', local('lane'), local('value')),
      barrier(),
      loop('step', u32(0), u32(6), [
        letBind('stride', shr(u32(32), local('step'))),
        ifThen(lt(local('lane'), local('stride')), [
          store(
            'partial',
            local('lane'),
            add(
              load('partial', local('lane')),
              load('partial', add(local('lane'), local('stride'))),
            ),
          ),
        ]),
        barrier('acqRel'),
      ]),
      ifThen(eq(local('lane'), u32(0)), [
        letBind('old', atomicAdd('total', u32(0), load('partial', u32(0)))),
        letBind(
          'won',
          atomicCompareExchange('locks', cast('u32', wgX()), u32(0), u32(1)),
        ),
        ifThen(eq(local('won'), u32(0)), [assign('old', local('won'))]),
      ]),
    ]),
  ],
});

describe('validateProgram: control cases', () => {
  it('accepts a workgroup reduction with barriers, a loop and atomics, with no diagnostics', () => {
    expect(validateProgram(REDUCTION)).toEqual({
      ok: true,
      errors: [],
      warnings: [],
    });
  });

  it('reports independent mistakes all, in program order', () => {
    const p = program({
      workgroupSize: [64, 1, 2000],
      buffers: [
        readBuffer('input', 0, 'u32'),
        outputBuffer('out', 0, 'u32', 8),
      ],
      entry: [
        store('out', i32(0), f32(1)),
        letBind('a', add(u32(1), i32(2))),
        block([
          letBind('b', local('zzz')),
          ifThen(eq(gidX(), u32(0)), [barrier('relaxed')]),
        ]),
        store('input', u32(0), u32(0)),
      ],
    });
    const report = validateProgram(p);
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual([
      ['V106', '/workgroupSize/2'],
      ['V108', '/buffers/1/binding'],
      ['V122', '/entry/0/body/0/index'],
      ['V121', '/entry/0/body/0/value'],
      ['V088', '/entry/0/body/1/value'],
      ['V066', '/entry/0/body/2/body/0/value/name'],
      ['V043', '/entry/0/body/2/body/1/then/0/ordering'],
      ['V010', '/entry/0/body/2/body/1/then/0'],
      ['V063', '/entry/0/body/3/buffer'],
    ]);
  });

  it('reports a type error where it happens, and not again in the expressions around it', () => {
    const p = program({
      buffers: [outputBuffer('out', 0, 'u32', 8)],
      entry: [
        letBind('x', mul(add(add(u32(1), i32(2)), u32(3)), u32(4))),
        letBind('y', add(local('x'), u32(1))),
        store('out', local('x'), local('y')),
        letBind('z', add(local('undeclared'), f32(1))),
      ],
    });
    expect(
      validateProgram(p).errors.map((d) => [d.code, d.location.path]),
    ).toEqual([
      ['V088', '/entry/0/body/0/value/left/left'],
      ['V066', '/entry/0/body/3/value/left/name'],
    ]);
  });

  it('fills severity, phase and hint from the catalog', () => {
    const report = validateProgram(
      program({
        buffers: [outputBuffer('out', 0, 'u32', 8)],
        entry: [letBind('q', div(u32(1), u32(0)))],
      }),
    );
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([
      {
        code: 'V044',
        severity: 'warning',
        phase: ValidationCodes.V044.phase,
        location: { path: '/entry/0/body/0/value/right' },
        message: expect.stringMatching(
          /^div has the constant divisor 0/,
        ) as unknown,
        hint: ValidationCodes.V044.hint,
      },
    ]);
  });

  it('validates against the baseline WGSL capabilities by default', () => {
    const p = program({
      buffers: [outputBuffer('out', 0, 'u32', 8)],
      entry: [barrier('gridSync')],
    });
    expect(validateProgram(p).errors.map((d) => d.code)).toEqual(['V132']);
    expect(
      validateProgram(p, {
        capabilities: { ...BASELINE_WGSL_CAPABILITIES, gridSync: true },
      }).ok,
    ).toBe(true);
  });

  it('accepts a uniform early return followed by a barrier', () => {
    const p = program({
      buffers: [
        readBuffer('input', 0, 'u32'),
        outputBuffer('out', 1, 'u32', 8),
      ],
      entry: [
        ifThen(lt(bufLen('input'), mul(wgX(), u32(64))), [ret()]),
        barrier(),
        store('out', lidX(), u32(1)),
      ],
    });
    expect(validateProgram(p).ok).toBe(true);
  });
});
