import { planBindings, storageElementSize, type Program } from '@vyre/ir';

// Deterministic input bytes for a program: one array per input of the binding ABI, the declared count
// (or `runtimeElements` for a runtime-sized buffer), filled from a seeded generator. Raw bytes cover
// every bit pattern: NaNs with payloads, subnormals, negative zeros, the largest integers.

/**
 * Seeded bytes for every input of `program`. With `small`, integer elements are kept in 0..3, so that
 * loops bounded by input values stay short.
 */
export function seededInputs(
  program: Program,
  seed: number,
  runtimeElements = 64,
  small = false,
): Uint8Array[] {
  let state = seed >>> 0;
  const next = (): number => {
    // splitmix32
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  return planBindings(program).inputs.map((index) => {
    const decl = program.buffers[index];
    if (decl === undefined) {
      return new Uint8Array(0);
    }
    const size = storageElementSize(decl.element);
    const granule = Math.max(4, size);
    const elements = decl.count > 0 ? decl.count : runtimeElements;
    const words = new Uint32Array(
      Math.ceil((elements * size) / granule) * (granule / 4),
    );
    for (let i = 0; i < words.length; i++) {
      words[i] = next();
    }
    if (decl.element === 'bool') {
      // Stored bools are 0 or 1: any other word is not a bool vyre could have written.
      words.forEach((word, i) => {
        words[i] = word & 1;
      });
    } else if (small && decl.element !== 'f32' && decl.element !== 'f16') {
      // Whole-word elements in 0..3; packed 8/16-bit elements with every byte in 0..3.
      words.forEach((word, i) => {
        words[i] = size >= 4 ? word & 0x3 : word & 0x03030303;
      });
    }
    return new Uint8Array(words.buffer);
  });
}
