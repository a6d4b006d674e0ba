import {
  add,
  barrier,
  eq,
  gidX,
  ifThen,
  letBind,
  load,
  local,
  localId,
  loop,
  lt,
  mod,
  outputBuffer,
  program,
  readBuffer,
  store,
  sub,
  u32,
  workgroupBuffer,
  workgroupId,
  type Expr,
  type MemoryOrdering,
} from '@vyre/ir';
import { expectedCase, iota, words } from './expected-run.ts';
import type { SuiteCase } from './suite-case.ts';

// Barriers and workgroup memory: lanes exchange values through a workgroup buffer between barriers,
// in several workgroups at once, so a backend must give each workgroup its own zeroed memory and make
// every lane's writes visible to the others at the barrier.

const SIZE = 64;
const GROUPS = 3;
const all = iota(SIZE * GROUPS);
const inputValues = all.map((i) => (i * 2654435761) >>> 0);
const lid = (): Expr => localId(0);

function reverse(ordering: MemoryOrdering): SuiteCase {
  return expectedCase(
    'workgroup-memory',
    `reverse within each workgroup across a ${ordering} barrier`,
    {
      program: program({
        workgroupSize: [SIZE, 1, 1],
        buffers: [
          readBuffer('input', 0, 'u32'),
          outputBuffer('out', 1, 'u32', SIZE * GROUPS),
          workgroupBuffer('tile', SIZE, 'u32'),
        ],
        entry: [
          store('tile', lid(), load('input', gidX())),
          barrier(ordering),
          store('out', gidX(), load('tile', sub(u32(SIZE - 1), lid()))),
        ],
      }),
      inputs: [words(inputValues)],
      expected: [
        words(
          all.map(
            (i) => inputValues[i - (i % SIZE) + SIZE - 1 - (i % SIZE)] ?? 0,
          ),
        ),
      ],
    },
  );
}

/** The workgroup-memory family. */
export function workgroupMemoryCases(): SuiteCase[] {
  const sums = iota(GROUPS).map((g) =>
    iota(SIZE).reduce(
      (s, l) => (s + (inputValues[g * SIZE + l] ?? 0)) >>> 0,
      0,
    ),
  );
  return [
    reverse('seqCst'),
    reverse('acqRel'),
    expectedCase(
      'workgroup-memory',
      'tree reduction with a barrier per level',
      {
        program: program({
          workgroupSize: [SIZE, 1, 1],
          buffers: [
            readBuffer('input', 0, 'u32'),
            outputBuffer('out', 1, 'u32', GROUPS),
            workgroupBuffer('tile', SIZE, 'u32'),
          ],
          entry: [
            store('tile', lid(), load('input', gidX())),
            barrier(),
            ...[32, 16, 8, 4, 2, 1].flatMap((half) => [
              ifThen(lt(lid(), u32(half)), [
                store(
                  'tile',
                  lid(),
                  add(load('tile', lid()), load('tile', add(lid(), u32(half)))),
                ),
              ]),
              barrier(),
            ]),
            ifThen(eq(lid(), u32(0)), [
              store('out', workgroupId(0), load('tile', u32(0))),
            ]),
          ],
        }),
        inputs: [words(inputValues)],
        config: { gridOverride: [GROUPS, 1, 1] },
        expected: [words(sums)],
      },
    ),
    expectedCase(
      'workgroup-memory',
      'each workgroup has its own memory, zeroed at the start',
      {
        program: program({
          workgroupSize: [SIZE, 1, 1],
          buffers: [
            outputBuffer('out', 0, 'u32', SIZE * GROUPS),
            workgroupBuffer('tile', SIZE + 1, 'u32'),
          ],
          entry: [
            letBind('before', load('tile', lid())),
            barrier(),
            ifThen(eq(lid(), u32(0)), [
              store('tile', u32(SIZE), add(workgroupId(0), u32(7))),
            ]),
            barrier(),
            store('out', gidX(), add(local('before'), load('tile', u32(SIZE)))),
          ],
        }),
        inputs: [],
        expected: [words(all.map((i) => Math.floor(i / SIZE) + 7))],
      },
    ),
    expectedCase(
      'workgroup-memory',
      'barriers inside a uniform loop: rotate the tile four times',
      {
        program: program({
          workgroupSize: [SIZE, 1, 1],
          buffers: [
            readBuffer('input', 0, 'u32'),
            outputBuffer('out', 1, 'u32', SIZE * GROUPS),
            workgroupBuffer('tile', SIZE, 'u32'),
          ],
          entry: [
            store('tile', lid(), load('input', gidX())),
            barrier(),
            loop('step', u32(0), u32(4), [
              letBind('next', load('tile', mod(add(lid(), u32(1)), u32(SIZE)))),
              barrier(),
              store('tile', lid(), local('next')),
              barrier(),
            ]),
            store('out', gidX(), load('tile', lid())),
          ],
        }),
        inputs: [words(inputValues)],
        expected: [
          words(
            all.map(
              (i) =>
                inputValues[i - (i % SIZE) + (((i % SIZE) + 4) % SIZE)] ?? 0,
            ),
          ),
        ],
      },
    ),
    expectedCase(
      'workgroup-memory',
      'packed u8 workgroup memory, each lane its own word',
      {
        program: program({
          workgroupSize: [SIZE, 1, 1],
          buffers: [
            outputBuffer('out', 0, 'u32', SIZE * GROUPS),
            workgroupBuffer('bytes', SIZE * 4, 'u8'),
          ],
          entry: [
            loop('k', u32(0), u32(4), [
              store(
                'bytes',
                add(local('k'), mulBy4(lid())),
                add(lid(), local('k')),
              ),
            ]),
            barrier(),
            // Lane l reads byte 0 of its neighbour's word: (l + 1) mod SIZE.
            store(
              'out',
              gidX(),
              load('bytes', mulBy4(mod(add(lid(), u32(1)), u32(SIZE)))),
            ),
          ],
        }),
        inputs: [],
        expected: [words(all.map((i) => ((i % SIZE) + 1) % SIZE))],
      },
    ),
  ];
}

function mulBy4(x: Expr): Expr {
  return add(add(x, x), add(x, x));
}
