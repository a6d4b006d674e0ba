import {
  add,
  assign,
  bitNot,
  block,
  bool,
  bufLen,
  cast,
  eq,
  f32,
  fma,
  gidX,
  i32,
  ifThen,
  invocationId,
  letBind,
  load,
  local,
  localId,
  loop,
  lt,
  mod,
  mul,
  not,
  outputBuffer,
  program,
  readBuffer,
  region,
  ret,
  select,
  shl,
  store,
  sub,
  u32,
  workgroupId,
  type DataType,
} from '@vyre/ir';
import {
  expectedCase,
  f32Words,
  iota,
  words,
  ONE_INVOCATION,
} from './expected-run.ts';
import type { SuiteCase } from './suite-case.ts';

// Every statement kind (let, assign, store, if, loop, block, region, return, barrier is in the
// workgroup-memory family) and every expression kind (literals, var, load, bufLen, the three id
// builtins, binary, unary, select, cast, fma; atomics and subgroup operations have their own
// families), each in a small program whose outputs are computed here in plain JavaScript.

const LANES = 64;
const lanes = iota(LANES);
const out = (count = LANES, element: DataType = 'u32') =>
  outputBuffer('out', 1, element, count);
const oneInput = (element: DataType = 'u32') => readBuffer('input', 0, element);

function narrowLoad(element: 'u8' | 'i8' | 'u16' | 'i16'): SuiteCase {
  const bits = element.endsWith('8') ? 8 : 16;
  const signed = element.startsWith('i');
  const count = 24;
  const bytes = new Uint8Array((count * bits) / 8);
  bytes.forEach((_, i) => {
    bytes[i] = (i * 37 + 0x71) & 0xff;
  });
  const view = new DataView(bytes.buffer);
  const value = (i: number): number => {
    const raw = bits === 8 ? view.getUint8(i) : view.getUint16(i * 2, true);
    return signed && raw >= 1 << (bits - 1) ? raw - (1 << bits) : raw;
  };
  return expectedCase(
    'node-kinds',
    `load of ${element} elements (packed, ${signed ? 'sign' : 'zero'}-extended)`,
    {
      program: program({
        workgroupSize: [LANES, 1, 1],
        buffers: [oneInput(element), out(count, signed ? 'i32' : 'u32')],
        entry: [
          ifThen(lt(gidX(), u32(count)), [
            store('out', gidX(), load('input', gidX())),
          ]),
        ],
      }),
      inputs: [bytes],
      expected: [words(iota(count).map(value))],
    },
  );
}

function narrowStore(element: 'u8' | 'i8' | 'u16' | 'i16'): SuiteCase {
  // Each lane writes every element of its own word, so no two lanes share a word.
  const perWord = element.endsWith('8') ? 4 : 2;
  const words32 = 16;
  const count = words32 * perWord;
  const expected = new Uint8Array(words32 * 4);
  const view = new DataView(expected.buffer);
  for (let i = 0; i < count; i++) {
    const v = i * 0x9d + 0x1f3; // wraps to the element width, as a narrow store does
    if (perWord === 4) {
      view.setUint8(i, v & 0xff);
    } else {
      view.setUint16(i * 2, v & 0xffff, true);
    }
  }
  const valueOf = element.startsWith('i') ? i32 : u32;
  return expectedCase(
    'node-kinds',
    `store of ${element} elements (each lane its own word)`,
    {
      program: program({
        workgroupSize: [LANES, 1, 1],
        buffers: [outputBuffer('out', 0, element, count)],
        entry: [
          ifThen(lt(gidX(), u32(words32)), [
            loop('k', u32(0), u32(perWord), [
              letBind('i', add(mul(gidX(), u32(perWord)), local('k'))),
              store(
                'out',
                local('i'),
                cast(
                  element,
                  add(
                    mul(
                      cast(element.startsWith('i') ? 'i32' : 'u32', local('i')),
                      valueOf(0x9d),
                    ),
                    valueOf(0x1f3),
                  ),
                ),
              ),
            ]),
          ]),
        ],
      }),
      inputs: [],
      expected: [expected],
    },
  );
}

/** The node-kinds family. */
export function nodeKindCases(): SuiteCase[] {
  return [
    expectedCase('node-kinds', 'literals of every scalar type', {
      program: program({
        workgroupSize: [1, 1, 1],
        buffers: [
          outputBuffer('u', 0, 'u32', 2),
          outputBuffer('s', 1, 'i32', 2),
          outputBuffer('f', 2, 'f32', 2),
          outputBuffer('b', 3, 'bool', 2),
        ],
        entry: [
          store('u', u32(0), u32(0xffffffff)),
          store('u', u32(1), u32(0x80000000)),
          store('s', u32(0), i32(-2147483648)),
          store('s', u32(1), i32(-7)),
          store('f', u32(0), f32(-0.375)),
          store('f', u32(1), f32(3.4028234663852886e38)),
          store('b', u32(0), bool(true)),
          store('b', u32(1), bool(false)),
        ],
      }),
      inputs: [],
      config: ONE_INVOCATION,
      expected: [
        words([0xffffffff, 0x80000000]),
        words([0x80000000, -7]),
        f32Words([-0.375, 3.4028234663852886e38]),
        words([1, 0]),
      ],
    }),
    expectedCase('node-kinds', 'let binds a value and var reads it', {
      program: program({
        workgroupSize: [LANES, 1, 1],
        buffers: [out()],
        entry: [
          letBind('x', mul(gidX(), u32(3))),
          letBind('y', add(local('x'), u32(1))),
          store('out', gidX(), local('y')),
        ],
      }),
      inputs: [],
      expected: [words(lanes.map((i) => 3 * i + 1))],
    }),
    expectedCase(
      'node-kinds',
      'assign from inner scopes updates the outer binding',
      {
        program: program({
          workgroupSize: [LANES, 1, 1],
          buffers: [out()],
          entry: [
            letBind('acc', gidX()),
            ifThen(eq(mod(gidX(), u32(2)), u32(0)), [
              assign('acc', add(local('acc'), u32(100))),
            ]),
            loop('k', u32(0), u32(3), [
              block([assign('acc', mul(local('acc'), u32(2)))]),
            ]),
            store('out', gidX(), local('acc')),
          ],
        }),
        inputs: [],
        expected: [words(lanes.map((i) => (i % 2 === 0 ? i + 100 : i) * 8))],
      },
    ),
    expectedCase('node-kinds', 'sibling scopes may reuse a name', {
      program: program({
        workgroupSize: [LANES, 1, 1],
        buffers: [out()],
        entry: [
          letBind('sum', u32(0)),
          block([
            letBind('t', gidX()),
            assign('sum', add(local('sum'), local('t'))),
          ]),
          block([
            letBind('t', u32(1000)),
            assign('sum', add(local('sum'), local('t'))),
          ]),
          store('out', gidX(), local('sum')),
        ],
      }),
      inputs: [],
      expected: [words(lanes.map((i) => i + 1000))],
    }),
    expectedCase(
      'node-kinds',
      'if with else, on a bool and on a u32 condition',
      {
        program: program({
          workgroupSize: [LANES, 1, 1],
          buffers: [out()],
          entry: [
            letBind('r', u32(0)),
            ifThen(
              lt(gidX(), u32(20)),
              [assign('r', u32(1))],
              [
                ifThen(
                  mod(gidX(), u32(3)),
                  [assign('r', u32(2))],
                  [assign('r', u32(3))],
                ),
              ],
            ),
            store('out', gidX(), local('r')),
          ],
        }),
        inputs: [],
        expected: [words(lanes.map((i) => (i < 20 ? 1 : i % 3 !== 0 ? 2 : 3)))],
      },
    ),
    expectedCase('node-kinds', 'loop runs [from, to) and reads its variable', {
      program: program({
        workgroupSize: [LANES, 1, 1],
        buffers: [out()],
        entry: [
          letBind('sum', u32(0)),
          loop('k', u32(0), gidX(), [
            assign('sum', add(local('sum'), local('k'))),
          ]),
          store('out', gidX(), local('sum')),
        ],
      }),
      inputs: [],
      expected: [words(lanes.map((i) => (i * (i - 1)) / 2))],
    }),
    expectedCase(
      'node-kinds',
      'loop bounds: from past to runs nothing; to = 0xFFFFFFFF does not wrap',
      {
        program: program({
          workgroupSize: [1, 1, 1],
          buffers: [outputBuffer('out', 0, 'u32', 2)],
          entry: [
            letBind('a', u32(0)),
            loop('k', u32(10), u32(3), [assign('a', add(local('a'), u32(1)))]),
            letBind('b', u32(0)),
            loop('j', u32(0xfffffffd), u32(0xffffffff), [
              assign('b', add(local('b'), local('j'))),
            ]),
            store('out', u32(0), local('a')),
            store('out', u32(1), local('b')),
          ],
        }),
        inputs: [],
        config: ONE_INVOCATION,
        expected: [words([0, (0xfffffffd + 0xfffffffe) >>> 0])],
      },
    ),
    expectedCase(
      'node-kinds',
      'nested loops with bounds from outer variables',
      {
        program: program({
          workgroupSize: [LANES, 1, 1],
          buffers: [out()],
          entry: [
            letBind('count', u32(0)),
            loop('a', u32(0), mod(gidX(), u32(7)), [
              loop('b', local('a'), u32(6), [
                assign('count', add(local('count'), u32(1))),
              ]),
            ]),
            store('out', gidX(), local('count')),
          ],
        }),
        inputs: [],
        expected: [
          words(
            lanes.map((i) =>
              iota(i % 7).reduce((n, a) => n + Math.max(0, 6 - a), 0),
            ),
          ),
        ],
      },
    ),
    expectedCase(
      'node-kinds',
      'region and block are scopes that run their bodies',
      {
        program: program({
          workgroupSize: [LANES, 1, 1],
          buffers: [out()],
          entry: [
            region('conformance.outer', [
              letBind('v', add(gidX(), u32(5))),
              block([
                region('conformance.inner', [
                  store('out', gidX(), mul(local('v'), local('v'))),
                ]),
              ]),
            ]),
          ],
        }),
        inputs: [],
        expected: [words(lanes.map((i) => (i + 5) * (i + 5)))],
      },
    ),
    expectedCase(
      'node-kinds',
      'return ends the lanes that take it, and only those',
      {
        program: program({
          workgroupSize: [LANES, 1, 1],
          buffers: [out()],
          entry: [
            store('out', gidX(), u32(1)),
            ifThen(lt(u32(40), gidX()), [ret()]),
            loop('k', u32(0), u32(10), [
              ifThen(eq(local('k'), mod(gidX(), u32(10))), [ret()]),
              store('out', gidX(), add(load('out', gidX()), u32(1))),
            ]),
          ],
        }),
        inputs: [],
        expected: [words(lanes.map((i) => (i > 40 ? 1 : 1 + (i % 10))))],
      },
    ),
    expectedCase(
      'node-kinds',
      'invocationId, workgroupId and localId on three axes',
      {
        program: program({
          workgroupSize: [4, 2, 2],
          buffers: [outputBuffer('out', 0, 'u32', 8 * 4 * 4 * 9)],
          entry: [
            letBind(
              'flat',
              add(
                invocationId(0),
                mul(u32(8), add(invocationId(1), mul(u32(4), invocationId(2)))),
              ),
            ),
            letBind('base', mul(local('flat'), u32(9))),
            ...[invocationId, workgroupId, localId].flatMap((id, k) =>
              [0, 1, 2].map((axis) =>
                store('out', add(local('base'), u32(k * 3 + axis)), id(axis)),
              ),
            ),
          ],
        }),
        inputs: [],
        config: { gridOverride: [2, 2, 2] },
        expected: [
          words(
            iota(128).flatMap((flat) => {
              const g = [
                flat % 8,
                Math.floor(flat / 8) % 4,
                Math.floor(flat / 32),
              ];
              const size = [4, 2, 2];
              return [
                ...g,
                ...g.map((v, a) => Math.floor(v / (size[a] ?? 1))),
                ...g.map((v, a) => v % (size[a] ?? 1)),
              ];
            }),
          ),
        ],
      },
    ),
    expectedCase(
      'node-kinds',
      'bufLen of runtime-sized, static and 8-bit buffers',
      {
        program: program({
          workgroupSize: [1, 1, 1],
          buffers: [
            readBuffer('a', 0, 'u32'),
            readBuffer('b', 1, 'u32', { count: 3 }),
            readBuffer('c', 2, 'u8'),
            outputBuffer('out', 3, 'u32', 3),
          ],
          entry: [
            store('out', u32(0), bufLen('a')),
            store('out', u32(1), bufLen('b')),
            store('out', u32(2), bufLen('c')),
          ],
        }),
        inputs: [words(iota(7)), words(iota(5)), new Uint8Array(12)],
        config: ONE_INVOCATION,
        expected: [words([7, 3, 12])],
      },
    ),
    expectedCase('node-kinds', 'binary and unary operators compose', {
      program: program({
        workgroupSize: [LANES, 1, 1],
        buffers: [oneInput(), out()],
        entry: [
          letBind('x', load('input', gidX())),
          store(
            'out',
            gidX(),
            bitNot(
              sub(
                shl(local('x'), u32(3)),
                cast('u32', sub(i32(0), cast('i32', local('x')))),
              ),
            ),
          ),
        ],
      }),
      inputs: [words(lanes.map((i) => i * 0x01010101))],
      expected: [
        words(
          lanes.map((i) => ~(((i * 0x01010101) << 3) + i * 0x01010101) >>> 0),
        ),
      ],
    }),
    expectedCase('node-kinds', 'select evaluates to one of its arms', {
      program: program({
        workgroupSize: [LANES, 1, 1],
        buffers: [out()],
        entry: [
          store(
            'out',
            gidX(),
            select(not(eq(mod(gidX(), u32(4)), u32(0))), gidX(), u32(0xdead)),
          ),
        ],
      }),
      inputs: [],
      expected: [words(lanes.map((i) => (i % 4 !== 0 ? i : 0xdead)))],
    }),
    expectedCase('node-kinds', 'cast between u32, i32, f32 and bool', {
      program: program({
        workgroupSize: [1, 1, 1],
        buffers: [
          outputBuffer('out', 0, 'u32', 5),
          outputBuffer('f', 1, 'f32', 1),
        ],
        entry: [
          store('out', u32(0), cast('u32', i32(-1))),
          store('out', u32(1), cast('u32', f32(3.75))),
          store('out', u32(2), cast('u32', cast('i32', f32(-2.5)))),
          store('out', u32(3), cast('u32', bool(true))),
          store('out', u32(4), cast('u32', cast('bool', u32(7)))),
          store('f', u32(0), cast('f32', u32(16777217))),
        ],
      }),
      inputs: [],
      config: ONE_INVOCATION,
      expected: [words([0xffffffff, 3, -2, 1, 1]), f32Words([16777216])],
    }),
    expectedCase('node-kinds', 'fma of exactly representable values', {
      program: program({
        workgroupSize: [LANES, 1, 1],
        buffers: [oneInput('f32'), out(LANES, 'f32')],
        entry: [
          letBind('x', load('input', gidX())),
          store('out', gidX(), fma(local('x'), f32(0.5), f32(-3))),
        ],
      }),
      inputs: [f32Words(lanes.map((i) => i - 20))],
      expected: [f32Words(lanes.map((i) => (i - 20) * 0.5 - 3))],
    }),
    ...(['u8', 'i8', 'u16', 'i16'] as const).map(narrowLoad),
    ...(['u8', 'i8', 'u16', 'i16'] as const).map(narrowStore),
    expectedCase(
      'node-kinds',
      'bool elements: stored as 0 or 1, loads test nonzero',
      {
        program: program({
          workgroupSize: [8, 1, 1],
          buffers: [
            readBuffer('input', 0, 'bool'),
            outputBuffer('out', 1, 'bool', 8),
          ],
          entry: [store('out', gidX(), not(load('input', gidX())))],
        }),
        inputs: [words([0, 1, 2, 0x80000000, 0, 0xffffffff, 0, 7])],
        expected: [words([1, 0, 0, 0, 1, 0, 1, 0])],
      },
    ),
  ];
}
