import {
  add,
  atomic,
  atomicCompareExchange,
  bitAnd,
  bitNot,
  cast,
  eq,
  gidX,
  ifThen,
  letBind,
  load,
  local,
  lt,
  mul,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  shl,
  store,
  u32,
  type AtomicOp,
} from '@vyre/ir';
import { expectedCase, iota, words, wordsOf } from './expected-run.ts';
import type { SuiteCase } from './suite-case.ts';

// Atomics under contention: every lane of several workgroups updates the same few words, so the final
// values do not depend on the order the lanes run in, but lost updates or a non-atomic
// read-modify-write show. Values returned by contended atomics depend on the order; where they matter,
// a property of them is checked (tickets form a permutation, exactly one compare-exchange wins).

const SIZE = 64;
const GROUPS = 4;
const N = SIZE * GROUPS;
const lanes = iota(N);
const value = (i: number): number =>
  (Math.imul(i + 1, 0x9e3779b9) ^ (i << 7)) >>> 0;
const values = lanes.map(value);

type Reduction = Exclude<
  AtomicOp,
  'compareExchange' | 'compareExchangeWeak' | 'exchange' | 'fetchNand'
>;

const fold: Record<Reduction, [number, (a: number, b: number) => number]> = {
  add: [0, (a, b) => (a + b) >>> 0],
  or: [0, (a, b) => (a | b) >>> 0],
  and: [0xffffffff, (a, b) => (a & b) >>> 0],
  xor: [0, (a, b) => (a ^ b) >>> 0],
  min: [0xffffffff, (a, b) => Math.min(a, b)],
  max: [0, (a, b) => Math.max(a, b)],
  lruUpdate: [0, (a, b) => Math.max(a, b)],
};

function reduction(op: Reduction): SuiteCase {
  const [start, combine] = fold[op];
  // Word 0 takes every lane's value; word 1 only odd lanes' (half the contention).
  const odd = values.filter((_, i) => i % 2 === 1);
  return expectedCase('atomics', `${op}: ${N} lanes into one word (unsigned)`, {
    program: program({
      workgroupSize: [SIZE, 1, 1],
      buffers: [
        readWriteBuffer('acc', 0, 'u32', { count: 2 }),
        readBuffer('input', 1, 'u32'),
      ],
      entry: [
        letBind('v', load('input', gidX())),
        letBind('ignored', atomic(op, 'acc', u32(0), local('v'))),
        ifThen(eq(bitAnd(gidX(), u32(1)), u32(1)), [
          letBind('ignored2', atomic(op, 'acc', u32(1), local('v'))),
        ]),
      ],
    }),
    inputs: [words([start, start]), words(values)],
    config: { gridOverride: [GROUPS, 1, 1] },
    expected: [
      words([values.reduce(combine, start), odd.reduce(combine, start)]),
    ],
  });
}

/** The atomics family. */
export function atomicCases(): SuiteCase[] {
  const own = lanes.map((i) => (i * 0x01000193 + 0xabc) >>> 0);
  return [
    ...(['add', 'or', 'and', 'xor', 'min', 'max', 'lruUpdate'] as const).map(
      reduction,
    ),
    expectedCase('atomics', 'add returns each lane a distinct ticket', {
      program: program({
        workgroupSize: [SIZE, 1, 1],
        buffers: [
          outputBuffer('counter', 0, 'u32', 1),
          outputBuffer('ticket', 1, 'u32', N),
        ],
        entry: [
          store('ticket', gidX(), atomic('add', 'counter', u32(0), u32(1))),
        ],
      }),
      inputs: [],
      config: { gridOverride: [GROUPS, 1, 1] },
      orderDependent: true,
      check: ([counter, tickets]) => {
        const got = wordsOf(tickets).sort((a, b) => a - b);
        const problems: string[] = [];
        if (wordsOf(counter)[0] !== N) {
          problems.push(
            `counter: expected ${N}, found ${String(wordsOf(counter)[0])}`,
          );
        }
        if (got.some((t, i) => t !== i)) {
          problems.push(
            `tickets: expected a permutation of 0..${N - 1}, found duplicates or gaps`,
          );
        }
        return problems;
      },
    }),
    expectedCase('atomics', 'strong compareExchange: exactly one lane wins', {
      program: program({
        workgroupSize: [SIZE, 1, 1],
        buffers: [
          outputBuffer('slot', 0, 'u32', 1),
          outputBuffer('won', 1, 'u32', N),
        ],
        entry: [
          letBind(
            'old',
            atomicCompareExchange('slot', u32(0), u32(0), add(gidX(), u32(1))),
          ),
          store('won', gidX(), cast('u32', eq(local('old'), u32(0)))),
        ],
      }),
      inputs: [],
      config: { gridOverride: [GROUPS, 1, 1] },
      orderDependent: true,
      check: ([slot, won]) => {
        const winners = wordsOf(won).flatMap((w, i) => (w === 1 ? [i] : []));
        const stored = wordsOf(slot)[0];
        return winners.length === 1 && stored === (winners[0] ?? -1) + 1
          ? []
          : [
              `expected one winner whose id + 1 is stored, found winners [${winners.join(', ')}] and ${String(stored)}`,
            ];
      },
    }),
    expectedCase(
      'atomics',
      'compareExchange that fails returns the current value and writes nothing',
      {
        program: program({
          workgroupSize: [SIZE, 1, 1],
          buffers: [
            readWriteBuffer('cells', 0, 'u32'),
            outputBuffer('old', 1, 'u32', N),
          ],
          entry: [
            // Even lanes expect the right value, odd lanes a wrong one.
            letBind(
              'expected',
              add(load('cells', gidX()), bitAnd(gidX(), u32(1))),
            ),
            store(
              'old',
              gidX(),
              atomicCompareExchange(
                'cells',
                gidX(),
                local('expected'),
                u32(0xc0ffee),
              ),
            ),
          ],
        }),
        inputs: [words(own)],
        config: { gridOverride: [GROUPS, 1, 1] },
        expected: [
          words(own.map((v, i) => (i % 2 === 0 ? 0xc0ffee : v))),
          words(own),
        ],
      },
    ),
    expectedCase('atomics', 'exchange and fetchNand return the old value', {
      program: program({
        workgroupSize: [SIZE, 1, 1],
        buffers: [
          readWriteBuffer('a', 0, 'u32'),
          readWriteBuffer('b', 1, 'u32'),
          outputBuffer('old', 2, 'u32', 2 * N),
        ],
        entry: [
          store(
            'old',
            mul(gidX(), u32(2)),
            atomic('exchange', 'a', gidX(), gidX()),
          ),
          store(
            'old',
            add(mul(gidX(), u32(2)), u32(1)),
            atomic(
              'fetchNand',
              'b',
              gidX(),
              shl(u32(0xf0f0f0f), bitAnd(gidX(), u32(7))),
            ),
          ),
        ],
      }),
      inputs: [words(own), words(values)],
      config: { gridOverride: [GROUPS, 1, 1] },
      expected: [
        words(lanes),
        words(values.map((v, i) => ~(v & (0xf0f0f0f << (i & 7))) >>> 0)),
        words(lanes.flatMap((i) => [own[i] ?? 0, values[i] ?? 0])),
      ],
    }),
    expectedCase(
      'atomics',
      'fetchNand under contention: an even count of identical nands cancels',
      {
        program: program({
          workgroupSize: [SIZE, 1, 1],
          buffers: [readWriteBuffer('x', 0, 'u32', { count: 1 })],
          // ~(x & 0xffffffff) = ~x: N (even) lanes negate the word N times.
          entry: [
            letBind(
              'ignored',
              atomic('fetchNand', 'x', u32(0), bitNot(u32(0))),
            ),
          ],
        }),
        inputs: [words([0x12345678])],
        config: { gridOverride: [GROUPS, 1, 1] },
        expected: [words([0x12345678])],
      },
    ),
    expectedCase('atomics', 'add from every lane into four words', {
      program: program({
        workgroupSize: [SIZE, 1, 1],
        buffers: [outputBuffer('acc', 0, 'u32', 4)],
        entry: [
          ifThen(lt(gidX(), u32(N)), [
            letBind(
              'ignored',
              atomic('add', 'acc', bitAnd(gidX(), u32(3)), gidX()),
            ),
            letBind(
              'ignored2',
              atomic('add', 'acc', bitAnd(add(gidX(), u32(1)), u32(3)), u32(1)),
            ),
          ]),
        ],
      }),
      inputs: [],
      config: { gridOverride: [GROUPS, 1, 1] },
      expected: [
        words(
          iota(4).map(
            (k) =>
              lanes.filter((i) => i % 4 === k).reduce((s, i) => s + i, 0) +
              N / 4,
          ),
        ),
      ],
    }),
  ];
}
