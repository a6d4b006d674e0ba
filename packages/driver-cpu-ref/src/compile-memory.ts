import type { AtomicOp, BufferDecl, DataType } from '@vyre/ir';
import type { BufferMemory } from './buffer-memory.ts';
import type { Eval } from './compile-context.ts';
import type { Value } from './cpu-value.ts';
import type { Lane } from './lane.ts';
import { f16BitsToF32, f32ToF16Bits } from './f16-bits.ts';
import { atomicImpl } from './pinned-atomic.ts';

// Loads, stores and atomics: one specialized closure per element type, with the pinned out-of-bounds
// behaviour (loads yield zero, stores are dropped, atomics yield 0 and write nothing) counted in the
// run's OOB tallies.

const CANONICAL_NAN = 0x7fc00000;

const memOf = (lane: Lane, buffer: number): BufferMemory =>
  lane.mem[buffer] as BufferMemory;

/** `load(buffer, index)` for a buffer of `element`s at declaration index `buffer`. */
export function compileLoad(
  buffer: number,
  element: DataType,
  index: Eval,
): Eval {
  const oob = (lane: Lane): number => {
    lane.ctx.oobLoads++;
    return 0;
  };
  switch (element) {
    case 'u32':
      return (lane) => {
        const i = index(lane) as number;
        const m = memOf(lane, buffer);
        return i < m.length ? (m.u32[i] as number) : oob(lane);
      };
    case 'i32':
      return (lane) => {
        const i = index(lane) as number;
        const m = memOf(lane, buffer);
        return i < m.length ? (m.i32[i] as number) : oob(lane);
      };
    case 'f32':
      return (lane) => {
        const i = index(lane) as number;
        const m = memOf(lane, buffer);
        return i < m.length ? (m.f32[i] as number) : oob(lane);
      };
    case 'bool':
      return (lane) => {
        const i = index(lane) as number;
        const m = memOf(lane, buffer);
        if (i < m.length) {
          return m.u32[i] !== 0;
        }
        oob(lane);
        return false;
      };
    case 'u8':
      return (lane) => {
        const i = index(lane) as number;
        const m = memOf(lane, buffer);
        return i < m.length ? (m.bytes[i] as number) : oob(lane);
      };
    case 'i8':
      return (lane) => {
        const i = index(lane) as number;
        const m = memOf(lane, buffer);
        return i < m.length ? (m.i8[i] as number) : oob(lane);
      };
    case 'u16':
      return (lane) => {
        const i = index(lane) as number;
        const m = memOf(lane, buffer);
        return i < m.length ? (m.u16[i] as number) : oob(lane);
      };
    case 'i16':
      return (lane) => {
        const i = index(lane) as number;
        const m = memOf(lane, buffer);
        return i < m.length ? (m.i16[i] as number) : oob(lane);
      };
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return (lane) => {
        const i = index(lane) as number;
        const m = memOf(lane, buffer);
        if (i < m.length) {
          return [m.u32[2 * i] as number, m.u32[2 * i + 1] as number];
        }
        oob(lane);
        return [0, 0];
      };
    case 'vec4u32':
      return (lane) => {
        const i = index(lane) as number;
        const m = memOf(lane, buffer);
        if (i < m.length) {
          return [
            m.u32[4 * i] as number,
            m.u32[4 * i + 1] as number,
            m.u32[4 * i + 2] as number,
            m.u32[4 * i + 3] as number,
          ];
        }
        oob(lane);
        return [0, 0, 0, 0];
      };
    case 'f16':
      return (lane) => {
        const i = index(lane) as number;
        const m = memOf(lane, buffer);
        return i < m.length ? f16BitsToF32(m.u16[i] as number) : oob(lane);
      };
  }
}

/**
 * For 8- and 16-bit elements, the shift from element index to word index (a store to such an element
 * is a read-modify-write of its word on a GPU); undefined for every other element type.
 */
export function narrowWordShift(element: DataType): number | undefined {
  switch (element) {
    case 'u8':
    case 'i8':
      return 2;
    case 'u16':
    case 'i16':
    case 'f16':
      return 1;
    case 'u32':
    case 'i32':
    case 'f32':
    case 'bool':
    case 'u64':
    case 'i64':
    case 'vec2u32':
    case 'vec4u32':
      return undefined;
  }
}

/** Tells the race check's tracker, when there is one, that `lane` wrote part of a word. */
export function noteNarrowStore(
  lane: Lane,
  buffer: number,
  word: number,
  shared: boolean,
): void {
  lane.ctx.narrowStores?.note(lane, buffer, word, shared);
}

/** `store(buffer, index, value)`: evaluates the index, then the value, then writes (or drops) it. */
export function compileStore(
  buffer: number,
  decl: BufferDecl,
  index: Eval,
  value: Eval,
): (lane: Lane) => void {
  const write = storeWriter(decl.element);
  const shift = narrowWordShift(decl.element);
  const shared = decl.access === 'workgroup';
  if (shift !== undefined) {
    return (lane) => {
      const i = index(lane) as number;
      const v = value(lane);
      const m = memOf(lane, buffer);
      if (i < m.length) {
        write(m, i, v);
        noteNarrowStore(lane, buffer, i >>> shift, shared);
      } else {
        lane.ctx.oobStores++;
      }
    };
  }
  return (lane) => {
    const i = index(lane) as number;
    const v = value(lane);
    const m = memOf(lane, buffer);
    if (i < m.length) {
      write(m, i, v);
    } else {
      lane.ctx.oobStores++;
    }
  };
}

/** Writes a value into an in-bounds element of a buffer of `element`s, as docs/semantics.md pins stores. */
export function storeWriter(
  element: DataType,
): (m: BufferMemory, i: number, v: Value) => void {
  switch (element) {
    case 'u32':
      return (m, i, v) => {
        m.u32[i] = v as number;
      };
    case 'i32':
      return (m, i, v) => {
        m.i32[i] = v as number;
      };
    case 'f32':
      // NaN is stored as the canonical quiet NaN, whatever payload the computation produced.
      return (m, i, v) => {
        if (Number.isNaN(v)) {
          m.u32[i] = CANONICAL_NAN;
        } else {
          m.f32[i] = v as number;
        }
      };
    case 'bool':
      return (m, i, v) => {
        m.u32[i] = v === true ? 1 : 0;
      };
    case 'u8':
      return (m, i, v) => {
        m.bytes[i] = (v as number) & 0xff;
      };
    case 'i8':
      return (m, i, v) => {
        m.i8[i] = v as number;
      };
    case 'u16':
      return (m, i, v) => {
        m.u16[i] = (v as number) & 0xffff;
      };
    case 'i16':
      return (m, i, v) => {
        m.i16[i] = v as number;
      };
    case 'u64':
    case 'i64':
    case 'vec2u32':
      return (m, i, v) => {
        const words = v as readonly number[];
        m.u32[2 * i] = words[0] ?? 0;
        m.u32[2 * i + 1] = words[1] ?? 0;
      };
    case 'vec4u32':
      return (m, i, v) => {
        const words = v as readonly number[];
        for (let k = 0; k < 4; k++) {
          m.u32[4 * i + k] = words[k] ?? 0;
        }
      };
    case 'f16':
      return (m, i, v) => {
        m.u16[i] = f32ToF16Bits(v as number);
      };
  }
}

/**
 * An atomic on a u32 buffer: evaluates index, expected (compare-exchange only) and value in that order,
 * then updates the element and yields its previous value; out of bounds it yields 0 and writes nothing.
 */
export function compileAtomic(
  buffer: number,
  op: AtomicOp,
  index: Eval,
  value: Eval,
  expected: Eval | undefined,
): Eval {
  const update = atomicImpl(op);
  return (lane) => {
    const i = index(lane) as number;
    const e = expected === undefined ? undefined : (expected(lane) as number);
    const v = value(lane) as number;
    const m = memOf(lane, buffer);
    if (i >= m.length) {
      lane.ctx.oobAtomics++;
      return 0;
    }
    const old = m.u32[i] as number;
    m.u32[i] = update(old, v, e);
    return old;
  };
}
