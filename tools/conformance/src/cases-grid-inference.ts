import {
  add,
  atomic,
  gidX,
  invocationId,
  letBind,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  u32,
  type BufferDecl,
  type DispatchConfig,
  type Node,
} from '@vyre/ir';
import { expectedCase, words } from './expected-run.ts';
import type { SuiteCase } from './suite-case.ts';

// The grid a dispatch runs (docs: prepareDispatch): an override wins; a 1-D workgroup size gets
// ceil(max(largest output element count, dispatchElements, 1) / workgroup x) workgroups; a partial
// last workgroup runs whole. Each case counts the invocations that ran and records the largest
// invocation id, both with atomics into a separate output.

function counting(axes: number): Node[] {
  return [
    letBind('ignored', atomic('add', 'stats', u32(0), u32(1))),
    ...Array.from({ length: axes }, (_, axis) =>
      letBind(
        `seen${axis}`,
        atomic('max', 'stats', u32(1 + axis), add(invocationId(axis), u32(1))),
      ),
    ),
  ];
}

function gridCase(
  name: string,
  options: {
    readonly workgroupSize: readonly [number, number, number];
    readonly buffers: readonly BufferDecl[];
    readonly inputs: readonly Uint8Array[];
    readonly config?: DispatchConfig;
    readonly invocations: number;
    readonly largestIds: readonly number[];
    /** Outputs before the stats output, which the program does not write. */
    readonly otherOutputs: readonly Uint8Array[];
  },
): SuiteCase {
  const axes = options.largestIds.length;
  return expectedCase('grid-inference', name, {
    program: program({
      workgroupSize: options.workgroupSize,
      buffers: [...options.buffers, outputBuffer('stats', 7, 'u32', 1 + axes)],
      entry: counting(axes),
    }),
    inputs: options.inputs,
    ...(options.config === undefined ? {} : { config: options.config }),
    expected: [
      ...options.otherOutputs,
      words([options.invocations, ...options.largestIds.map((id) => id + 1)]),
    ],
  });
}

const zeros = (n: number): Uint8Array => new Uint8Array(n * 4);

/** The grid-inference family. */
export function gridInferenceCases(): SuiteCase[] {
  return [
    gridCase(
      'the largest output decides; a partial last workgroup runs whole',
      {
        workgroupSize: [64, 1, 1],
        buffers: [
          outputBuffer('small', 0, 'u32', 10),
          outputBuffer('large', 1, 'u32', 100),
        ],
        inputs: [],
        invocations: 128,
        largestIds: [127],
        otherOutputs: [zeros(10), zeros(100)],
      },
    ),
    gridCase('inputs do not count, only outputs', {
      workgroupSize: [32, 1, 1],
      buffers: [
        readBuffer('input', 0, 'u32'),
        outputBuffer('out', 1, 'u32', 5),
      ],
      inputs: [zeros(1000)],
      invocations: 32,
      largestIds: [31],
      otherOutputs: [zeros(5)],
    }),
    gridCase('a read-write input counts as an output, by its bound size', {
      workgroupSize: [32, 1, 1],
      buffers: [readWriteBuffer('data', 0, 'u32')],
      inputs: [zeros(100)],
      invocations: 128,
      largestIds: [127],
      otherOutputs: [zeros(100)],
    }),
    gridCase('dispatchElements raises the floor', {
      workgroupSize: [64, 1, 1],
      buffers: [],
      inputs: [],
      config: { dispatchElements: 1000 },
      invocations: 1024,
      largestIds: [1023],
      otherOutputs: [],
    }),
    gridCase('one workgroup at least', {
      workgroupSize: [16, 1, 1],
      buffers: [],
      inputs: [],
      invocations: 16,
      largestIds: [15],
      otherOutputs: [],
    }),
    gridCase('gridOverride wins over inference', {
      workgroupSize: [64, 1, 1],
      buffers: [outputBuffer('out', 0, 'u32', 1000)],
      inputs: [],
      config: { gridOverride: [3, 1, 1] },
      invocations: 192,
      largestIds: [191],
      otherOutputs: [zeros(1000)],
    }),
    gridCase(
      'workgroupOverride changes the workgroup size inference divides by',
      {
        workgroupSize: [64, 1, 1],
        buffers: [outputBuffer('out', 0, 'u32', 100)],
        inputs: [],
        config: { workgroupOverride: [8, 1, 1] },
        invocations: 104,
        largestIds: [103],
        otherOutputs: [zeros(100)],
      },
    ),
    gridCase('a 2-D workgroup size with a 2-D grid', {
      workgroupSize: [8, 4, 1],
      buffers: [],
      inputs: [],
      config: { gridOverride: [3, 2, 1] },
      invocations: 192,
      largestIds: [23, 7],
      otherOutputs: [],
    }),
    gridCase('a 3-D workgroup size with a 3-D grid', {
      workgroupSize: [4, 4, 2],
      buffers: [],
      inputs: [],
      config: { gridOverride: [2, 1, 3] },
      invocations: 192,
      largestIds: [7, 3, 5],
      otherOutputs: [],
    }),
    expectedCase(
      'grid-inference',
      'invocations past the data run, and must guard themselves',
      {
        program: program({
          workgroupSize: [64, 1, 1],
          buffers: [
            outputBuffer('out', 0, 'u32', 70),
            outputBuffer('extra', 1, 'u32', 1),
          ],
          entry: [
            letBind('ignored', atomic('add', 'extra', u32(0), u32(1))),
            letBind(
              'ignored2',
              atomic('add', 'out', gidX(), add(gidX(), u32(1))),
            ),
          ],
        }),
        inputs: [],
        expected: [
          words(Array.from({ length: 70 }, (_, i) => i + 1)),
          words([128]),
        ],
      },
    ),
  ];
}
