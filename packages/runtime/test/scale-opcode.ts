import {
  add,
  load,
  local,
  loop,
  mul,
  readBuffer,
  readWriteBuffer,
  store,
  u32,
  type BufferDecl,
} from '@vyre/ir';
import type { OpcodeHandler } from '../src/index.ts';

// A user opcode over data buffers that several run tests share: SCALE multiplies the segment
// data[a0 .. a0 + a1) by factors[a2]. Items that own disjoint segments give results independent of
// the order the lanes run them.

export const SCALE = 0x4000_0100;

export const scaleHandlers: OpcodeHandler[] = [
  {
    opcode: SCALE,
    body: [
      loop('i', u32(0), local('a1'), [
        store(
          'data',
          add(local('a0'), local('i')),
          mul(
            load('data', add(local('a0'), local('i'))),
            load('factors', local('a2')),
          ),
        ),
      ]),
    ],
  },
];

/** `data` (binding 4, read-write) and `factors` (binding 5, read-only). */
export const scaleDataBuffers: [BufferDecl, BufferDecl] = [
  readWriteBuffer('data', 4, 'u32'),
  readBuffer('factors', 5, 'u32'),
];

/** `data` after every item i scaled its segment of `segment` words by factors[i % factors.length]. */
export const scaled = (
  data: Uint32Array,
  factors: Uint32Array,
  segment: number,
): number[] =>
  Array.from(
    data,
    (v, i) => v * (factors[Math.floor(i / segment) % factors.length] ?? 0),
  );
