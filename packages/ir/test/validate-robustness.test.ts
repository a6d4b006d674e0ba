import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  outputBuffer,
  readBuffer,
  workgroupBuffer,
} from '../src/buffer-decl.ts';
import {
  add,
  atomicAdd,
  gidX,
  load,
  local,
  lt,
  select,
  u32,
} from '../src/expr-builders.ts';
import {
  barrier,
  block,
  ifThen,
  letBind,
  loop,
  store,
} from '../src/node-builders.ts';
import { program, type Program } from '../src/program.ts';
import { validateProgram } from '../src/validate.ts';
import type { ValidationCode } from '../src/validation-code.ts';

// Programs from untyped code: anything shaped like a program is reported on, never thrown on.

const OUT = outputBuffer('out', 0, 'u32', 64);

function raw(
  entry: unknown,
  buffers: unknown = [OUT],
  workgroupSize: unknown = [64, 1, 1],
): Program {
  return { workgroupSize, buffers, entry } as unknown as Program;
}

function inRegion(body: unknown): Program {
  return raw([{ kind: 'region', generator: 'g', body }]);
}

function letOf(value: unknown): Program {
  return inRegion([{ kind: 'let', name: 'x', value }]);
}

const MALFORMED: ReadonlyArray<
  readonly [string, Program, ValidationCode, string]
> = [
  ['a program that is not an object', null as unknown as Program, 'V056', ''],
  ['buffers that are not an array', raw([], 'none'), 'V056', '/buffers'],
  ['an entry that is not an array', raw(7), 'V056', '/entry'],
  ['a buffer that is a number', raw([], [OUT, 3]), 'V056', '/buffers/1'],
  [
    'a workgroup size of strings',
    raw([], [OUT], ['64', 1, 1]),
    'V106',
    '/workgroupSize/0',
  ],
  [
    'a workgroup size that is null',
    raw([], [OUT], null),
    'V106',
    '/workgroupSize',
  ],
  ['a region body that is not an array', inRegion({}), 'V056', '/entry/0/body'],
  ['a statement that is null', inRegion([null]), 'V056', '/entry/0/body/0'],
  [
    'a statement that is a string',
    inRegion(['return']),
    'V056',
    '/entry/0/body/0',
  ],
  [
    'an if without branches',
    inRegion([{ kind: 'if', cond: u32(1) }]),
    'V056',
    '/entry/0/body/0/then',
  ],
  ['a let without a value', letOf(undefined), 'V056', '/entry/0/body/0/value'],
  [
    'an expression that is an array',
    letOf([1, 2]),
    'V056',
    '/entry/0/body/0/value/kind',
  ],
  [
    'a binary operator that is a bigint',
    letOf({ kind: 'binary', op: 1n, left: u32(1), right: u32(2) }),
    'V137',
    '/entry/0/body/0/value/op',
  ],
  [
    'a unary operator that is a symbol',
    letOf({ kind: 'unary', op: Symbol('x'), operand: u32(1) }),
    'V104',
    '/entry/0/body/0/value/op',
  ],
  [
    'an unknown binary operator over ill-typed operands',
    letOf({ kind: 'binary', op: 'pow', left: local('nope'), right: u32(2) }),
    'V137',
    '/entry/0/body/0/value/op',
  ],
  [
    'a literal holding an object without a prototype',
    letOf({ kind: 'lit', type: 'u32', value: Object.create(null) as unknown }),
    'V135',
    '/entry/0/body/0/value/value',
  ],
  [
    'a cast target that is a number',
    letOf({ kind: 'cast', target: 3, value: u32(1) }),
    'V012',
    '/entry/0/body/0/value/target',
  ],
  [
    'call arguments that are not an array',
    letOf({ kind: 'call', op: 'f', args: 'x' }),
    'V056',
    '/entry/0/body/0/value/args',
  ],
  [
    'an id axis of 7',
    letOf({ kind: 'invocationId', axis: 7 }),
    'V068',
    '/entry/0/body/0/value/axis',
  ],
  [
    'an id axis that is a string',
    letOf({ kind: 'localId', axis: '0' }),
    'V068',
    '/entry/0/body/0/value/axis',
  ],
  [
    'a load from a buffer named by a number',
    letOf({ kind: 'load', buffer: 0, index: u32(0) }),
    'V065',
    '/entry/0/body/0/value/buffer',
  ],
  [
    'a countOffset of NaN',
    inRegion([
      { kind: 'indirectDispatch', countBuffer: 'out', countOffset: Number.NaN },
    ]),
    'V126',
    '/entry/0/body/0/countOffset',
  ],
  [
    'a tag that is a number',
    inRegion([{ kind: 'resume', tag: 5 }]),
    'V117',
    '/entry/0/body/0/tag',
  ],
  [
    'a let name that is a number',
    inRegion([{ kind: 'let', name: 5, value: u32(1) }]),
    'V133',
    '/entry/0/body/0/name',
  ],
  [
    'an output byte range that is a string',
    raw([], [{ ...OUT, outputByteRange: 'all' }]),
    'V134',
    '/buffers/0/outputByteRange',
  ],
];

describe('validateProgram: malformed input', () => {
  it.each(MALFORMED)(
    'reports %s (%s at %s) without throwing',
    (_, p, code, path) => {
      const report = validateProgram(p);
      expect(report.ok).toBe(false);
      expect(
        report.errors.map((d) => [d.code, d.location.path]),
      ).toContainEqual([code, path]);
    },
  );

  it('does not descend into a cyclic expression past the depth limit', () => {
    const cyclic: { kind: 'unary'; op: 'negate'; operand: unknown } = {
      kind: 'unary',
      op: 'negate',
      operand: undefined,
    };
    cyclic.operand = cyclic;
    expect(validateProgram(letOf(cyclic)).errors.map((d) => d.code)).toEqual([
      'V033',
    ]);
  });

  it('accepts missing capabilities fields as absent', () => {
    const report = validateProgram(letOf({ kind: 'subgroupSize' }), {
      capabilities: {} as never,
    });
    expect(report.errors.map((d) => d.code)).toEqual(['V041']);
  });

  it.each([
    ['no limits', {}],
    ['limits of null', { limits: null }],
    [
      'one limit, as a string',
      { limits: { maxComputeWorkgroupSizeX: '1024' } },
    ],
  ])('takes the WebGPU default for each limit missing from %s', (_, caps) => {
    const p = raw(
      [{ kind: 'region', generator: 'g', body: [] }],
      [OUT],
      [257, 1, 1],
    );
    const report = validateProgram(p, { capabilities: caps as never });
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual([
      ['V106', '/workgroupSize/0'],
    ]);
  });

  // Any JSON-like value, anywhere a field of a valid program is: a report, never an exception.
  const valid = program({
    workgroupSize: [64, 1, 1],
    buffers: [
      readBuffer('input', 0, 'u32'),
      OUT,
      workgroupBuffer('w', 64, 'u32'),
    ],
    entry: [
      letBind('i', gidX()),
      store('w', local('i'), load('input', local('i'))),
      barrier(),
      loop('k', u32(0), u32(4), [
        ifThen(lt(local('k'), local('i')), [
          store('out', local('k'), add(local('i'), u32(1))),
        ]),
      ]),
      block([
        letBind(
          'old',
          atomicAdd(
            'out',
            u32(0),
            select(lt(local('i'), u32(3)), u32(1), u32(0)),
          ),
        ),
      ]),
    ],
  });

  function paths(
    value: unknown,
    prefix: readonly (string | number)[] = [],
  ): (readonly (string | number)[])[] {
    if (typeof value !== 'object' || value === null) {
      return [prefix];
    }
    const entries = Array.isArray(value)
      ? value.map((v, i) => [i, v] as const)
      : Object.entries(value);
    return [
      prefix,
      ...entries.flatMap(([key, child]) => paths(child, [...prefix, key])),
    ];
  }

  function replaced(
    root: unknown,
    path: readonly (string | number)[],
    value: unknown,
  ): unknown {
    if (path.length === 0) {
      return value;
    }
    const [head, ...rest] = path;
    const copy = (
      Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }
    ) as Record<string | number, unknown>;
    copy[head as string] = replaced(
      (root as Record<string | number, unknown>)[head as string],
      rest,
      value,
    );
    return copy;
  }

  const all = paths(valid);

  it('never throws when any field of a valid program is replaced by an arbitrary value', () => {
    fc.assert(
      fc.property(fc.nat(all.length - 1), fc.jsonValue(), (index, value) => {
        const program = replaced(valid, all[index] ?? [], value) as Program;
        const report = validateProgram(program);
        expect(report.ok).toBe(report.errors.length === 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on values of unusual types in any field', () => {
    const odd = fc.constantFrom<unknown>(
      undefined,
      null,
      Number.NaN,
      -0,
      Infinity,
      1n,
      Symbol('s'),
      () => 1,
      Object.create(null),
      [],
      {},
      '',
      '__proto__',
      'constructor',
    );
    fc.assert(
      fc.property(fc.nat(all.length - 1), odd, (index, value) => {
        expect(() =>
          validateProgram(replaced(valid, all[index] ?? [], value) as Program),
        ).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
