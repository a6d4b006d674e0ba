import {
  isTranscendentalUnOp,
  planBindings,
  storageElementSize,
  type DataType,
  type Program,
} from '@vyre/ir';

// The comparison window of docs/semantics.md: integer and bool outputs byte for byte; f32 (and f16)
// outputs as values within a sign-aware ULP distance, 4 ULP for elementary programs and 128 when a
// transcendental appears; any NaN equals any NaN; a subnormal equals a zero of the same sign; the two
// zeros are equal (Vulkan does not preserve the sign of a zero that arithmetic produces).

/** One output element that differs beyond the window. */
export interface OutputMismatch {
  readonly output: string;
  readonly element: number;
  readonly expected: string;
  readonly found: string;
}

/** Whether `program` calls a transcendental function anywhere. */
export function usesTranscendental(program: Program): boolean {
  let found = false;
  const visit = (value: unknown): void => {
    if (found || typeof value !== 'object' || value === null) {
      return;
    }
    if (
      'kind' in value &&
      value.kind === 'unary' &&
      'op' in value &&
      typeof value.op === 'string' &&
      isTranscendentalUnOp(
        value.op as Parameters<typeof isTranscendentalUnOp>[0],
      )
    ) {
      found = true;
      return;
    }
    for (const child of Object.values(value)) {
      visit(child);
    }
  };
  visit(program.entry);
  return found;
}

/** The ULP budget of f32 outputs of `program`. */
export function ulpBudget(program: Program): number {
  return usesTranscendental(program) ? 128 : 4;
}

/** Every output element of `found` outside the window around `expected` (the CPU reference's). */
export function compareOutputs(
  program: Program,
  expected: readonly Uint8Array[],
  found: readonly Uint8Array[],
): OutputMismatch[] {
  const budget = ulpBudget(program);
  const mismatches: OutputMismatch[] = [];
  planBindings(program).outputs.forEach((index, position) => {
    const decl = program.buffers[index];
    const a = expected[position] ?? new Uint8Array(0);
    const b = found[position] ?? new Uint8Array(0);
    const name = decl?.name ?? `output ${position}`;
    if (a.byteLength !== b.byteLength) {
      mismatches.push({
        output: name,
        element: -1,
        expected: `${a.byteLength} bytes`,
        found: `${b.byteLength} bytes`,
      });
      return;
    }
    const element = decl?.element ?? 'u32';
    const first = firstMismatch(element, a, b, budget);
    if (first !== undefined) {
      mismatches.push({ output: name, ...first });
    }
  });
  return mismatches;
}

function firstMismatch(
  element: DataType,
  a: Uint8Array,
  b: Uint8Array,
  budget: number,
): Omit<OutputMismatch, 'output'> | undefined {
  const size = storageElementSize(element);
  const va = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const vb = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const count = Math.floor(a.byteLength / size);
  for (let i = 0; i < count; i++) {
    if (element === 'f32') {
      const x = va.getUint32(i * 4, true);
      const y = vb.getUint32(i * 4, true);
      if (!withinUlp(x, y, budget, F32)) {
        return { element: i, expected: hex(x, 8), found: hex(y, 8) };
      }
    } else if (element === 'f16') {
      const x = va.getUint16(i * 2, true);
      const y = vb.getUint16(i * 2, true);
      if (!withinUlp(x, y, budget, F16)) {
        return { element: i, expected: hex(x, 4), found: hex(y, 4) };
      }
    } else {
      for (let k = 0; k < size; k++) {
        if (a[i * size + k] !== b[i * size + k]) {
          const bytes = (v: Uint8Array): string =>
            Array.from(v.subarray(i * size, (i + 1) * size), (byte) =>
              byte.toString(16).padStart(2, '0'),
            ).join('');
          return { element: i, expected: bytes(a), found: bytes(b) };
        }
      }
    }
  }
  return undefined;
}

interface FloatFormat {
  readonly sign: number;
  readonly exponentMask: number;
  readonly mantissaMask: number;
}
const F32: FloatFormat = {
  sign: 0x8000_0000,
  exponentMask: 0x7f80_0000,
  mantissaMask: 0x007f_ffff,
};
const F16: FloatFormat = {
  sign: 0x8000,
  exponentMask: 0x7c00,
  mantissaMask: 0x03ff,
};

function withinUlp(
  x: number,
  y: number,
  budget: number,
  f: FloatFormat,
): boolean {
  if (x === y) {
    return true;
  }
  const isNan = (v: number): boolean =>
    (v & f.exponentMask) === f.exponentMask && (v & f.mantissaMask) !== 0;
  if (isNan(x) || isNan(y)) {
    return isNan(x) && isNan(y);
  }
  // A subnormal may be flushed to a zero of the same sign, and the sign of a zero is not kept by every
  // GPU: all zeros are equal.
  const magnitude = (v: number): number => (v & ~f.sign) >>> 0;
  const flush = (v: number): number =>
    (v & f.exponentMask) === 0 ? 0 : magnitude(v);
  if (flush(x) === 0 && flush(y) === 0) {
    return true;
  }
  // Otherwise count the representable values between them on one number line.
  const ordinal = (v: number): number =>
    (v & f.sign) !== 0 ? -magnitude(v) : magnitude(v);
  return Math.abs(ordinal(x) - ordinal(y)) <= budget;
}

function hex(value: number, digits: number): string {
  return `0x${(value >>> 0).toString(16).padStart(digits, '0')}`;
}
