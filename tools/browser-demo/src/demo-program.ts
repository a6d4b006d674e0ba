import {
  add,
  assign,
  bitAnd,
  cast,
  div,
  f32,
  fma,
  gidX,
  ifThen,
  letBind,
  load,
  local,
  loop,
  mul,
  ne,
  outputBuffer,
  program,
  readBuffer,
  select,
  store,
  u32,
  type Program,
} from '@vyre/ir';

// The program the page dispatches: for each input n, the number of Collatz steps (at most 256) that
// bring n to 1, and an f32 column computed with a fused multiply-add. Loops, branches, wrapping u32
// arithmetic and f32 rounding: enough that a wrong driver shows, small enough to read in the page.

/** Invocations in the demo. */
export const DEMO_SIZE = 64;

/** The demo program: `steps[i]` and `scaled[i]` from `seeds[i]`. */
export function demoProgram(): Program {
  const n = load('seeds', gidX());
  return program({
    workgroupSize: [64, 1, 1],
    buffers: [
      readBuffer('seeds', 0, 'u32'),
      outputBuffer('steps', 1, 'u32', DEMO_SIZE),
      outputBuffer('scaled', 2, 'f32', DEMO_SIZE),
    ],
    entry: [
      letBind('x', n),
      letBind('count', u32(0)),
      loop('k', u32(0), u32(256), [
        ifThen(ne(local('x'), u32(1)), [
          assign(
            'x',
            select(
              ne(bitAnd(local('x'), u32(1)), u32(0)),
              add(mul(local('x'), u32(3)), u32(1)),
              div(local('x'), u32(2)),
            ),
          ),
          assign('count', add(local('count'), u32(1))),
        ]),
      ]),
      store('steps', gidX(), local('count')),
      store(
        'scaled',
        gidX(),
        fma(cast('f32', n), f32(1.0009765625), f32(-0.333333343267)),
      ),
    ],
  });
}

/** The demo's input: seeds 1..DEMO_SIZE, with a few large ones. */
export function demoSeeds(): Uint32Array {
  const seeds = new Uint32Array(DEMO_SIZE);
  for (let i = 0; i < DEMO_SIZE; i++) {
    seeds[i] = i + 1;
  }
  seeds[DEMO_SIZE - 1] = 837_799; // the longest chain below one million (524 steps: capped at 256)
  seeds[DEMO_SIZE - 2] = 0xffff_ffff; // 3x + 1 wraps
  return seeds;
}
