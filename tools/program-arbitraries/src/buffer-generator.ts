import fc from 'fast-check';
import {
  outputBuffer,
  readBuffer,
  readWriteBuffer,
  storageElementSize,
  workgroupBuffer,
  type BufferDecl,
  type DataType,
} from '@vyre/ir';

// The buffers and workgroup shapes generated programs declare.

/** Element types of generated buffers. */
const ELEMENTS: readonly DataType[] = [
  'u32',
  'i32',
  'f32',
  'bool',
  'u8',
  'i8',
  'u16',
  'i16',
  'u64',
  'i64',
  'vec2u32',
  'vec4u32',
];
/** Workgroup sizes of generated programs (some 2-D and 3-D). */
export const WORKGROUP_SIZES: ReadonlyArray<readonly [number, number, number]> =
  [
    [1, 1, 1],
    [4, 1, 1],
    [8, 1, 1],
    [64, 1, 1],
    [4, 2, 1],
    [2, 2, 2],
  ];

/**
 * The buffers of a generated program: 1-3 inputs of any element type (read-only or read-write, static
 * or runtime-sized), 1-2 outputs, the u32 `counter` output atomics target, and sometimes a workgroup
 * buffer `shared` of one element per lane (with `wordPerLane`, of one word per lane, so that lanes
 * owning 8- or 16-bit slots own whole words).
 */
export function generateBuffers(
  draw: fc.GeneratorValue,
  workgroupInvocations: number,
  wordPerLane: boolean,
): BufferDecl[] {
  const decls: BufferDecl[] = [];
  let binding = 0;
  const inputs = draw(fc.integer, { min: 1, max: 3 });
  for (let i = 0; i < inputs; i++) {
    const element = draw(() => fc.constantFrom(...ELEMENTS));
    const count = draw(() => fc.constantFrom(0, 16, 64));
    decls.push(
      draw(fc.boolean)
        ? readBuffer(`in${i}`, binding++, element, { count })
        : readWriteBuffer(`in${i}`, binding++, element, { count }),
    );
  }
  const outputs = draw(fc.integer, { min: 1, max: 2 });
  for (let i = 0; i < outputs; i++) {
    decls.push(
      outputBuffer(
        `out${i}`,
        binding++,
        draw(() => fc.constantFrom(...ELEMENTS)),
        draw(() => fc.constantFrom(1, 16, 64, 256)),
      ),
    );
  }
  decls.push(outputBuffer('counter', binding, 'u32', 4));
  if (draw(fc.boolean)) {
    const element = draw(() =>
      fc.constantFrom<DataType>('u32', 'i32', 'f32', 'u8'),
    );
    const spread = wordPerLane
      ? Math.max(1, 4 / storageElementSize(element))
      : 1;
    decls.push(
      workgroupBuffer('shared', workgroupInvocations * spread, element),
    );
  }
  return decls;
}
