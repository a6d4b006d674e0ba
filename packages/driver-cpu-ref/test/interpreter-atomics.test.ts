import { describe, expect, it } from 'vitest';
import {
  atomic,
  atomicAdd,
  atomicCompareExchange,
  AtomicOp,
  gidX,
  letBind,
  load,
  local,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  store,
  u32,
  type AtomicOp as AtomicOpName,
  type Expr,
} from '@vyre/ir';
import { CpuRefBackend, type CpuRefCompiler } from '../src/index.ts';
import { randomU32s, U32_WITNESSES } from './pinned-witnesses.ts';

// Atomics run through whole programs, with both compilers: each lane updates its own element (the
// stored value against a BigInt model of docs/semantics.md, written here independently of the
// interpreter), returns the old value, and many lanes updating one element are sequentially consistent.

const u32n = (x: bigint): bigint => BigInt.asUintN(32, x);
const MODELS: Readonly<
  Record<
    Exclude<AtomicOpName, 'compareExchangeWeak'>,
    (old: bigint, value: bigint, expected: bigint) => bigint
  >
> = {
  add: (o, v) => u32n(o + v),
  or: (o, v) => o | v,
  and: (o, v) => o & v,
  xor: (o, v) => o ^ v,
  min: (o, v) => (o < v ? o : v),
  max: (o, v) => (o > v ? o : v),
  exchange: (_o, v) => v,
  compareExchange: (o, v, e) => (o === e ? v : o),
  fetchNand: (o, v) => u32n(~(o & v)),
  lruUpdate: (o, v) => (o > v ? o : v),
};

const OPS = (Object.keys(AtomicOp) as AtomicOpName[]).filter(
  (op): op is keyof typeof MODELS => op !== 'compareExchangeWeak',
);

const words = (values: readonly number[]): Uint8Array =>
  new Uint8Array(new Uint32Array(values).buffer);
const asWords = (bytes: Uint8Array | undefined): number[] =>
  bytes === undefined
    ? []
    : Array.from(
        new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4),
      );

// Every (old, value) pair of the witnesses plus seeded random values; `expected` equals `old` every
// other element and is arbitrary otherwise.
const pool = [...U32_WITNESSES, ...randomU32s(0x5eed, 8)];
const olds = pool.flatMap((x) => pool.map(() => x));
const values = pool.flatMap(() => pool);
const expecteds = olds.map((old, i) =>
  i % 2 === 0 ? old : (randomU32s(i, 1)[0] ?? 0),
);

describe.each<CpuRefCompiler>(['closures', 'generated'])(
  'atomics in programs (%s)',
  (compiler) => {
    const backend = new CpuRefBackend({ compiler });

    it('covers every atomic operator the validator accepts', () => {
      expect(OPS).toHaveLength(10);
    });

    it.each(OPS)(
      '%s stores the pinned update and yields the old value',
      async (op) => {
        const at = gidX();
        const update: Expr =
          op === 'compareExchange'
            ? atomicCompareExchange(
                'target',
                at,
                load('expected', at),
                load('value', at),
              )
            : atomic(op, 'target', at, load('value', at));
        const p = program({
          workgroupSize: [64, 1, 1],
          buffers: [
            readWriteBuffer('target', 0, 'u32', { count: olds.length }),
            readBuffer('value', 1, 'u32'),
            readBuffer('expected', 2, 'u32'),
            outputBuffer('olds', 3, 'u32', olds.length),
          ],
          entry: [letBind('old', update), store('olds', gidX(), local('old'))],
        });
        const result = await backend.run(p, [
          words(olds),
          words(values),
          words(expecteds),
        ]);
        const model = MODELS[op];
        expect(result.ok && asWords(result.value.outputs[0])).toEqual(
          olds.map((old, i) =>
            Number(
              model(
                BigInt(old),
                BigInt(values[i] ?? 0),
                BigInt(expecteds[i] ?? 0),
              ),
            ),
          ),
        );
        expect(result.ok && asWords(result.value.outputs[1])).toEqual(olds);
        // Lanes past the elements find every access out of bounds.
        const lanes = Math.ceil(olds.length / 64) * 64;
        expect(result.ok && result.value.oob.atomics).toBe(lanes - olds.length);
      },
    );

    it.each(['sequential', 'reversed', 'roundRobin'] as const)(
      'serializes 256 lanes adding to one counter (%s)',
      async (schedule) => {
        const p = program({
          workgroupSize: [64, 1, 1],
          buffers: [
            outputBuffer('counter', 0, 'u32', 1),
            outputBuffer('tickets', 1, 'u32', 256),
          ],
          entry: [
            store('tickets', gidX(), atomicAdd('counter', u32(0), u32(1))),
          ],
        });
        const result = await backend.run(p, [], {}, schedule);
        expect(result.ok && asWords(result.value.outputs[0])).toEqual([256]);
        // Every lane saw a distinct previous value: the adds happened one at a time.
        const tickets = result.ok ? asWords(result.value.outputs[1]) : [];
        expect([...tickets].sort((a, b) => a - b)).toEqual(
          Array.from({ length: 256 }, (_, i) => i),
        );
      },
    );
  },
);
