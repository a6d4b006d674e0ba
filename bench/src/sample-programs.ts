import {
  add,
  atomicAdd,
  barrier,
  bitAnd,
  bitXor,
  cast,
  div,
  f32,
  fma,
  gidX,
  ifThen,
  letBind,
  lidX,
  load,
  local,
  loop,
  lt,
  max,
  min,
  mod,
  mul,
  outputBuffer,
  program,
  readBuffer,
  select,
  shl,
  shr,
  store,
  sub,
  u32,
  unary,
  workgroupBuffer,
  wgX,
  type Expr,
  type Node,
  type Program,
} from '@vyre/ir';

// A realistic kernel of about 200 IR nodes: per-lane arithmetic over an input, a workgroup tile with
// barriers, a small loop, a histogram through atomics, and an f32 path.

function mixLane(seed: Expr, round: number): Expr {
  return bitXor(
    add(mul(seed, u32(0x9e3779b1 + round)), u32(round * 7)),
    shr(seed, u32(13)),
  );
}

/** The ~200-node kernel; `salt` changes one literal, so that programs with different salts differ. */
export function twoHundredNodeProgram(salt = 0): Program {
  const x = (): Expr => local('x');
  const body: Node[] = [
    letBind('x', load('input', gidX())),
    letBind('h0', mixLane(x(), 1)),
    letBind('h1', mixLane(local('h0'), 2)),
    letBind('h2', mixLane(local('h1'), 3)),
    letBind('h3', mixLane(local('h2'), 4)),
    letBind('h4', mixLane(local('h3'), 5)),
    letBind('h5', mixLane(bitXor(local('h4'), local('h0')), 6)),
    letBind('h6', mixLane(add(local('h5'), local('h1')), 7)),
    letBind('tail', add(local('h6'), u32(1 + salt))),
    store('tile', lidX(), bitAnd(local('h2'), u32(0xffff))),
    barrier(),
    letBind('left', load('tile', mod(add(lidX(), u32(63)), u32(64)))),
    letBind('right', load('tile', mod(add(lidX(), u32(1)), u32(64)))),
    letBind('acc', u32(0)),
    loop('i', u32(0), u32(4), [
      letBind(
        'term',
        select(
          lt(local('left'), local('right')),
          sub(local('right'), local('left')),
          shl(local('left'), u32(1)),
        ),
      ),
      ifThen(
        lt(local('term'), u32(1000)),
        [store('out', add(gidX(), local('i')), add(local('term'), local('i')))],
        [
          store(
            'out',
            gidX(),
            min(local('term'), max(local('left'), local('right'))),
          ),
        ],
      ),
    ]),
    barrier(),
    letBind('bucket', mod(local('h2'), u32(16))),
    letBind('old', atomicAdd('histogram', local('bucket'), u32(1))),
    letBind('fx', cast('f32', bitAnd(local('h1'), u32(0xfff)))),
    letBind('fy', fma(local('fx'), f32(0.5), f32(1.25))),
    letBind('fz', unary('floor', div(local('fy'), add(local('fx'), f32(1))))),
    letBind('fw', fma(local('fz'), local('fz'), sub(local('fy'), f32(3.5)))),
    store('scaled', gidX(), add(local('fy'), mul(local('fz'), local('fw')))),
    ifThen(lt(wgX(), u32(4)), [
      store(
        'out',
        add(gidX(), u32(1024)),
        add(local('old'), cast('u32', local('fz'))),
      ),
    ]),
    store(
      'out',
      add(gidX(), u32(2048)),
      bitXor(local('h6'), mul(local('acc'), local('bucket'))),
    ),
  ];
  return program({
    workgroupSize: [64, 1, 1],
    buffers: [
      readBuffer('input', 0, 'u32'),
      outputBuffer('out', 1, 'u32', 4096),
      outputBuffer('histogram', 2, 'u32', 16),
      outputBuffer('scaled', 3, 'f32', 4096),
      workgroupBuffer('tile', 64, 'u32'),
    ],
    entry: body,
  });
}

/** Statements plus expressions, counted iteratively. */
export function countNodes(root: Program): number {
  let count = 0;
  const stack: unknown[] = [...root.entry];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null) {
      continue;
    }
    if ('kind' in item) {
      count++;
    }
    for (const value of Object.values(item)) {
      if (Array.isArray(value)) {
        stack.push(...(value as unknown[]));
      } else if (typeof value === 'object' && value !== null) {
        stack.push(value);
      }
    }
  }
  return count;
}
