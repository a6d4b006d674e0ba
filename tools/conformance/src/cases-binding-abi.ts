import {
  add,
  bufLen,
  cast,
  gidX,
  ifThen,
  load,
  lt,
  mul,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  store,
  sub,
  u32,
  uniformBuffer,
  type BufferDecl,
} from '@vyre/ir';
import { expectedCase, iota, words, ONE_INVOCATION } from './expected-run.ts';
import type { SuiteCase } from './suite-case.ts';

// The binding ABI (planBindings): inputs are the read-only, uniform and read-write buffers the backend
// does not allocate, in declaration order, whatever their binding numbers; outputs are the read-write
// and backend-allocated buffers, in declaration order; allocated outputs start zeroed; a static count
// binds exactly its size; an output byte range trims the read-back.

const N = 8;
const lanes = iota(N);

/** The binding-abi family. */
export function bindingAbiCases(): SuiteCase[] {
  const a = lanes.map((i) => 1000 + i * 7);
  const b = lanes.map((i) => i * 3);
  const c = lanes.map((i) => i + 1);
  const buffersOutOfOrder: BufferDecl[] = [
    readBuffer('a', 5, 'u32'),
    uniformBuffer('b', 0, 'u32'),
    readWriteBuffer('c', 9, 'u32'),
    outputBuffer('out', 2, 'u32', N),
  ];
  return [
    expectedCase(
      'binding-abi',
      'inputs and outputs follow declaration order, not binding numbers',
      {
        program: program({
          workgroupSize: [N, 1, 1],
          buffers: buffersOutOfOrder,
          entry: [
            store('out', gidX(), sub(load('a', gidX()), load('b', gidX()))),
            store('c', gidX(), mul(load('c', gidX()), u32(10))),
          ],
        }),
        inputs: [words(a), words(b), words(c)],
        expected: [
          words(c.map((v) => v * 10)),
          words(a.map((v, i) => v - (b[i] ?? 0))),
        ],
      },
    ),
    expectedCase(
      'binding-abi',
      'outputs interleaved with read-write inputs come back in declaration order',
      {
        program: program({
          workgroupSize: [N, 1, 1],
          buffers: [
            outputBuffer('first', 0, 'u32', N),
            readWriteBuffer('middle', 1, 'u32'),
            readBuffer('input', 2, 'u32'),
            outputBuffer('last', 3, 'u32', 2),
          ],
          entry: [
            store('first', gidX(), u32(1)),
            store(
              'middle',
              gidX(),
              add(load('middle', gidX()), load('input', gidX())),
            ),
            store('last', gidX(), u32(3)),
          ],
        }),
        inputs: [words(b), words(c)],
        expected: [
          words(lanes.map(() => 1)),
          words(b.map((v, i) => v + (c[i] ?? 0))),
          words([3, 3]),
        ],
      },
    ),
    expectedCase(
      'binding-abi',
      'allocated outputs start zeroed; read-write inputs keep what is not written',
      {
        program: program({
          workgroupSize: [N, 1, 1],
          buffers: [
            readWriteBuffer('data', 0, 'u32'),
            outputBuffer('out', 1, 'u32', N),
          ],
          entry: [
            ifThen(lt(u32(0), gidX()), [
              ifThen(lt(gidX(), u32(3)), [
                store('data', gidX(), u32(0)),
                store('out', gidX(), u32(9)),
              ]),
            ]),
          ],
        }),
        inputs: [words(a)],
        expected: [
          words(a.map((v, i) => (i === 1 || i === 2 ? 0 : v))),
          words(lanes.map((i) => (i === 1 || i === 2 ? 9 : 0))),
        ],
      },
    ),
    expectedCase(
      'binding-abi',
      'a static count binds exactly its size, even from a longer input',
      {
        program: program({
          workgroupSize: [N, 1, 1],
          buffers: [
            readBuffer('input', 0, 'u32', { count: 3 }),
            outputBuffer('out', 1, 'u32', N),
          ],
          entry: [
            store(
              'out',
              gidX(),
              add(load('input', gidX()), mul(bufLen('input'), u32(100))),
            ),
          ],
        }),
        inputs: [words(a)],
        expected: [words(lanes.map((i) => (i < 3 ? (a[i] ?? 0) : 0) + 300))],
      },
    ),
    expectedCase(
      'binding-abi',
      'an empty runtime-sized input binds one zero element',
      {
        program: program({
          workgroupSize: [1, 1, 1],
          buffers: [
            readBuffer('empty', 0, 'u32'),
            readBuffer('bytes', 1, 'u8'),
            readBuffer('halves', 2, 'u16'),
            outputBuffer('out', 3, 'u32', 4),
          ],
          entry: [
            store('out', u32(0), bufLen('empty')),
            store('out', u32(1), bufLen('bytes')),
            store('out', u32(2), bufLen('halves')),
            store('out', u32(3), add(load('empty', u32(0)), u32(5))),
          ],
        }),
        inputs: [new Uint8Array(0), new Uint8Array(0), new Uint8Array(0)],
        config: ONE_INVOCATION,
        expected: [words([1, 4, 2, 5])],
      },
    ),
    expectedCase('binding-abi', 'an empty read-write input reads back empty', {
      program: program({
        workgroupSize: [1, 1, 1],
        buffers: [
          readWriteBuffer('data', 0, 'u32'),
          outputBuffer('out', 1, 'u32', 1),
        ],
        entry: [
          store('data', u32(0), u32(7)),
          store('out', u32(0), bufLen('data')),
        ],
      }),
      inputs: [new Uint8Array(0)],
      config: ONE_INVOCATION,
      expected: [new Uint8Array(0), words([1])],
    }),
    expectedCase('binding-abi', 'an output byte range trims the read-back', {
      program: program({
        workgroupSize: [N, 1, 1],
        buffers: [
          outputBuffer('out', 0, 'u32', N, {
            outputByteRange: { start: 8, end: 20 },
          }),
        ],
        entry: [store('out', gidX(), add(gidX(), u32(0x100)))],
      }),
      inputs: [],
      expected: [words([0x102, 0x103, 0x104])],
    }),
    expectedCase(
      'binding-abi',
      'narrow and bool outputs are packed little-endian',
      {
        program: program({
          workgroupSize: [1, 1, 1],
          buffers: [
            outputBuffer('bytes', 0, 'u8', 4),
            outputBuffer('halves', 1, 'i16', 2),
            outputBuffer('flags', 2, 'bool', 2),
          ],
          entry: [
            ...[0x11, 0x22, 0x33, 0x44].map((v, i) =>
              store('bytes', u32(i), u32(v)),
            ),
            store('halves', u32(0), cast('i16', u32(0xfffe))),
            store('halves', u32(1), cast('i16', u32(0x1234))),
            store('flags', u32(1), cast('bool', u32(7))),
          ],
        }),
        inputs: [],
        config: ONE_INVOCATION,
        expected: [words([0x44332211]), words([0x1234fffe]), words([0, 1])],
      },
    ),
    expectedCase('binding-abi', 'a uniform buffer is an input like any other', {
      program: program({
        workgroupSize: [N, 1, 1],
        buffers: [
          uniformBuffer('params', 0, 'u32', { count: 2 }),
          outputBuffer('out', 1, 'u32', N),
        ],
        entry: [
          store(
            'out',
            gidX(),
            add(mul(gidX(), load('params', u32(0))), load('params', u32(1))),
          ),
        ],
      }),
      inputs: [words([5, 17])],
      expected: [words(lanes.map((i) => i * 5 + 17))],
    }),
  ];
}
