import {
  add,
  atomic,
  atomicCompareExchange,
  barrier,
  cast,
  gidX,
  load,
  local,
  localId,
  loop,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  store,
  u32,
  workgroupBuffer,
  type DataType,
} from '@vyre/ir';
import { expectedCase, iota, words, ONE_INVOCATION } from './expected-run.ts';
import type { SuiteCase } from './suite-case.ts';

// Out-of-bounds accesses as docs/semantics.md pins them: a load yields zero, a store is dropped, an
// atomic yields 0 and writes nothing. GPU robustness rules would instead clamp the index to some
// in-bounds element, so each case puts a recognizable value where a clamped access would land.

const SIZE = 16;
const lanes = iota(SIZE);
const FAR = [SIZE, SIZE + 1, 0x7fffffff, 0xffffffff];

function outOfBoundsLoad(element: DataType, count: number): SuiteCase {
  // The input holds `count` elements plus padding bytes that must stay invisible.
  const bytes =
    element === 'u8' || element === 'i8'
      ? 1
      : element === 'u16' || element === 'i16'
        ? 2
        : 4;
  const data = new Uint8Array(Math.ceil((count * bytes) / 4) * 4);
  data.forEach((_, i) => {
    data[i] = (i * 29 + 0x83) & 0xff;
  });
  const declared = element === 'u8' && count % 4 !== 0;
  const valueType = element.startsWith('i') ? 'i32' : 'u32';
  const inBounds = (i: number): number => {
    const view = new DataView(data.buffer);
    const raw =
      bytes === 1
        ? view.getUint8(i)
        : bytes === 2
          ? view.getUint16(i * 2, true)
          : view.getUint32(i * 4, true);
    return valueType === 'i32' && bytes < 4 && raw >= 2 ** (bytes * 8 - 1)
      ? raw - 2 ** (bytes * 8)
      : raw;
  };
  const indices = [0, count - 1, count, count + 1, ...FAR];
  return expectedCase(
    'out-of-bounds',
    `load past the end of a ${declared ? `${count}-element` : 'runtime-sized'} ${element} buffer yields zero`,
    {
      program: program({
        workgroupSize: [indices.length, 1, 1],
        buffers: [
          readBuffer('input', 0, element, declared ? { count } : {}),
          readBuffer('index', 1, 'u32'),
          outputBuffer(
            'out',
            2,
            valueType === 'i32' ? 'i32' : 'u32',
            indices.length,
          ),
        ],
        entry: [store('out', gidX(), load('input', load('index', gidX())))],
      }),
      inputs: [data, words(indices)],
      expected: [words(indices.map((i) => (i < count ? inBounds(i) : 0)))],
    },
  );
}

/** The out-of-bounds family. */
export function outOfBoundsCases(): SuiteCase[] {
  return [
    outOfBoundsLoad('u32', 8),
    outOfBoundsLoad('i32', 8),
    outOfBoundsLoad('u8', 6),
    outOfBoundsLoad('u8', 8),
    outOfBoundsLoad('i8', 12),
    outOfBoundsLoad('u16', 6),
    outOfBoundsLoad('i16', 6),
    expectedCase(
      'out-of-bounds',
      'store past the end of an output is dropped',
      {
        program: program({
          workgroupSize: [SIZE, 1, 1],
          buffers: [outputBuffer('out', 0, 'u32', 4)],
          // Lanes 0-3 write their element; the others write past the end, or at 2^32 - 1.
          entry: [
            store('out', gidX(), add(gidX(), u32(1))),
            store('out', add(gidX(), u32(0xfffffff0)), u32(0xbad)),
          ],
        }),
        inputs: [],
        expected: [words([1, 2, 3, 4])],
      },
    ),
    expectedCase(
      'out-of-bounds',
      'store past the end of a read-write input is dropped',
      {
        program: program({
          workgroupSize: [SIZE, 1, 1],
          buffers: [readWriteBuffer('data', 0, 'u32')],
          entry: [store('data', add(gidX(), u32(4)), u32(0xbad))],
        }),
        inputs: [words([10, 11, 12, 13, 14, 15])],
        expected: [words([10, 11, 12, 13, 0xbad, 0xbad])],
      },
    ),
    expectedCase(
      'out-of-bounds',
      'store into the padding of a packed u8 buffer is dropped',
      {
        program: program({
          workgroupSize: [1, 1, 1],
          buffers: [outputBuffer('out', 0, 'u8', 5)],
          entry: [
            loop('k', u32(0), u32(8), [
              store('out', local('k'), add(local('k'), u32(0x10))),
            ]),
          ],
        }),
        inputs: [],
        config: ONE_INVOCATION,
        // The read-back is the bound word-padded size; the padding stays zero.
        expected: [new Uint8Array([0x10, 0x11, 0x12, 0x13, 0x14, 0, 0, 0])],
      },
    ),
    expectedCase(
      'out-of-bounds',
      'atomics past the end yield 0 and write nothing',
      {
        program: program({
          workgroupSize: [SIZE, 1, 1],
          buffers: [
            readWriteBuffer('acc', 0, 'u32', { count: 2 }),
            outputBuffer('old', 1, 'u32', 2 * SIZE),
          ],
          entry: [
            // Indices 2..17, then 0xFFFFFFF0..0xFFFFFFFF: all past the end, none wrapping.
            store(
              'old',
              gidX(),
              atomic('add', 'acc', add(gidX(), u32(2)), u32(5)),
            ),
            store(
              'old',
              add(gidX(), u32(SIZE)),
              atomicCompareExchange(
                'acc',
                add(gidX(), u32(0xfffffff0)),
                u32(0x77),
                u32(9),
              ),
            ),
          ],
        }),
        inputs: [words([0x77, 0x88])],
        // One workgroup: the 32-element output would otherwise infer two, whose lanes race for `old`.
        config: { gridOverride: [1, 1, 1] },
        expected: [words([0x77, 0x88]), words(iota(2 * SIZE).map(() => 0))],
      },
    ),
    expectedCase(
      'out-of-bounds',
      'workgroup memory: loads past the end yield zero, stores are dropped',
      {
        program: program({
          workgroupSize: [SIZE, 1, 1],
          buffers: [
            outputBuffer('out', 0, 'u32', SIZE),
            workgroupBuffer('tile', 4, 'u32'),
          ],
          entry: [
            store('tile', localId(0), add(localId(0), u32(100))),
            barrier(),
            store('out', gidX(), load('tile', localId(0))),
          ],
        }),
        inputs: [],
        expected: [words(lanes.map((i) => (i < 4 ? i + 100 : 0)))],
      },
    ),
    expectedCase(
      'out-of-bounds',
      'an out-of-bounds f32 load is +0, not a clamped element',
      {
        program: program({
          workgroupSize: [1, 1, 1],
          buffers: [
            readBuffer('input', 0, 'f32', { count: 2 }),
            outputBuffer('out', 1, 'u32', 1),
          ],
          entry: [
            store(
              'out',
              u32(0),
              cast('u32', cast('bool', load('input', u32(2)))),
            ),
          ],
        }),
        inputs: [new Uint8Array(new Float32Array([1.5, -2.5]).buffer)],
        config: ONE_INVOCATION,
        expected: [words([0])],
      },
    ),
  ];
}
