import {
  add,
  gidX,
  load,
  mul,
  outputBuffer,
  program,
  readBuffer,
  readWriteBuffer,
  store,
  u32,
  type ResidentBuffer,
  type VyreBackend,
} from '@vyre/ir';
import type { CaseOutcome } from './compare-backends.ts';
import { iota, words, wordsOf } from './expected-run.ts';
import type { SuiteCase, SuiteContext } from './suite-case.ts';

// The rest of the backend contract: resident buffers (allocate zeroed, upload, dispatch on them,
// download ranges, free), sequences of dispatches with reads, and dispatchInto's caller-owned storage.
// A backend that does not offer resident buffers answers BACKEND_UNSUPPORTED, and these cases skip.

const N = 16;
const addOne = program({
  workgroupSize: [N, 1, 1],
  buffers: [readBuffer('input', 0, 'u32'), readWriteBuffer('data', 1, 'u32')],
  entry: [store('data', gidX(), add(load('input', gidX()), u32(1)))],
});
const double = program({
  workgroupSize: [N, 1, 1],
  buffers: [readWriteBuffer('data', 0, 'u32')],
  entry: [store('data', gidX(), mul(load('data', gidX()), u32(2)))],
});

type Step = (backend: VyreBackend, problems: string[]) => Promise<void>;

function residentCase(name: string, body: Step): SuiteCase {
  return {
    family: 'resident',
    name,
    requires: [],
    run: async (context: SuiteContext): Promise<CaseOutcome> => {
      const probe = await context.backend.allocateResident(4);
      if (!probe.ok) {
        return probe.error.code === 'BACKEND_UNSUPPORTED'
          ? { kind: 'skipped', reason: 'the backend has no resident buffers' }
          : {
              kind: 'differ',
              details: [`allocateResident(4): ${probe.error.format()}`],
            };
      }
      context.backend.freeResident(probe.value);
      const problems: string[] = [];
      await body(context.backend, problems);
      return problems.length === 0
        ? { kind: 'agree' }
        : { kind: 'differ', details: problems };
    },
  };
}

function expectWords(
  problems: string[],
  what: string,
  found: readonly number[],
  expected: readonly number[],
): void {
  if (
    found.length !== expected.length ||
    found.some((w, i) => w !== expected[i])
  ) {
    problems.push(
      `${what}: expected [${expected.join(', ')}], found [${found.join(', ')}]`,
    );
  }
}

function expectCode(
  problems: string[],
  what: string,
  result: { readonly ok: boolean; readonly error?: { readonly code: string } },
  code: string,
): void {
  const found = result.ok ? 'success' : (result.error?.code ?? '?');
  if (found !== code) {
    problems.push(`${what}: expected ${code}, found ${found}`);
  }
}

async function allocate(
  backend: VyreBackend,
  values: readonly number[],
  problems: string[],
): Promise<ResidentBuffer | undefined> {
  const made = await backend.allocateResident(values.length * 4);
  if (!made.ok) {
    problems.push(`allocateResident: ${made.error.format()}`);
    return undefined;
  }
  const uploaded = await backend.uploadResident(made.value, words(values));
  if (!uploaded.ok) {
    problems.push(`uploadResident: ${uploaded.error.format()}`);
  }
  return made.value;
}

/** The resident family. */
export function residentCases(): SuiteCase[] {
  const values = iota(N).map((i) => i * 11);
  return [
    residentCase(
      'a resident buffer starts zeroed and reads back what was uploaded',
      async (backend, problems) => {
        const made = await backend.allocateResident(N * 4);
        if (!made.ok) {
          problems.push(made.error.format());
          return;
        }
        const zero = await backend.downloadResident(made.value);
        expectWords(
          problems,
          'fresh buffer',
          zero.ok ? wordsOf(zero.value) : [],
          iota(N).map(() => 0),
        );
        const uploaded = await backend.uploadResident(
          made.value,
          words([7, 8]),
          8,
        );
        expectCode(problems, 'upload at byte 8', uploaded, 'success');
        const range = await backend.downloadResident(made.value, {
          byteOffset: 4,
          byteLength: 12,
        });
        expectWords(
          problems,
          'bytes 4..16',
          range.ok ? wordsOf(range.value) : [],
          [0, 7, 8],
        );
        backend.freeResident(made.value);
      },
    ),
    residentCase(
      'dispatchResident runs on resident buffers and leaves the results there',
      async (backend, problems) => {
        const input = await allocate(backend, values, problems);
        const data = await allocate(
          backend,
          iota(N).map(() => 0),
          problems,
        );
        if (input === undefined || data === undefined) {
          return;
        }
        expectCode(
          problems,
          'dispatchResident',
          await backend.dispatchResident(addOne, [input, data]),
          'success',
        );
        const read = await backend.downloadResident(data);
        expectWords(
          problems,
          'data',
          read.ok ? wordsOf(read.value) : [],
          values.map((v) => v + 1),
        );
        backend.freeResident(input);
        backend.freeResident(data);
      },
    ),
    residentCase(
      'dispatchSequence runs its steps in order, then reads',
      async (backend, problems) => {
        const input = await allocate(backend, values, problems);
        const data = await allocate(
          backend,
          iota(N).map(() => 0),
          problems,
        );
        if (input === undefined || data === undefined) {
          return;
        }
        const result = await backend.dispatchSequence(
          [
            { program: addOne, resources: [input, data] },
            { program: double, resources: [data] },
            { program: double, resources: [data] },
          ],
          [
            { buffer: data, byteOffset: 0, byteLength: 8 },
            { buffer: data, byteOffset: (N - 1) * 4, byteLength: 4 },
          ],
        );
        if (!result.ok) {
          problems.push(`dispatchSequence: ${result.error.format()}`);
        } else {
          expectWords(
            problems,
            'reads',
            result.value.reads.flatMap((bytes) => wordsOf(bytes)),
            [
              (values[0] ?? 0) * 4 + 4,
              (values[1] ?? 0) * 4 + 4,
              (values[N - 1] ?? 0) * 4 + 4,
            ],
          );
        }
        backend.freeResident(input);
        backend.freeResident(data);
      },
    ),
    residentCase(
      'dispatchSequence reads into caller-owned storage and refuses storage of the wrong size before running',
      async (backend, problems) => {
        const data = await allocate(backend, values, problems);
        if (data === undefined) {
          return;
        }
        const into = new Uint8Array(8);
        const result = await backend.dispatchSequence(
          [{ program: double, resources: [data] }],
          [{ buffer: data, byteOffset: 4, byteLength: 8, into }],
        );
        if (!result.ok) {
          problems.push(`dispatchSequence into: ${result.error.format()}`);
        } else {
          if (result.value.reads[0] !== into) {
            problems.push(
              'dispatchSequence into: the read is not the storage given',
            );
          }
          expectWords(problems, 'into', wordsOf(into), [
            (values[1] ?? 0) * 2,
            (values[2] ?? 0) * 2,
          ]);
        }
        expectCode(
          problems,
          'storage of the wrong size',
          await backend.dispatchSequence(
            [{ program: double, resources: [data] }],
            [
              {
                buffer: data,
                byteOffset: 0,
                byteLength: 8,
                into: new Uint8Array(12),
              },
            ],
          ),
          'DISPATCH_OUTPUT_STORAGE',
        );
        const after = await backend.downloadResident(data, {
          byteOffset: 0,
          byteLength: 4,
        });
        if (after.ok) {
          expectWords(
            problems,
            'after a refused sequence',
            wordsOf(after.value),
            [(values[0] ?? 0) * 2],
          );
        } else {
          problems.push(`downloadResident: ${after.error.format()}`);
        }
        backend.freeResident(data);
      },
    ),
    residentCase(
      'freed handles, bad ranges and wrong bindings give coded errors',
      async (backend, problems) => {
        const data = await allocate(backend, values, problems);
        if (data === undefined) {
          return;
        }
        expectCode(
          problems,
          'an unaligned download',
          await backend.downloadResident(data, {
            byteOffset: 2,
            byteLength: 4,
          }),
          'RESIDENT_RANGE_INVALID',
        );
        expectCode(
          problems,
          'a download past the end',
          await backend.downloadResident(data, {
            byteOffset: 0,
            byteLength: N * 4 + 4,
          }),
          'RESIDENT_RANGE_INVALID',
        );
        expectCode(
          problems,
          'an upload past the end',
          await backend.uploadResident(data, words([1]), N * 4),
          'RESIDENT_RANGE_INVALID',
        );
        expectCode(
          problems,
          'a size that is not whole words',
          await backend.allocateResident(6),
          'RESIDENT_RANGE_INVALID',
        );
        expectCode(
          problems,
          'too few resources',
          await backend.dispatchResident(addOne, [data]),
          'DISPATCH_INPUT_COUNT',
        );
        expectCode(problems, 'free', backend.freeResident(data), 'success');
        expectCode(
          problems,
          'a freed handle',
          await backend.downloadResident(data),
          'RESIDENT_HANDLE_INVALID',
        );
        expectCode(
          problems,
          'a second free',
          backend.freeResident(data),
          'RESIDENT_HANDLE_INVALID',
        );
        expectCode(
          problems,
          'a handle of another backend',
          await backend.downloadResident({
            backendId: `${backend.id}-other`,
            handle: 1,
            byteLength: 4,
          }),
          'RESIDENT_HANDLE_INVALID',
        );
      },
    ),
    {
      family: 'resident',
      name: 'dispatchInto writes caller-owned storage of the exact length, and refuses any other',
      requires: [],
      run: async ({ backend }): Promise<CaseOutcome> => {
        const p = program({
          workgroupSize: [N, 1, 1],
          buffers: [
            readBuffer('input', 0, 'u32'),
            outputBuffer('out', 1, 'u32', N),
          ],
          entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
        });
        const problems: string[] = [];
        const storage = new Uint8Array(N * 4).fill(0xee);
        expectCode(
          problems,
          'dispatchInto',
          await backend.dispatchInto(p, [words(values)], [storage]),
          'success',
        );
        expectWords(
          problems,
          'storage',
          wordsOf(storage),
          values.map((v) => v + 1),
        );
        const short = new Uint8Array(N * 4 - 4).fill(0xee);
        expectCode(
          problems,
          'short storage',
          await backend.dispatchInto(p, [words(values)], [short]),
          'DISPATCH_OUTPUT_STORAGE',
        );
        if (short.some((byte) => byte !== 0xee)) {
          problems.push('short storage: written although the call was refused');
        }
        expectCode(
          problems,
          'no storage',
          await backend.dispatchInto(p, [words(values)], []),
          'DISPATCH_OUTPUT_STORAGE',
        );
        return problems.length === 0
          ? { kind: 'agree' }
          : { kind: 'differ', details: problems };
      },
    },
  ];
}
