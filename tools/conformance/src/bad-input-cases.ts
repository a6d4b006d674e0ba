import {
  add,
  bitXor,
  gidX,
  load,
  local,
  loop,
  assign,
  letBind,
  mul,
  outputBuffer,
  program,
  readBuffer,
  shr,
  store,
  u32,
  type DispatchConfig,
  type Program,
  type VyreBackend,
} from '@vyre/ir';

// Bad input every backend must refuse with the same stable code (and stay usable afterwards): the
// part of the conformance suite that is about errors, not values.

/** One call a backend must refuse. */
export interface BadInputCase {
  readonly name: string;
  readonly program: Program;
  /** Deliberately loose: callers from JavaScript can pass anything. */
  readonly inputs: readonly unknown[];
  readonly config: DispatchConfig;
  /** The error code every backend must return. */
  readonly code: string;
}

const words = (...values: number[]): Uint8Array =>
  new Uint8Array(new Uint32Array(values).buffer);

const addOne = program({
  workgroupSize: [4, 1, 1],
  buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 4)],
  entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
});
const fixed = program({
  workgroupSize: [4, 1, 1],
  buffers: [
    readBuffer('input', 0, 'u32', { count: 4 }),
    outputBuffer('out', 1, 'u32', 4),
  ],
  entry: [store('out', gidX(), load('input', gidX()))],
});
const square = program({
  workgroupSize: [2, 2, 1],
  buffers: [outputBuffer('out', 0, 'u32', 4)],
  entry: [store('out', gidX(), u32(1))],
});
const invalid = program({
  workgroupSize: [1, 1, 1],
  buffers: [outputBuffer('out', 0, 'u32', 1)],
  entry: [store('missing', u32(0), u32(1))],
});
// 2^23 dependent steps of a multiply-xorshift per lane: no compiler can fold them to a closed form (an
// NVIDIA H100 folded the earlier sum of the loop variable and finished within the 1 ms timeout), so
// the dispatch runs far longer than 1 ms on any device.
const endless = program({
  workgroupSize: [64, 1, 1],
  buffers: [outputBuffer('out', 0, 'u32', 64)],
  entry: [
    letBind('acc', gidX()),
    loop('i', u32(0), u32(1 << 12), [
      loop('j', u32(0), u32(1 << 11), [
        assign(
          'acc',
          add(
            mul(
              bitXor(local('acc'), shr(local('acc'), u32(13))),
              u32(0x9e3779b1),
            ),
            local('j'),
          ),
        ),
      ]),
    ]),
    store('out', gidX(), local('acc')),
  ],
});

/** The bad-input cases, each with the code every backend must give. */
export function badInputCases(): BadInputCase[] {
  return [
    {
      name: 'an invalid program',
      program: invalid,
      inputs: [],
      config: {},
      code: 'IR_INVALID_PROGRAM',
    },
    {
      name: 'a missing input',
      program: addOne,
      inputs: [],
      config: {},
      code: 'DISPATCH_INPUT_COUNT',
    },
    {
      name: 'an extra input',
      program: addOne,
      inputs: [words(1, 2, 3, 4), words(5)],
      config: {},
      code: 'DISPATCH_INPUT_COUNT',
    },
    {
      name: 'an input shorter than its declared count',
      program: fixed,
      inputs: [words(1, 2)],
      config: {},
      code: 'DISPATCH_INPUT_SIZE',
    },
    {
      name: 'an input that is not whole words',
      program: addOne,
      inputs: [new Uint8Array(6)],
      config: {},
      code: 'DISPATCH_INPUT_SIZE',
    },
    {
      name: 'an input that is not a Uint8Array',
      program: addOne,
      inputs: [[1, 2, 3, 4]],
      config: {},
      code: 'DISPATCH_INPUT_SIZE',
    },
    {
      name: 'a 2-D workgroup without a grid',
      program: square,
      inputs: [],
      config: {},
      code: 'DISPATCH_GRID_REQUIRED',
    },
    {
      name: 'a grid axis of 0',
      program: addOne,
      inputs: [words(1, 2, 3, 4)],
      config: { gridOverride: [0, 1, 1] },
      code: 'DISPATCH_GRID_INVALID',
    },
    {
      name: 'a grid axis past every device limit',
      program: addOne,
      inputs: [words(1, 2, 3, 4)],
      config: { gridOverride: [1 << 20, 1, 1] },
      code: 'DISPATCH_GRID_INVALID',
    },
    {
      name: 'a dispatch past its timeout',
      program: endless,
      inputs: [],
      config: { timeoutMs: 1 },
      code: 'BACKEND_TIMEOUT',
    },
  ];
}

/** A small valid dispatch, to check that a backend is still usable after refusing bad input. */
const USABLE_CHECK = {
  program: addOne,
  inputs: [words(1, 2, 3, 4)],
  expected: words(2, 3, 4, 5),
};

/**
 * Runs one bad-input case on `backend` and returns what went wrong: the call did not fail with the
 * case's code, or the backend could not run a valid dispatch afterwards. Empty when it conforms.
 */
export async function checkBadInput(
  backend: VyreBackend,
  entry: BadInputCase,
): Promise<string[]> {
  const problems: string[] = [];
  const result = await backend.dispatch(
    entry.program,
    // The point of these cases is input a typed caller could not pass.
    entry.inputs as readonly Uint8Array[],
    entry.config,
  );
  const found = result.ok ? 'success' : result.error.code;
  if (found !== entry.code) {
    problems.push(`${entry.name}: expected ${entry.code}, found ${found}`);
  }
  const after = await backend.dispatch(
    USABLE_CHECK.program,
    USABLE_CHECK.inputs,
  );
  const bytes = after.ok ? after.value.outputs[0] : undefined;
  if (
    bytes === undefined ||
    bytes.length !== USABLE_CHECK.expected.length ||
    bytes.some((byte, i) => byte !== USABLE_CHECK.expected[i])
  ) {
    problems.push(
      `${entry.name}: the backend was not usable afterwards (${after.ok ? 'wrong output' : after.error.code})`,
    );
  }
  return problems;
}

/** Runs every bad-input case on `backend` ({@link checkBadInput}); empty when it conforms. */
export async function checkBadInputs(backend: VyreBackend): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of badInputCases()) {
    problems.push(...(await checkBadInput(backend, entry)));
  }
  return problems;
}
