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

/** One line for a mismatch: `out[3]: expected 0x..., found 0x...`. */
export function describeMismatch(m: OutputMismatch): string {
  return `${m.output}[${m.element}]: expected ${m.expected}, found ${m.found}`;
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
  return compareOutputsWithAny(program, [expected], found);
}

/**
 * Like {@link compareOutputs}, but an element agrees when it is within the window of the same element
 * of any of the `candidates` (for example the CPU reference with subnormals kept and flushed). Reports
 * the first element of each output that agrees with none.
 */
export function compareOutputsWithAny(
  program: Program,
  candidates: readonly (readonly Uint8Array[])[],
  found: readonly Uint8Array[],
): OutputMismatch[] {
  const budget = ulpBudget(program);
  const mismatches: OutputMismatch[] = [];
  planBindings(program).outputs.forEach((index, position) => {
    const decl = program.buffers[index];
    const b = found[position] ?? new Uint8Array(0);
    const name = decl?.name ?? `output ${position}`;
    const references = candidates.map(
      (outputs) => outputs[position] ?? new Uint8Array(0),
    );
    const first = references[0] ?? new Uint8Array(0);
    if (references.every((a) => a.byteLength !== b.byteLength)) {
      mismatches.push({
        output: name,
        element: -1,
        expected: `${first.byteLength} bytes`,
        found: `${b.byteLength} bytes`,
      });
      return;
    }
    const element = decl?.element ?? 'u32';
    const size = storageElementSize(element);
    const count = Math.floor(b.byteLength / size);
    for (let i = 0; i < count; i++) {
      const agrees = references.some(
        (a) =>
          a.byteLength === b.byteLength &&
          elementAgrees(element, a, b, i, budget),
      );
      if (!agrees) {
        mismatches.push({
          output: name,
          element: i,
          expected: show(element, first, i),
          found: show(element, b, i),
        });
        return;
      }
    }
  });
  return mismatches;
}

function elementAgrees(
  element: DataType,
  a: Uint8Array,
  b: Uint8Array,
  i: number,
  budget: number,
): boolean {
  const va = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const vb = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (element === 'f32') {
    return withinUlp(
      va.getUint32(i * 4, true),
      vb.getUint32(i * 4, true),
      budget,
      F32,
    );
  }
  if (element === 'f16') {
    return withinUlp(
      va.getUint16(i * 2, true),
      vb.getUint16(i * 2, true),
      budget,
      F16,
    );
  }
  const size = storageElementSize(element);
  for (let k = 0; k < size; k++) {
    if (a[i * size + k] !== b[i * size + k]) {
      return false;
    }
  }
  return true;
}

function show(element: DataType, bytes: Uint8Array, i: number): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (element === 'f32') {
    return hex(view.getUint32(i * 4, true), 8);
  }
  if (element === 'f16') {
    return hex(view.getUint16(i * 2, true), 4);
  }
  const size = storageElementSize(element);
  return Array.from(bytes.subarray(i * size, (i + 1) * size), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
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
