import { describe, expect, it } from 'vitest';
import { isStackError } from '@vyre/foundation';
import {
  add,
  atomic,
  atomicAdd,
  atomicCompareExchange,
  bool,
  bufLen,
  f32,
  gidX,
  i32,
  letBind,
  load,
  local,
  outputBuffer,
  program,
  readBuffer,
  region,
  store,
  sub,
  u32,
  type Expr,
  type Node,
  type Program,
} from '../src/index.ts';
import {
  CANONICAL_ENCODING_VERSION,
  encodeCanonicalProgram,
} from '../src/canonical-bytes.ts';

// The canonical byte encoding, checked against bytes written out by hand from docs/program-json.md.

const u8 = (value: number): number[] => [value];
const le32 = (value: number): number[] => [
  value & 0xff,
  (value >>> 8) & 0xff,
  (value >>> 16) & 0xff,
  (value >>> 24) & 0xff,
];
const le64 = (value: number): number[] => [
  ...le32(value % 2 ** 32),
  ...le32(Math.floor(value / 2 ** 32)),
];
const str = (text: string): number[] => {
  const utf8 = [...Buffer.from(text, 'utf8')];
  return [...le32(utf8.length), ...utf8];
};
const header = (
  workgroupSize: readonly [number, number, number] = [64, 1, 1],
): number[] => [
  ...[0x56, 0x59, 0x52, 0x43], // "VYRC"
  ...le32(1),
  ...le32(workgroupSize[0]),
  ...le32(workgroupSize[1]),
  ...le32(workgroupSize[2]),
];

/** A program holding `let x = expr` in one region `g`, with no buffers. */
function letProgram(expr: Expr): Program {
  return program({ buffers: [], entry: [region('g', [letBind('x', expr)])] });
}
/** The bytes `letProgram` writes before the expression. */
const LET_PREFIX: number[] = [
  ...header(),
  ...u8(0), // no entryOpId
  ...le32(0), // no buffers
  ...le32(1), // one statement
  ...u8(11), // region
  ...str('g'),
  ...u8(0), // no sourceRegion
  ...le32(1),
  ...u8(0), // let
  ...str('x'),
];

function exprBytes(expr: Expr): number[] {
  return [...encodeCanonicalProgram(letProgram(expr))].slice(LET_PREFIX.length);
}

describe('encodeCanonicalProgram', () => {
  it('is at version 1', () => {
    expect(CANONICAL_ENCODING_VERSION).toBe(1);
  });

  it('writes a small program exactly as specified', () => {
    const p = program({
      workgroupSize: [8, 2, 1],
      buffers: [
        readBuffer('b', 1, 'u32'),
        outputBuffer('a', 0, 'f32', 4, {
          outputByteRange: { start: 0, end: 2 ** 32 + 4 },
        }),
      ],
      entry: [store('a', gidX(), add(gidX(), u32(2)))],
      entryOpId: 'op',
    });
    expect([...encodeCanonicalProgram(p)]).toEqual([
      ...header([8, 2, 1]),
      ...u8(1),
      ...str('op'),
      ...le32(2),
      // buffers sorted by name: "a" first
      ...str('a'),
      ...le32(0), // binding
      ...u8(1), // readWrite
      ...u8(0x0b), // f32
      ...le32(4), // count
      ...u8(1), // output
      ...u8(1), // liveOut
      ...u8(1),
      ...le64(0),
      ...le64(2 ** 32 + 4),
      ...str('b'),
      ...le32(1),
      ...u8(0), // readOnly
      ...u8(0x01), // u32
      ...le32(0),
      ...u8(0),
      ...u8(0),
      ...u8(0), // no byte range
      // entry: the root region
      ...le32(1),
      ...u8(11),
      ...str('vyre.program.root'),
      ...u8(0),
      ...le32(1),
      ...u8(2), // store
      ...str('a'),
      ...u8(6), // invocationId
      ...le32(0),
      ...u8(9), // binary
      ...u8(0x01), // add: operands ordered, the literal (tag 0) first
      ...u8(0),
      ...le32(2),
      ...u8(6),
      ...le32(0),
    ]);
  });

  // Whole programs written out byte by byte in hex, independently of the helpers above: each is
  // `let x = <expr>` in the root region of a program with workgroup size (1, 1, 1) and no buffers.
  const ROOT_LET_X = [
    '56 59 52 43', // "VYRC"
    '01 00 00 00', // version 1
    '01 00 00 00  01 00 00 00  01 00 00 00', // workgroup size
    '00', // no entryOpId
    '00 00 00 00', // no buffers
    '01 00 00 00', // one statement:
    '0b  11 00 00 00  76 79 72 65 2e 70 72 6f 67 72 61 6d 2e 72 6f 6f 74', // region "vyre.program.root"
    '00', // no sourceRegion
    '01 00 00 00', // one statement:
    '00  01 00 00 00  78', // let "x"
  ].join(' ');
  it.each<[string, Expr, string]>([
    [
      'add(u32(2), u32(1)), ordered to (1, 2)',
      add(u32(2), u32(1)),
      '09 01  00 01 00 00 00  00 02 00 00 00',
    ],
    [
      'add(load(b, 1), load(b, 0)): two loads, ordered',
      add(load('b', u32(1)), load('b', u32(0))),
      '09 01  04 01 00 00 00 62  00 00 00 00 00  04 01 00 00 00 62  00 01 00 00 00',
    ],
    [
      'add(exchange(c, 0, 7), atomicAdd(c, 0, 1)): atomics keep their order',
      add(
        atomic('exchange', 'c', u32(0), u32(7)),
        atomicAdd('c', u32(0), u32(1)),
      ),
      '09 01' +
        ' 0e 07 04 00  01 00 00 00 63  00 00 00 00 00  00 07 00 00 00' +
        ' 0e 01 04 00  01 00 00 00 63  00 00 00 00 00  00 01 00 00 00',
    ],
  ])('writes the hand-written bytes of %s', (_name, expr, tail) => {
    const p = program({
      workgroupSize: [1, 1, 1],
      buffers: [],
      entry: [letBind('x', expr)],
    });
    expect(Buffer.from(encodeCanonicalProgram(p)).toString('hex')).toBe(
      `${ROOT_LET_X} ${tail}`.replace(/\s+/g, ''),
    );
  });

  it.each<[string, Expr, number[]]>([
    ['u32 literal', u32(0xdeadbeef), [0, ...le32(0xdeadbeef)]],
    ['i32 literal -1', i32(-1), [1, ...le32(0xffffffff)]],
    ['bool literal', bool(true), [2, 1]],
    ['f32 literal 1.5', f32(1.5), [15, ...le32(0x3fc00000)]],
    ['f32 literal 0', f32(0), [15, ...le32(0)]],
    ['f32 literal -0', f32(-0), [15, ...le32(0x80000000)]],
    ['var', local('v'), [3, ...str('v')]],
    [
      'load',
      { kind: 'load', buffer: 'b', index: u32(1) },
      [4, ...str('b'), 0, ...le32(1)],
    ],
    ['bufLen', bufLen('b'), [5, ...str('b')]],
    ['invocationId', { kind: 'invocationId', axis: 2 }, [6, ...le32(2)]],
    ['workgroupId', { kind: 'workgroupId', axis: 1 }, [7, ...le32(1)]],
    ['localId', { kind: 'localId', axis: 0 }, [8, ...le32(0)]],
    [
      'binary (not commutative: kept)',
      sub(bool(true), u32(1)),
      [9, 0x02, 2, 1, 0, ...le32(1)],
    ],
    [
      'unary',
      { kind: 'unary', op: 'sqrt', operand: bool(false) },
      [10, 0x0b, 2, 0],
    ],
    [
      'call',
      { kind: 'call', op: 'f', args: [bool(true), bool(false)] },
      [11, ...str('f'), ...le32(2), 2, 1, 2, 0],
    ],
    [
      'select',
      { kind: 'select', cond: bool(true), ifTrue: u32(1), ifFalse: u32(2) },
      [12, 2, 1, 0, ...le32(1), 0, ...le32(2)],
    ],
    [
      'cast',
      { kind: 'cast', target: 'i16', value: bool(true) },
      [13, 0x11, 2, 1],
    ],
    [
      'atomic without expected',
      {
        kind: 'atomic',
        op: 'max',
        buffer: 'h',
        index: u32(1),
        value: u32(2),
        ordering: 'relaxed',
      },
      [14, 0x06, 0, 0, ...str('h'), 0, ...le32(1), 0, ...le32(2)],
    ],
    [
      'atomic with expected',
      atomicCompareExchange('h', u32(1), u32(2), u32(3)),
      [
        14,
        0x08,
        4,
        1,
        ...str('h'),
        0,
        ...le32(1),
        0,
        ...le32(3),
        0,
        ...le32(2),
      ],
    ],
    [
      'fma',
      { kind: 'fma', a: bool(true), b: bool(false), c: bool(true) },
      [16, 2, 1, 2, 0, 2, 1],
    ],
    [
      'subgroupReduce',
      { kind: 'subgroupReduce', op: 'xor', value: bool(true) },
      [17, 7, 2, 1],
    ],
    [
      'subgroupShuffle',
      { kind: 'subgroupShuffle', value: bool(true), lane: u32(3) },
      [18, 2, 1, 0, ...le32(3)],
    ],
    [
      'subgroupBallot',
      { kind: 'subgroupBallot', cond: bool(true) },
      [19, 2, 1],
    ],
    ['subgroupLocalId', { kind: 'subgroupLocalId' }, [20]],
    ['subgroupSize', { kind: 'subgroupSize' }, [21]],
    ['bufferRef', { kind: 'bufferRef', buffer: 'b' }, [22, ...str('b')]],
  ])("writes a %s with vyre's tag", (_name, expr, expected) => {
    expect(exprBytes(expr)).toEqual(expected);
  });

  it.each<[string, Node, number[]]>([
    [
      'let',
      { kind: 'let', name: 'y', value: bool(true) },
      [0, ...str('y'), 2, 1],
    ],
    [
      'assign',
      { kind: 'assign', name: 'y', value: bool(true) },
      [1, ...str('y'), 2, 1],
    ],
    [
      'store',
      { kind: 'store', buffer: 'b', index: bool(true), value: bool(false) },
      [2, ...str('b'), 2, 1, 2, 0],
    ],
    [
      'if',
      {
        kind: 'if',
        cond: bool(true),
        then: [{ kind: 'return' }],
        otherwise: [],
      },
      [3, 2, 1, ...le32(1), 5, ...le32(0)],
    ],
    [
      'loop',
      { kind: 'loop', var: 'i', from: bool(true), to: bool(false), body: [] },
      [4, ...str('i'), 2, 1, 2, 0, ...le32(0)],
    ],
    ['return', { kind: 'return' }, [5]],
    [
      'block',
      { kind: 'block', body: [{ kind: 'return' }] },
      [6, ...le32(1), 5],
    ],
    ['barrier', { kind: 'barrier', ordering: 'acqRel' }, [7, 3]],
    [
      'indirectDispatch',
      { kind: 'indirectDispatch', countBuffer: 'c', countOffset: 8 },
      [8, ...str('c'), ...le32(8)],
    ],
    [
      'asyncLoad',
      {
        kind: 'asyncLoad',
        source: 's',
        destination: 'd',
        offset: bool(true),
        size: bool(false),
        tag: 't',
      },
      [9, ...str('s'), ...str('d'), ...str('t'), 2, 1, 2, 0],
    ],
    ['asyncWait', { kind: 'asyncWait', tag: 't' }, [10, ...str('t')]],
    [
      'region with sourceRegion',
      { kind: 'region', generator: 'r', sourceRegion: 's', body: [] },
      [11, ...str('r'), 1, ...str('s'), ...le32(0)],
    ],
    [
      'asyncStore',
      {
        kind: 'asyncStore',
        source: 's',
        destination: 'd',
        offset: bool(true),
        size: bool(false),
        tag: 't',
      },
      [12, ...str('s'), ...str('d'), ...str('t'), 2, 1, 2, 0],
    ],
    [
      'trap',
      { kind: 'trap', address: bool(true), tag: 't' },
      [13, ...str('t'), 2, 1],
    ],
    ['resume', { kind: 'resume', tag: 't' }, [14, ...str('t')]],
    ['allReduce', { kind: 'allReduce', buffer: 'b' }, [15, ...str('b')]],
    ['allGather', { kind: 'allGather', buffer: 'b' }, [16, ...str('b')]],
    [
      'reduceScatter',
      { kind: 'reduceScatter', buffer: 'b' },
      [17, ...str('b')],
    ],
    ['broadcast', { kind: 'broadcast', buffer: 'b' }, [18, ...str('b')]],
  ])("writes a %s statement with vyre's tag", (_name, node, expected) => {
    const bytes = [
      ...encodeCanonicalProgram(
        program({ buffers: [], entry: [region('g', [node])] }),
      ),
    ];
    const prefix = LET_PREFIX.length - 1 - str('x').length;
    expect(bytes.slice(prefix)).toEqual(expected);
  });

  it.each([
    ['ASCII', 'out'],
    ['two-byte UTF-8', 'é'],
    ['three-byte UTF-8', '日本'],
    ['four-byte UTF-8 (a surrogate pair)', '😀'],
    ['an empty string', ''],
  ])('writes %s names as UTF-8 with a byte length', (_name, text) => {
    expect(exprBytes(local(text))).toEqual([3, ...str(text)]);
  });

  it.each([
    ['a lone high surrogate', '\ud800', [0xed, 0xa0, 0x80]],
    ['a lone low surrogate', '\udfff', [0xed, 0xbf, 0xbf]],
    [
      'a low surrogate before a high one',
      '\udc00\ud800',
      [0xed, 0xb0, 0x80, 0xed, 0xa0, 0x80],
    ],
  ])('writes %s as its own three bytes, not as U+FFFD', (_name, text, utf8) => {
    expect(exprBytes(local(text))).toEqual([3, ...le32(utf8.length), ...utf8]);
    expect(exprBytes(local(text))).not.toEqual(exprBytes(local('\ufffd')));
  });

  it('returns a fresh array each time', () => {
    const p = letProgram(u32(1));
    const first = encodeCanonicalProgram(p);
    first.fill(0);
    expect(encodeCanonicalProgram(p)).not.toEqual(first);
    expect(encodeCanonicalProgram(p)).toEqual(encodeCanonicalProgram(p));
  });

  it('encodes trees far deeper than the call stack allows', () => {
    let deep: Expr = u32(0);
    for (let i = 0; i < 200_000; i++) {
      deep = { kind: 'unary', op: 'negate', operand: deep };
    }
    const bytes = encodeCanonicalProgram(letProgram(deep));
    expect(bytes.length).toBe(LET_PREFIX.length + 200_000 * 2 + 5);
  });

  it('encodes long chains of commutative operators without quadratic cost', () => {
    let chain: Expr = local('x');
    for (let i = 0; i < 100_000; i++) {
      chain = add(chain, u32(i));
    }
    // A quadratic encoder would run far past the test timeout on 100,000 levels.
    const bytes = encodeCanonicalProgram(letProgram(chain));
    // Every literal operand (tag 0) is ordered before its binary sibling (tag 9).
    expect(bytes[LET_PREFIX.length]).toBe(9);
    expect(bytes[LET_PREFIX.length + 2]).toBe(0);
  });

  it('encodes long chains of operands that keep their order without quadratic cost', () => {
    // Every level has an atomic on one side and memory on the other, so nothing is swapped and the
    // encoder takes its second, effect-aware pass.
    let chain: Expr = atomicAdd('c', u32(0), u32(1));
    for (let i = 0; i < 100_000; i++) {
      chain = add(chain, load('b', u32(i)));
    }
    // A quadratic encoder would run far past the test timeout on 100,000 levels.
    const bytes = encodeCanonicalProgram(letProgram(chain));
    // Each add keeps its chain (a binary, tag 9, which holds the atomic) before the load (tag 4).
    expect(bytes[LET_PREFIX.length]).toBe(9);
    expect(bytes[LET_PREFIX.length + 2]).toBe(9);
    expect(bytes[LET_PREFIX.length + 4]).toBe(9);
  });

  it.each<[string, Program, string]>([
    ['a u32 literal of -1', letProgram(u32(-1)), 'found -1'],
    ['an i32 literal of 2**31', letProgram(i32(2 ** 31)), 'found 2147483648'],
    [
      'an f32 literal of 0.1',
      letProgram({ kind: 'lit', type: 'f32', value: 0.1 }),
      'found 0.1',
    ],
    ['an f32 NaN', letProgram(f32(Number.NaN)), 'found NaN'],
    [
      'an axis of 1.5',
      letProgram({ kind: 'invocationId', axis: 1.5 }),
      'found 1.5',
    ],
    [
      'a workgroup size of 0.5',
      { ...letProgram(u32(0)), workgroupSize: [0.5, 1, 1] },
      'found 0.5',
    ],
    [
      'a binding of 2**32',
      program({ buffers: [readBuffer('a', 2 ** 32, 'u32')], entry: [] }),
      'found 4294967296',
    ],
    [
      'a byte range end of -1',
      program({
        buffers: [
          outputBuffer('a', 0, 'u32', 1, {
            outputByteRange: { start: 0, end: -1 },
          }),
        ],
        entry: [],
      }),
      'found -1',
    ],
  ])('throws IR_JSON_VALUE_OUT_OF_RANGE for %s', (_name, p, found) => {
    let thrown: unknown;
    try {
      encodeCanonicalProgram(p);
    } catch (error) {
      thrown = error;
    }
    expect(isStackError(thrown, 'IR_JSON_VALUE_OUT_OF_RANGE')).toBe(true);
    expect((thrown as Error).message).toMatch(/expected .*found/);
    expect((thrown as Error).message).toContain(found);
  });

  it('throws IR_JSON_UNKNOWN_NAME for an operator name outside the vocabulary', () => {
    const p = letProgram({
      kind: 'binary',
      op: 'plus' as 'add',
      left: u32(1),
      right: u32(2),
    });
    expect(() => encodeCanonicalProgram(p)).toThrow(/unknown binary operator/);
  });

  it('still encodes correctly after an error and after a very large program', () => {
    const p = letProgram(add(gidX(), u32(7)));
    const before = encodeCanonicalProgram(p);
    expect(() => encodeCanonicalProgram(letProgram(u32(-1)))).toThrow();
    const big = letProgram(
      Array.from({ length: 300_000 }, (_, i) => u32(i)).reduce<Expr>(
        (acc, next) => ({ kind: 'binary', op: 'sub', left: acc, right: next }),
        u32(0),
      ),
    );
    expect(encodeCanonicalProgram(big).length).toBeGreaterThan(1 << 20);
    expect(encodeCanonicalProgram(p)).toEqual(before);
  });
});
