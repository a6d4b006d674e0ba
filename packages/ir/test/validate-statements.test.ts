import { describe, expect, it } from 'vitest';
import {
  outputBuffer,
  readBuffer,
  type BufferDecl,
} from '../src/buffer-decl.ts';
import {
  bool,
  f32,
  gidX,
  i32,
  load,
  local,
  u32,
} from '../src/expr-builders.ts';
import {
  assign,
  asyncLoad,
  asyncStore,
  asyncWait,
  barrier,
  block,
  collective,
  ifThen,
  indirectDispatch,
  letBind,
  loop,
  region,
  resume,
  ret,
  store,
  trap,
} from '../src/node-builders.ts';
import type { Node } from '../src/node.ts';
import { program, type Program } from '../src/program.ts';
import {
  BASELINE_WGSL_CAPABILITIES,
  type TargetCapabilities,
} from '../src/target-capabilities.ts';
import { validateProgram } from '../src/validate.ts';
import type { ValidationCode } from '../src/validation-code.ts';

// Statement rules: scopes and bindings, statement typing, unreachable code, barriers, and the
// statements no target lowers yet. Every body is wrapped in one root region, so the body's statement
// `i` is at /entry/0/body/i.

const IN = readBuffer('input', 0, 'u32');
const OUT = outputBuffer('out', 1, 'u32', 64);
const BYTES = outputBuffer('bytes', 2, 'u8', 64);

function body(
  nodes: readonly Node[],
  buffers: readonly BufferDecl[] = [IN, OUT, BYTES],
): Program {
  return program({ buffers, entry: nodes });
}

const GRID: TargetCapabilities = {
  ...BASELINE_WGSL_CAPABILITIES,
  gridSync: true,
};

// Builders for the unlowered statements, valid apart from being unlowered.
const UNLOWERED = {
  indirectDispatch: indirectDispatch('out', 0),
  asyncLoad: asyncLoad('input', 'out', u32(0), u32(4), 't'),
  asyncStore: asyncStore('out', 'input', u32(0), u32(4), 't'),
  asyncWait: asyncWait('t'),
  trap: trap(u32(0), 't'),
  resume: resume('t'),
} as const satisfies Readonly<Record<string, Node>>;

interface Case {
  readonly name: string;
  readonly code: ValidationCode;
  readonly bad: Program;
  readonly path: string;
  readonly says: RegExp;
  readonly good: Program;
  /** Whether the nearest program without this diagnostic is valid (false for unlowered nodes). */
  readonly goodIsValid?: boolean;
  readonly capabilities?: TargetCapabilities;
}

const CASES: readonly Case[] = [
  {
    name: 'a let that shadows a let of an enclosing scope',
    code: 'V008',
    bad: body([letBind('x', u32(1)), block([letBind('x', u32(2))])]),
    path: '/entry/0/body/1/body/0/name',
    says: /"x" shadows a visible binding: expected a name not visible here, found the let at \/entry\/0\/body\/0/,
    good: body([letBind('x', u32(1)), block([letBind('y', u32(2))])]),
  },
  {
    name: 'a loop variable that shadows a let',
    code: 'V008',
    bad: body([letBind('i', u32(1)), loop('i', u32(0), u32(4), [])]),
    path: '/entry/0/body/1/var',
    says: /"i" shadows a visible binding: expected .* found the let at/,
    good: body([letBind('i', u32(1)), loop('j', u32(0), u32(4), [])]),
  },
  {
    name: 'a let in a loop body that shadows the loop variable',
    code: 'V008',
    bad: body([loop('i', u32(0), u32(4), [letBind('i', u32(0))])]),
    path: '/entry/0/body/0/body/0/name',
    says: /found the loop variable of \/entry\/0\/body\/0 in an enclosing scope/,
    good: body([loop('i', u32(0), u32(4), [letBind('k', local('i'))])]),
  },
  {
    name: 'a let declared twice in one scope',
    code: 'V032',
    bad: body([letBind('x', u32(1)), letBind('x', u32(2))]),
    path: '/entry/0/body/1/name',
    says: /"x" is declared twice in one scope: expected a new name or an assign, found the let at \/entry\/0\/body\/0/,
    good: body([letBind('x', u32(1)), assign('x', u32(2))]),
  },
  {
    name: 'an assignment to an undeclared name',
    code: 'V120',
    bad: body([assign('x', u32(2))]),
    path: '/entry/0/body/0/name',
    says: /targets "x": expected a let binding declared before, .* found none/,
    good: body([letBind('x', u32(1)), assign('x', u32(2))]),
  },
  {
    name: 'an assignment to a binding whose scope has closed',
    code: 'V120',
    bad: body([block([letBind('x', u32(1))]), assign('x', u32(2))]),
    path: '/entry/0/body/1/name',
    says: /targets "x": expected .* found none/,
    good: body([block([letBind('x', u32(1)), assign('x', u32(2))])]),
  },
  {
    name: 'an assignment to a loop variable',
    code: 'V011',
    bad: body([loop('i', u32(0), u32(4), [assign('i', u32(0))])]),
    path: '/entry/0/body/0/body/0/name',
    says: /targets "i": expected a let binding, found the loop variable of the loop at \/entry\/0\/body\/0/,
    good: body([
      loop('i', u32(0), u32(4), [
        letBind('k', local('i')),
        assign('k', u32(0)),
      ]),
    ]),
  },
  {
    name: 'an assignment that changes the type',
    code: 'V045',
    bad: body([letBind('x', u32(1)), assign('x', i32(2))]),
    path: '/entry/0/body/1/value',
    says: /to "x" gives a i32: expected u32, its type since \/entry\/0\/body\/0, found i32/,
    good: body([letBind('x', u32(1)), assign('x', u32(2))]),
  },
  {
    name: 'a read of an undeclared variable',
    code: 'V066',
    bad: body([store('out', u32(0), local('y'))]),
    path: '/entry/0/body/0/value/name',
    says: /variable "y" is read: expected a let or loop variable declared before, .* found none/,
    good: body([letBind('y', u32(1)), store('out', u32(0), local('y'))]),
  },
  {
    name: 'a read of a let from a sibling scope',
    code: 'V066',
    bad: body([
      block([letBind('y', u32(1))]),
      block([store('out', u32(0), local('y'))]),
    ]),
    path: '/entry/0/body/1/body/0/value/name',
    says: /variable "y" is read: expected .* found none/,
    good: body([
      block([letBind('y', u32(1))]),
      block([letBind('y', u32(1)), store('out', u32(0), local('y'))]),
    ]),
  },
  {
    name: 'a statement after a return',
    code: 'V112',
    bad: body([ret(), store('out', u32(0), u32(1))]),
    path: '/entry/0/body/1',
    says: /1 statement\(s\) follow the return at \/entry\/0\/body\/0: expected the return to end its statement list, found unreachable statements/,
    good: body([store('out', u32(0), u32(1)), ret()]),
  },
  {
    name: 'a store of an f32 into a u32 buffer',
    code: 'V121',
    bad: body([store('out', u32(0), f32(1))]),
    path: '/entry/0/body/0/value',
    says: /"out" \(u32 elements\) writes a f32: expected u32, found f32/,
    good: body([store('out', u32(0), u32(1))]),
  },
  {
    name: 'a store of an i32 into a u8 buffer (which takes u32)',
    code: 'V121',
    bad: body([store('bytes', u32(0), i32(1))]),
    path: '/entry/0/body/0/value',
    says: /"bytes" \(u8 elements\) writes a i32: expected u32, found i32/,
    good: body([store('bytes', u32(0), u32(255))]),
  },
  {
    name: 'a store index that is an i32',
    code: 'V122',
    bad: body([store('out', i32(0), u32(1))]),
    path: '/entry/0/body/0/index',
    says: /a store index is i32: expected u32, found i32/,
    good: body([store('out', u32(0), u32(1))]),
  },
  {
    name: 'a constant store index equal to the count',
    code: 'V036',
    bad: body([store('out', u32(64), u32(1))]),
    path: '/entry/0/body/0/index',
    says: /constant index 64: expected an index below its count 64/,
    good: body([store('out', u32(63), u32(1))]),
  },
  {
    name: 'a store to a read-only buffer',
    code: 'V063',
    bad: body([store('input', u32(0), u32(1))]),
    path: '/entry/0/body/0/buffer',
    says: /writes buffer "input": expected a readWrite, writeOnly or workgroup buffer, found a readOnly one/,
    good: body([store('out', u32(0), u32(1))]),
  },
  {
    name: 'a store to an undeclared buffer',
    code: 'V064',
    bad: body([store('nope', u32(0), u32(1))]),
    path: '/entry/0/body/0/buffer',
    says: /names buffer "nope": expected a declared buffer, found no buffer of that name/,
    good: body([store('out', u32(0), u32(1))]),
  },
  {
    name: 'an if condition that is an f32',
    code: 'V123',
    bad: body([ifThen(f32(1), [])]),
    path: '/entry/0/body/0/cond',
    says: /an if condition is f32: expected bool or u32, found f32/,
    good: body([ifThen(u32(1), []), ifThen(bool(true), [])]),
  },
  {
    name: 'a loop start that is an i32',
    code: 'V124',
    bad: body([loop('i', i32(0), u32(4), [])]),
    path: '/entry/0/body/0/from',
    says: /a loop start is i32: expected u32, found i32/,
    good: body([loop('i', u32(0), u32(4), [])]),
  },
  {
    name: 'a loop end that is an f32',
    code: 'V125',
    bad: body([loop('i', u32(0), f32(4), [])]),
    path: '/entry/0/body/0/to',
    says: /a loop end is f32: expected u32, found f32/,
    good: body([loop('i', u32(0), u32(4), [])]),
  },
  {
    name: 'a let name that is not an identifier',
    code: 'V133',
    bad: body([letBind('my value', u32(1))]),
    path: '/entry/0/body/0/name',
    says: /let binding name "my value" is not an identifier: expected an ASCII letter/,
    good: body([letBind('my_value', u32(1))]),
  },
  {
    name: 'a loop variable name that is not an identifier',
    code: 'V133',
    bad: body([loop('0i', u32(0), u32(1), [])]),
    path: '/entry/0/body/0/var',
    says: /loop variable name "0i" is not an identifier: expected/,
    good: body([loop('i0', u32(0), u32(1), [])]),
  },
  {
    name: 'an empty region generator',
    code: 'V133',
    bad: { workgroupSize: [64, 1, 1], buffers: [OUT], entry: [region('', [])] },
    path: '/entry/0/generator',
    says: /region generator "" is not a valid label: expected 1 to 256 printable ASCII characters/,
    good: {
      workgroupSize: [64, 1, 1],
      buffers: [OUT],
      entry: [region('g', [])],
    },
  },
  {
    name: 'a region generator of 257 characters',
    code: 'V133',
    bad: {
      workgroupSize: [64, 1, 1],
      buffers: [OUT],
      entry: [region('g'.repeat(257), [])],
    },
    path: '/entry/0/generator',
    says: /is not a valid label: expected 1 to 256 printable ASCII characters/,
    good: {
      workgroupSize: [64, 1, 1],
      buffers: [OUT],
      entry: [region('g'.repeat(256), [])],
    },
  },
  {
    name: 'a source region with a newline',
    code: 'V133',
    bad: {
      workgroupSize: [64, 1, 1],
      buffers: [OUT],
      entry: [region('vyre.a', [], 'x\ny')],
    },
    path: '/entry/0/sourceRegion',
    says: /source region "x\\ny" is not a valid label: expected/,
    good: {
      workgroupSize: [64, 1, 1],
      buffers: [OUT],
      entry: [region('vyre.a', [], 'x y.z')],
    },
  },
  {
    name: 'a tag with a tab',
    code: 'V133',
    bad: body([asyncWait('a\tb')]),
    path: '/entry/0/body/0/tag',
    says: /has tag "a\\tb": expected 1 to 256 printable ASCII characters/,
    good: body([asyncWait('a.b')]),
    goodIsValid: false,
  },
  {
    name: 'a barrier with relaxed ordering',
    code: 'V043',
    bad: body([barrier('relaxed')]),
    path: '/entry/0/body/0/ordering',
    says: /ordering relaxed: expected acquire, release, acqRel or seqCst, found relaxed/,
    good: body([barrier('acquire')]),
  },
  {
    name: 'a gridSync barrier on a target without grid sync',
    code: 'V132',
    bad: body([barrier('gridSync')]),
    path: '/entry/0/body/0/ordering',
    says: /ordering gridSync: expected a target with the gridSync capability, found one without it/,
    good: body([barrier('seqCst')]),
  },
  {
    name: 'an indirect dispatch offset that is not a multiple of 4',
    code: 'V126',
    bad: body([indirectDispatch('out', 2)]),
    path: '/entry/0/body/0/countOffset',
    says: /count offset 2: expected a non-negative multiple of 4/,
    good: body([indirectDispatch('out', 4)]),
    goodIsValid: false,
  },
  {
    name: 'an indirect dispatch from an undeclared buffer',
    code: 'V127',
    bad: body([indirectDispatch('counts', 0)]),
    path: '/entry/0/body/0/countBuffer',
    says: /from buffer "counts": expected a declared buffer, found no buffer of that name/,
    good: body([indirectDispatch('out', 0)]),
    goodIsValid: false,
  },
  {
    name: 'an async wait with an empty tag',
    code: 'V117',
    bad: body([asyncWait('')]),
    path: '/entry/0/body/0/tag',
    says: /asyncWait has tag "": expected a non-empty string/,
    good: body([asyncWait('t')]),
    goodIsValid: false,
  },
  {
    name: 'a trap with an empty tag',
    code: 'V117',
    bad: body([trap(u32(0), '')]),
    path: '/entry/0/body/0/tag',
    says: /trap has tag "": expected a non-empty string/,
    good: body([trap(u32(0), 't')]),
    goodIsValid: false,
  },
  {
    name: 'an all-reduce',
    code: 'V046',
    bad: body([collective('allReduce', 'out')]),
    path: '/entry/0/body/0',
    says: /allReduce is a distributed collective: expected single-device statements only, found a collective/,
    good: body([]),
  },
  ...(
    [
      'indirectDispatch',
      'asyncLoad',
      'asyncStore',
      'asyncWait',
      'trap',
      'resume',
    ] as const
  ).map((kind): Case => ({
    name: `${kind} (not lowered yet)`,
    code: 'V056',
    bad: body([UNLOWERED[kind]]),
    path: '/entry/0/body/0',
    says: new RegExp(
      `${kind} is not lowered yet: expected statements the WGSL target lowers, found ${kind}`,
    ),
    good: body([]),
  })),
  {
    name: 'an unknown statement kind',
    code: 'V056',
    bad: body([{ kind: 'while' } as never]),
    path: '/entry/0/body/0/kind',
    says: /unknown statement kind "while": expected one of let, assign, store/,
    good: body([]),
  },
  {
    name: 'an unknown barrier ordering',
    code: 'V056',
    bad: body([barrier('sequential' as never)]),
    path: '/entry/0/body/0/ordering',
    says: /unknown memory ordering "sequential": expected acquire, release, acqRel or seqCst/,
    good: body([barrier('release')]),
  },
];

describe('validateProgram: statement rules', () => {
  it.each(CASES)('$code: $name is reported at $path', (c) => {
    const report = validateProgram(c.bad, {
      capabilities: c.capabilities ?? BASELINE_WGSL_CAPABILITIES,
    });
    const found = report.errors.filter((d) => d.code === c.code);
    expect(found.map((d) => d.location.path)).toEqual([c.path]);
    expect(found[0]?.message).toMatch(c.says);
  });

  it.each(CASES)(
    '$code boundary: the nearest program to $name has none',
    (c) => {
      const report = validateProgram(c.good);
      expect(report.errors.filter((d) => d.code === c.code)).toEqual([]);
      if (c.goodIsValid !== false) {
        expect(report.errors).toEqual([]);
      }
    },
  );

  it('accepts a gridSync barrier on a target with grid sync', () => {
    expect(
      validateProgram(body([barrier('gridSync')]), { capabilities: GRID }).ok,
    ).toBe(true);
  });

  it('allows the same name in sibling scopes, and after its scope closed', () => {
    const p = body([
      block([letBind('x', u32(1))]),
      ifThen(bool(true), [letBind('x', u32(2))], [letBind('x', f32(3))]),
      loop('i', u32(0), u32(2), [letBind('x', local('i'))]),
      loop('i', u32(0), u32(2), []),
      letBind('x', u32(4)),
    ]);
    expect(validateProgram(p).errors).toEqual([]);
  });

  it('keeps a let of one region invisible in the next', () => {
    const p: Program = {
      workgroupSize: [64, 1, 1],
      buffers: [OUT],
      entry: [
        region('a', [letBind('x', u32(1))]),
        region('b', [store('out', u32(0), local('x'))]),
      ],
    };
    expect(
      validateProgram(p).errors.map((d) => [d.code, d.location.path]),
    ).toEqual([['V066', '/entry/1/body/0/value/name']]);
  });

  it('reports one V112 per statement list, at the first unreachable statement', () => {
    const p = body([
      block([
        ret(),
        store('out', u32(0), u32(1)),
        store('out', u32(1), u32(1)),
      ]),
      ret(),
      ret(),
    ]);
    expect(
      validateProgram(p).errors.map((d) => [d.code, d.location.path]),
    ).toEqual([
      ['V112', '/entry/0/body/0/body/1'],
      ['V112', '/entry/0/body/2'],
    ]);
  });

  it('does not report V036 for buffers sized at dispatch, or for computed indices', () => {
    const rw = { ...readBuffer('rw', 3, 'u32'), access: 'readWrite' as const };
    const p = body(
      [
        store('rw', u32(1_000_000), u32(1)),
        store('out', load('input', gidX()), u32(1)),
      ],
      [IN, OUT, rw],
    );
    expect(validateProgram(p).errors).toEqual([]);
  });

  it('checks the value of an assignment even when the target is undeclared', () => {
    const p = body([assign('x', local('y'))]);
    expect(validateProgram(p).errors.map((d) => d.code)).toEqual([
      'V120',
      'V066',
    ]);
  });
});
