import { describe, expect, it } from 'vitest';
import {
  outputBuffer,
  readBuffer,
  uniformBuffer,
  workgroupBuffer,
} from '../src/buffer-decl.ts';
import type { AtomicExpr, Expr } from '../src/expr.ts';
import {
  add,
  and,
  atomic,
  atomicAdd,
  atomicCompareExchange,
  binary,
  bitAnd,
  bool,
  bufferRef,
  bufLen,
  call,
  cast,
  div,
  f32,
  fma,
  gidX,
  i32,
  invocationId,
  load,
  localId,
  lt,
  mod,
  negate,
  not,
  select,
  shl,
  subgroupBallot,
  subgroupLocalId,
  subgroupReduce,
  subgroupShuffle,
  subgroupSize,
  u32,
  unary,
  workgroupId,
} from '../src/expr-builders.ts';
import { letBind } from '../src/node-builders.ts';
import { program, type Program } from '../src/program.ts';
import {
  BASELINE_WGSL_CAPABILITIES,
  type TargetCapabilities,
} from '../src/target-capabilities.ts';
import {
  binaryType,
  castType,
  fmaType,
  literalType,
  selectType,
  unaryType,
  type TypeCheck,
} from '../src/typing-rules.ts';
import { validateProgram } from '../src/validate.ts';
import type { ValidationCode } from '../src/validation-code.ts';

// Expression rules: typing (through typing-rules.ts, whose messages are passed through unchanged),
// variables, buffers and ids, atomics, calls, and subgroup operations. Each expression is the value
// of `let v = …`, at /entry/0/body/0/value.

const AT = '/entry/0/body/0/value';
const BUFFERS = [
  readBuffer('input', 0, 'u32'),
  outputBuffer('out', 1, 'u32', 64),
  uniformBuffer('params', 2, 'u32'),
  workgroupBuffer('scratch', 64, 'u32'),
  outputBuffer('floats', 3, 'f32', 64),
];
const SUBGROUPS: TargetCapabilities = {
  ...BASELINE_WGSL_CAPABILITIES,
  subgroups: true,
};

function letV(value: Expr): Program {
  return program({ buffers: BUFFERS, entry: [letBind('v', value)] });
}

// The message a typing rule gives for a rejection (or a warning).
function ruleMessage(check: TypeCheck): string {
  if (!check.ok) {
    return check.issue.message;
  }
  return check.warning?.message ?? 'no issue';
}

const U64 = cast('u64', u32(1));

interface Case {
  readonly name: string;
  readonly code: ValidationCode;
  readonly bad: Expr;
  /** The path below the let's value. */
  readonly at: string;
  /** A regular expression for our messages; the typing rule's exact message for rule codes. */
  readonly says: RegExp | string;
  readonly good: Expr;
  readonly capabilities?: TargetCapabilities;
  readonly warning?: true;
}

const CASES: readonly Case[] = [
  // Typing rules (typing-rules.ts).
  {
    name: 'a u32 literal of -1',
    code: 'V135',
    bad: u32(-1),
    at: '',
    says: ruleMessage(literalType(u32(-1))),
    good: u32(0),
  },
  {
    name: 'an f32 literal of Infinity',
    code: 'V135',
    bad: { kind: 'lit', type: 'f32', value: Infinity },
    at: '',
    says: ruleMessage(
      literalType({ kind: 'lit', type: 'f32', value: Infinity }),
    ),
    good: f32(3.4028234663852886e38),
  },
  {
    name: 'an i32 literal of 2^31',
    code: 'V135',
    bad: i32(2 ** 31),
    at: '',
    says: ruleMessage(literalType(i32(2 ** 31))),
    good: i32(2 ** 31 - 1),
  },
  {
    name: 'a literal of type u64',
    code: 'V135',
    bad: { kind: 'lit', type: 'u64', value: 1 } as never,
    at: '/type',
    says: /type "u64": expected u32, i32, f32 or bool/,
    good: u32(1),
  },
  {
    name: 'a u32 literal holding a string',
    code: 'V135',
    bad: { kind: 'lit', type: 'u32', value: '1' } as never,
    at: '/value',
    says: /a "u32" literal holds "1": expected a number/,
    good: u32(1),
  },
  {
    name: 'a cast from f32 to u64',
    code: 'V012',
    bad: cast('u64', f32(1)),
    at: '',
    says: ruleMessage(castType('f32', 'u64')),
    good: cast('u32', f32(1)),
  },
  {
    name: 'a cast to an unknown type',
    code: 'V012',
    bad: cast('f64' as never, f32(1)),
    at: '/target',
    says: /a cast targets "f64": expected one of u32, i32/,
    good: cast('f32', f32(1)),
  },
  {
    name: 'a narrowing cast from u32 to u8',
    code: 'V035',
    bad: cast('u8', u32(300)),
    at: '',
    says: ruleMessage(castType('u32', 'u8')),
    good: cast('i32', u32(300)),
    warning: true,
  },
  {
    name: 'fma of u32s',
    code: 'V028',
    bad: fma(u32(1), u32(2), u32(3)),
    at: '',
    says: ruleMessage(fmaType('u32', 'u32', 'u32')),
    good: fma(f32(1), f32(2), f32(3)),
  },
  {
    name: 'select of u32 and i32',
    code: 'V029',
    bad: select(bool(true), u32(1), i32(1)),
    at: '',
    says: ruleMessage(selectType('bool', 'u32', 'i32')),
    good: select(bool(true), u32(1), u32(2)),
  },
  {
    name: 'select with an f32 condition',
    code: 'V123',
    bad: select(f32(1), u32(1), u32(2)),
    at: '',
    says: ruleMessage(selectType('f32', 'u32', 'u32')),
    good: select(u32(1), u32(1), u32(2)),
  },
  {
    name: 'add of u64s',
    code: 'V084',
    bad: add(U64, U64),
    at: '',
    says: ruleMessage(binaryType('add', 'u64', 'u64')),
    good: bitAnd(U64, U64),
  },
  {
    name: 'saturatingAdd of i32s',
    code: 'V085',
    bad: binary('saturatingAdd', i32(1), i32(2)),
    at: '',
    says: ruleMessage(binaryType('saturatingAdd', 'i32', 'i32')),
    good: binary('saturatingAdd', u32(1), u32(2)),
  },
  {
    name: 'absDiff of i32s',
    code: 'V086',
    bad: binary('absDiff', i32(1), i32(2)),
    at: '',
    says: ruleMessage(binaryType('absDiff', 'i32', 'i32')),
    good: binary('absDiff', u32(1), u32(2)),
  },
  {
    name: 'add of bools',
    code: 'V087',
    bad: add(bool(true), bool(false)),
    at: '',
    says: ruleMessage(binaryType('add', 'bool', 'bool')),
    good: add(cast('u32', bool(true)), cast('u32', bool(false))),
  },
  {
    name: 'add of u32 and i32',
    code: 'V088',
    bad: add(u32(1), i32(2)),
    at: '',
    says: ruleMessage(binaryType('add', 'u32', 'i32')),
    good: add(u32(1), u32(2)),
  },
  {
    name: 'mod of f32s',
    code: 'V089',
    bad: mod(f32(1), f32(2)),
    at: '',
    says: ruleMessage(binaryType('mod', 'f32', 'f32')),
    good: mod(i32(1), i32(2)),
  },
  {
    name: 'bitAnd of f32s',
    code: 'V091',
    bad: bitAnd(f32(1), f32(2)),
    at: '',
    says: ruleMessage(binaryType('bitAnd', 'f32', 'f32')),
    good: bitAnd(u32(1), u32(2)),
  },
  {
    name: 'shl by an i32',
    code: 'V094',
    bad: shl(u32(1), i32(2)),
    at: '',
    says: ruleMessage(binaryType('shl', 'u32', 'i32')),
    good: shl(i32(1), u32(2)),
  },
  {
    name: 'and of an i32 and a bool',
    code: 'V095',
    bad: and(i32(1), bool(true)),
    at: '',
    says: ruleMessage(binaryType('and', 'i32', 'bool')),
    good: and(u32(1), bool(true)),
  },
  {
    name: 'lt of bools',
    code: 'V096',
    bad: lt(bool(true), bool(false)),
    at: '',
    says: ruleMessage(binaryType('lt', 'bool', 'bool')),
    good: lt(f32(1), f32(2)),
  },
  {
    name: 'negate of an i32',
    code: 'V098',
    bad: negate(i32(1)),
    at: '',
    says: ruleMessage(unaryType('negate', 'i32')),
    good: negate(u32(1)),
  },
  {
    name: 'logicalNot of an f32',
    code: 'V100',
    bad: not(f32(1)),
    at: '',
    says: ruleMessage(unaryType('logicalNot', 'f32')),
    good: not(u32(1)),
  },
  {
    name: 'popcount of an f32',
    code: 'V101',
    bad: unary('popcount', f32(1)),
    at: '',
    says: ruleMessage(unaryType('popcount', 'f32')),
    good: unary('popcount', i32(1)),
  },
  {
    name: 'sqrt of a u32',
    code: 'V102',
    bad: unary('sqrt', u32(4)),
    at: '',
    says: ruleMessage(unaryType('sqrt', 'u32')),
    good: unary('sqrt', f32(4)),
  },
  {
    name: 'unpack4Low of an f32',
    code: 'V103',
    bad: unary('unpack4Low', f32(1)),
    at: '',
    says: ruleMessage(unaryType('unpack4Low', 'f32')),
    good: unary('unpack4Low', u32(0x1234)),
  },
  {
    name: 'an unknown unary operator',
    code: 'V104',
    bad: unary('cbrt' as never, f32(1)),
    at: '/op',
    says: ruleMessage(unaryType('cbrt' as never, 'f32')),
    good: unary('sqrt', f32(1)),
  },
  {
    name: 'an unknown binary operator',
    code: 'V137',
    bad: binary('pow' as never, f32(1), f32(2)),
    at: '/op',
    says: ruleMessage(binaryType('pow' as never, 'f32', 'f32')),
    good: binary('mul', f32(1), f32(2)),
  },
  {
    name: 'a division by a literal zero',
    code: 'V044',
    bad: div(gidX(), u32(0)),
    at: '/right',
    says: /div has the constant divisor 0 \(u32\): expected a divisor that can be nonzero, found a literal zero/,
    good: div(gidX(), u32(1)),
    warning: true,
  },
  {
    name: 'an i32 remainder by a literal zero',
    code: 'V044',
    bad: mod(i32(7), i32(0)),
    at: '/right',
    says: /mod has the constant divisor 0 \(i32\): expected/,
    good: mod(i32(7), i32(-1)),
    warning: true,
  },
  // Variables, buffers and ids.
  {
    name: 'a load from an undeclared buffer',
    code: 'V065',
    bad: load('nope', u32(0)),
    at: '/buffer',
    says: /a load names buffer "nope": expected a declared buffer, found no buffer of that name/,
    good: load('input', u32(0)),
  },
  {
    name: 'a load index that is an i32',
    code: 'V131',
    bad: load('input', i32(0)),
    at: '/index',
    says: /a load index is i32: expected u32, found i32/,
    good: load('input', u32(0)),
  },
  {
    name: 'bufLen of an undeclared buffer',
    code: 'V067',
    bad: bufLen('nope'),
    at: '/buffer',
    says: /bufLen names buffer "nope": expected a declared buffer, found no buffer of that name/,
    good: bufLen('input'),
  },
  {
    name: 'invocationId axis 3',
    code: 'V068',
    bad: invocationId(3),
    at: '/axis',
    says: /invocationId has axis 3: expected 0 \(x\), 1 \(y\) or 2 \(z\)/,
    good: invocationId(2),
  },
  {
    name: 'workgroupId axis -1',
    code: 'V068',
    bad: workgroupId(-1),
    at: '/axis',
    says: /workgroupId has axis -1: expected 0/,
    good: workgroupId(0),
  },
  {
    name: 'localId axis 1.5',
    code: 'V068',
    bad: localId(1.5),
    at: '/axis',
    says: /localId has axis 1\.5: expected 0/,
    good: localId(1),
  },
  {
    name: 'a bufferRef used as a value',
    code: 'V051',
    bad: bufferRef('input'),
    at: '',
    says: /bufferRef "input" is used as a value: expected it only as a call argument, found it here/,
    good: bufLen('input'),
  },
  {
    name: 'a call (no registry exists)',
    code: 'V016',
    bad: call('vyre.math.square', [u32(3)]),
    at: '',
    says: /a call to "vyre\.math\.square": expected a registered operation, found none/,
    good: binary('mul', u32(3), u32(3)),
  },
  {
    name: 'an unknown expression kind',
    code: 'V056',
    bad: { kind: 'ternary' } as never,
    at: '/kind',
    says: /unknown expression kind "ternary": expected one of lit, var, load/,
    good: u32(1),
  },
  // Atomics.
  {
    name: 'an atomic on an undeclared buffer',
    code: 'V061',
    bad: atomicAdd('nope', u32(0), u32(1)),
    at: '/buffer',
    says: /an atomic names buffer "nope": expected a declared buffer, found no buffer of that name/,
    good: atomicAdd('out', u32(0), u32(1)),
  },
  {
    name: 'an atomic on a read-only buffer',
    code: 'V009',
    bad: atomicAdd('input', u32(0), u32(1)),
    at: '/buffer',
    says: /updates buffer "input": expected a readWrite or writeOnly buffer, found a readOnly one/,
    good: atomicAdd('out', u32(0), u32(1)),
  },
  {
    name: 'an atomic on a uniform buffer',
    code: 'V009',
    bad: atomicAdd('params', u32(0), u32(1)),
    at: '/buffer',
    says: /updates buffer "params": expected a readWrite or writeOnly buffer, found a uniform one/,
    good: atomicAdd('out', u32(0), u32(1)),
  },
  {
    name: 'an atomic on a workgroup buffer',
    code: 'V025',
    bad: atomicAdd('scratch', u32(0), u32(1)),
    at: '/buffer',
    says: /updates buffer "scratch": expected a storage buffer, found a workgroup buffer/,
    good: atomicAdd('out', u32(0), u32(1)),
  },
  {
    name: 'an atomic on an f32 buffer',
    code: 'V014',
    bad: atomicAdd('floats', u32(0), u32(1)),
    at: '/buffer',
    says: /updates buffer "floats": expected u32 elements, found "f32"/,
    good: atomicAdd('out', u32(0), u32(1)),
  },
  {
    name: 'an atomic index that is an i32',
    code: 'V027',
    bad: atomicAdd('out', i32(0), u32(1)),
    at: '/index',
    says: /an atomic index is i32: expected u32, found i32/,
    good: atomicAdd('out', u32(0), u32(1)),
  },
  {
    name: 'an atomic value that is an f32',
    code: 'V057',
    bad: atomicAdd('out', u32(0), f32(1)),
    at: '/value',
    says: /an atomic value is f32: expected u32, found f32/,
    good: atomicAdd('out', u32(0), u32(1)),
  },
  {
    name: 'a compareExchange without expected',
    code: 'V059',
    bad: {
      kind: 'atomic',
      op: 'compareExchange',
      buffer: 'out',
      index: u32(0),
      value: u32(1),
      ordering: 'seqCst',
    } satisfies AtomicExpr,
    at: '',
    says: /compareExchange has no expected value: expected an expected operand \(a u32\), found none/,
    good: atomicCompareExchange('out', u32(0), u32(0), u32(1)),
  },
  {
    name: 'an atomic add with expected',
    code: 'V060',
    bad: { ...atomicAdd('out', u32(0), u32(1)), expected: u32(0) },
    at: '/expected',
    says: /atomic "add" has an expected value: expected one only on compareExchange, found one here/,
    good: atomicAdd('out', u32(0), u32(1)),
  },
  {
    name: 'a compareExchange expected that is an i32',
    code: 'V058',
    bad: atomicCompareExchange('out', u32(0), i32(0), u32(1)),
    at: '/expected',
    says: /an atomic expected is i32: expected u32, found i32/,
    good: atomicCompareExchange('out', u32(0), u32(0), u32(1)),
  },
  {
    name: 'an atomic with gridSync ordering',
    code: 'V042',
    bad: atomic('add', 'out', u32(0), u32(1), 'gridSync'),
    at: '/ordering',
    says: /ordering gridSync: expected relaxed, acquire, release, acqRel or seqCst, found gridSync/,
    good: atomic('add', 'out', u32(0), u32(1), 'relaxed'),
  },
  {
    name: 'compareExchangeWeak (not lowered)',
    code: 'V056',
    bad: {
      ...atomicCompareExchange('out', u32(0), u32(0), u32(1)),
      op: 'compareExchangeWeak',
    },
    at: '/op',
    says: /compareExchangeWeak may fail spuriously and is not lowered: expected compareExchange \(strong\), found compareExchangeWeak/,
    good: atomicCompareExchange('out', u32(0), u32(0), u32(1)),
  },
  {
    name: 'an unknown atomic operator',
    code: 'V056',
    bad: atomic('nand' as never, 'out', u32(0), u32(1)),
    at: '/op',
    says: /unknown atomic operator "nand": expected one of add, or, and/,
    good: atomic('fetchNand', 'out', u32(0), u32(1)),
  },
  // Subgroups.
  {
    name: 'subgroupSize on a target without subgroups',
    code: 'V041',
    bad: subgroupSize(),
    at: '',
    says: /subgroupSize is a subgroup operation: expected a target with the subgroups capability, found one without it/,
    good: bufLen('input'),
  },
  {
    name: 'a bitwise subgroup reduction of an f32',
    code: 'V047',
    bad: subgroupReduce('xor', f32(1)),
    at: '/value',
    says: /subgroupReduce "xor" reduces an f32 bitwise: expected u32 or i32, found f32/,
    good: subgroupReduce('add', f32(1)),
    capabilities: SUBGROUPS,
  },
  {
    name: 'a subgroup shuffle of a bool',
    code: 'V087',
    bad: subgroupShuffle(bool(true), u32(0)),
    at: '/value',
    says: /subgroupShuffle takes a bool: expected u32, i32 or f32, found bool/,
    good: subgroupShuffle(u32(1), u32(0)),
    capabilities: SUBGROUPS,
  },
  {
    name: 'a subgroup reduction of a u64',
    code: 'V084',
    bad: subgroupReduce('max', U64),
    at: '/value',
    says: /subgroupReduce "max" takes a u64: expected u32, i32 or f32, found u64/,
    good: subgroupReduce('max', u32(1)),
    capabilities: SUBGROUPS,
  },
  {
    name: 'a subgroup shuffle lane that is an i32',
    code: 'V088',
    bad: subgroupShuffle(u32(1), i32(0)),
    at: '/lane',
    says: /a subgroupShuffle lane is i32: expected u32, found i32/,
    good: subgroupShuffle(u32(1), subgroupLocalId()),
    capabilities: SUBGROUPS,
  },
  {
    name: 'a subgroup ballot of an f32',
    code: 'V123',
    bad: subgroupBallot(f32(1)),
    at: '/cond',
    says: /a subgroupBallot condition is f32: expected bool or u32, found f32/,
    good: subgroupBallot(lt(subgroupLocalId(), u32(4))),
    capabilities: SUBGROUPS,
  },
  {
    name: 'an unknown subgroup reduction',
    code: 'V056',
    bad: subgroupReduce('avg' as never, u32(1)),
    at: '/op',
    says: /unknown subgroup reduction "avg": expected one of add, mul, min, max, and, or, xor/,
    good: subgroupReduce('min', u32(1)),
    capabilities: SUBGROUPS,
  },
];

describe('validateProgram: expression rules', () => {
  it.each(CASES)('$code: $name is reported at the value$at', (c) => {
    const report = validateProgram(letV(c.bad), {
      capabilities: c.capabilities ?? BASELINE_WGSL_CAPABILITIES,
    });
    const all = [...report.errors, ...report.warnings];
    const found = all.filter((d) => d.code === c.code);
    expect(found.map((d) => d.location.path)).toEqual([`${AT}${c.at}`]);
    const diagnostic = found[0];
    expect(diagnostic?.severity).toBe(c.warning === true ? 'warning' : 'error');
    if (typeof c.says === 'string') {
      expect(diagnostic?.message).toBe(c.says);
    } else {
      expect(diagnostic?.message).toMatch(c.says);
    }
    expect(report.ok).toBe(
      c.warning === true ? report.errors.length === 0 : false,
    );
  });

  it.each(CASES)(
    '$code boundary: the nearest valid program to $name is clean',
    (c) => {
      const report = validateProgram(letV(c.good), {
        capabilities: c.capabilities ?? BASELINE_WGSL_CAPABILITIES,
      });
      expect([...report.errors, ...report.warnings]).toEqual([]);
    },
  );

  it('does not report a bufferRef that is a call argument (only the call)', () => {
    const report = validateProgram(
      letV(call('vyre.sum', [bufferRef('input'), u32(1)])),
    );
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual([
      ['V016', AT],
    ]);
  });

  it('reports every subgroup expression without the capability, and none with it', () => {
    const value = add(
      add(subgroupShuffle(u32(1), subgroupLocalId()), subgroupSize()),
      add(subgroupReduce('add', u32(1)), subgroupBallot(bool(true))),
    );
    const without = validateProgram(letV(value));
    expect(without.errors.map((d) => d.location.path)).toEqual([
      `${AT}/left/left`,
      `${AT}/left/left/lane`,
      `${AT}/left/right`,
      `${AT}/right/left`,
      `${AT}/right/right`,
    ]);
    expect(without.errors.every((d) => d.code === 'V041')).toBe(true);
    expect(validateProgram(letV(value), { capabilities: SUBGROUPS }).ok).toBe(
      true,
    );
  });

  it('reports the operands of a compare-exchange in evaluation order: index, expected, value', () => {
    const report = validateProgram(
      letV(atomicCompareExchange('out', i32(0), f32(0), i32(1))),
    );
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual([
      ['V027', `${AT}/index`],
      ['V058', `${AT}/expected`],
      ['V057', `${AT}/value`],
    ]);
  });

  it('types loads by the buffer element (u8 loads are u32, i16 loads are i32)', () => {
    const p = program({
      buffers: [
        readBuffer('b', 0, 'u8'),
        readBuffer('h', 1, 'i16'),
        outputBuffer('o', 2, 'i32', 4),
      ],
      entry: [
        letBind('x', add(load('b', u32(0)), u32(1))),
        letBind('y', add(load('h', u32(0)), i32(1))),
      ],
    });
    expect(validateProgram(p).ok).toBe(true);
  });
});
