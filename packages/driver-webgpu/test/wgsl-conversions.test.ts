import { describe, expect, it } from 'vitest';
import {
  cast,
  emitWgsl,
  gidX,
  load,
  outputBuffer,
  program,
  readBuffer,
  store,
  unary,
  type DataType,
  type Expr,
  type Program,
} from '@vyre/ir';
import { acquireGpuTestDevice } from './gpu-test-device.ts';
import { BufferUsage, MapMode } from './webgpu-constants.ts';

// The pinned conversions (docs/semantics.md, "Conversions") and `sign` run on a real device: emitted
// programs `out[i] = f(in[i])` over boundary values (every kind of tie between two f32 neighbours, the
// ends of each range, NaN, zeros, infinities, subnormals) and seeded random values. The expected bits
// are computed here from first principles: Math.fround (an IEEE round to nearest, ties to even),
// Math.trunc and plain comparisons, never through the emitter.

const WORKGROUP = 64;

/** Runs `out[i] = apply(in[i])` for every input word and returns the output words. */
async function runElementwise(
  device: GPUDevice,
  from: DataType,
  to: DataType,
  apply: (x: Expr) => Expr,
  input: Uint32Array,
): Promise<Uint32Array> {
  const n = input.length;
  const p: Program = program({
    workgroupSize: [WORKGROUP, 1, 1],
    buffers: [readBuffer('in', 0, from), outputBuffer('out', 1, to, n)],
    entry: [store('out', gidX(), apply(load('in', gidX())))],
  });
  const emitted = emitWgsl(p);
  if (!emitted.ok) {
    return expect.fail(emitted.error.message);
  }
  const module = device.createShaderModule({ code: emitted.value.code });
  const info = await module.getCompilationInfo();
  expect(info.messages.map((m) => `${m.type}: ${m.message}`)).toEqual([]);
  const pipeline = await device.createComputePipelineAsync({
    layout: 'auto',
    compute: { module, entryPoint: 'main' },
  });
  const inputGpu = device.createBuffer({
    size: n * 4,
    usage: BufferUsage.STORAGE | BufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(inputGpu, 0, input);
  const outputGpu = device.createBuffer({
    size: n * 4,
    usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC,
  });
  const readback = device.createBuffer({
    size: n * 4,
    usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST,
  });
  try {
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: inputGpu } },
        { binding: 1, resource: { buffer: outputGpu } },
      ],
    });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(n / WORKGROUP));
    pass.end();
    encoder.copyBufferToBuffer(outputGpu, 0, readback, 0, n * 4);
    device.queue.submit([encoder.finish()]);
    await readback.mapAsync(MapMode.READ);
    const words = new Uint32Array(readback.getMappedRange().slice(0));
    readback.unmap();
    return words;
  } finally {
    inputGpu.destroy();
    outputGpu.destroy();
    readback.destroy();
  }
}

// Bits and values of f32s, through one shared word.
const scratch = new DataView(new ArrayBuffer(4));
function f32Bits(value: number): number {
  scratch.setFloat32(0, value, true);
  return scratch.getUint32(0, true);
}
function f32FromBits(bits: number): number {
  scratch.setUint32(0, bits, true);
  return scratch.getFloat32(0, true);
}
const hex = (word: number): string =>
  `0x${(word >>> 0).toString(16).padStart(8, '0')}`;

// xorshift32: a fixed seed gives the same values on every run.
function randomWords(seed: number, count: number): number[] {
  let state = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out.push(state);
  }
  return out;
}

// u32 values exactly halfway between two adjacent f32s, for every exponent where u32s are inexact
// (2^24 .. 2^31) and lower neighbours with even and odd mantissas, with the values one above and one
// below each tie. Built with BigInt from the definition: the neighbours are m·2^k and (m+1)·2^k
// with m a 24-bit mantissa, the tie is their mean.
function tieNeighbourhoods(): { ties: number[]; near: number[] } {
  const ties: number[] = [];
  const near: number[] = [];
  for (let k = 1n; k <= 8n; k++) {
    const mantissas = [
      1n << 23n,
      (1n << 23n) + 1n,
      (1n << 23n) + 2n,
      (1n << 23n) + 3n,
      0xabcdefn,
      0xabcdeen,
      (1n << 24n) - 2n,
      (1n << 24n) - 1n,
    ];
    for (const m of mantissas) {
      const tie = m * (1n << k) + (1n << (k - 1n));
      if (tie > 0xffff_ffffn) {
        continue;
      }
      ties.push(Number(tie));
      near.push(Number(tie - 1n));
      if (tie < 0xffff_ffffn) {
        near.push(Number(tie + 1n));
      }
    }
  }
  return { ties, near };
}

const { ties: TIES, near: NEAR_TIES } = tieNeighbourhoods();

const U32_BOUNDARIES = [
  0, 1, 2, 3, 0x7f_ffff, 0x80_0000, 0xff_ffff, 0x100_0000, 0x100_0001,
  0x100_0002, 0x100_0003, 0x100_0005, 0x200_0002, 0x200_0006, 0x7fff_ffff,
  0x8000_0000, 0x8000_0001, 0x8000_0080, 0x8000_0180, 0xffff_fe80, 0xffff_ff80,
  0xffff_ff7f, 0xffff_ff81, 0xffff_ffff,
];

function u32Inputs(): number[] {
  const random = randomWords(0x9e37_79b9, 3000);
  // Random magnitudes too, so that every exponent is well covered.
  const shifted = randomWords(0x1234_5678, 1000).map(
    (word, i) => word >>> (i % 32),
  );
  return [...U32_BOUNDARIES, ...TIES, ...NEAR_TIES, ...random, ...shifted];
}

function i32Inputs(): number[] {
  const magnitudes = [...U32_BOUNDARIES, ...TIES, ...NEAR_TIES].filter(
    (x) => x <= 0x8000_0000,
  );
  const signed = magnitudes.flatMap((x) => [x | 0, -x | 0]);
  const random = randomWords(0x0bad_cafe, 3000).map((word) => word | 0);
  const shifted = randomWords(0x5eed_5eed, 1000).map(
    (word, i) => (word | 0) >> (i % 32),
  );
  return [-0x8000_0000, 0x7fff_ffff, -1, ...signed, ...random, ...shifted];
}

const F32_SPECIALS = [
  0x7fc0_0000, // NaN
  0xffc0_0001, // a negative NaN with a payload
  0x7f80_0001, // a signalling NaN
  0x0000_0000, // +0
  0x8000_0000, // -0
  0x7f80_0000, // +inf
  0xff80_0000, // -inf
  0x0000_0001, // the smallest subnormal
  0x8000_0001,
  0x007f_ffff, // the largest subnormal
  0x807f_ffff,
  0x0080_0000, // the smallest normal
  0x8080_0000,
];

function f32Inputs(): number[] {
  const values = [
    2 ** 31,
    -(2 ** 31),
    2 ** 32,
    -(2 ** 32),
    -1,
    0.5,
    -0.5,
    0.99999994,
    1,
    1.5,
    -1.5,
    4294967040, // the largest f32 below 2^32
    2147483520, // the largest f32 below 2^31
    -2147483904, // the f32 just below -2^31
    2 ** 24 + 2,
    1e30,
    -1e30,
    3.4028234663852886e38,
  ];
  const random = randomWords(0xf10a_7000, 2000);
  // Values spread over the integer range and a little beyond, with fractions.
  const scaled = randomWords(0x0dd_ba11, 2000).map((word, i) =>
    f32Bits(((word / 2 ** 32) * 2 - 1) * 2 ** (i % 34)),
  );
  return [...F32_SPECIALS, ...values.map(f32Bits), ...random, ...scaled];
}

function truncSaturate(bits: number, min: number, max: number): number {
  const value = f32FromBits(bits);
  if (Number.isNaN(value)) {
    return 0;
  }
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

const isNanBits = (bits: number): boolean => (bits & 0x7fff_ffff) > 0x7f80_0000;

interface ConversionCase {
  readonly name: string;
  readonly from: DataType;
  readonly to: DataType;
  readonly apply: (x: Expr) => Expr;
  readonly inputs: () => number[];
  /** The expected output word for an input word; `undefined` means "any NaN". */
  readonly expected: (input: number) => number | undefined;
}

const CASES: readonly ConversionCase[] = [
  {
    name: 'cast u32 → f32 rounds to nearest, ties to even',
    from: 'u32',
    to: 'f32',
    apply: (x) => cast('f32', x),
    inputs: u32Inputs,
    expected: (x) => f32Bits(Math.fround(x >>> 0)),
  },
  {
    name: 'cast i32 → f32 rounds to nearest, ties to even',
    from: 'i32',
    to: 'f32',
    apply: (x) => cast('f32', x),
    inputs: () => i32Inputs().map((x) => x >>> 0),
    expected: (x) => f32Bits(Math.fround(x | 0)),
  },
  {
    name: 'cast f32 → u32 truncates and saturates',
    from: 'f32',
    to: 'u32',
    apply: (x) => cast('u32', x),
    inputs: f32Inputs,
    expected: (bits) => truncSaturate(bits, 0, 0xffff_ffff) >>> 0,
  },
  {
    name: 'cast f32 → i32 truncates and saturates',
    from: 'f32',
    to: 'i32',
    apply: (x) => cast('i32', x),
    inputs: f32Inputs,
    expected: (bits) => truncSaturate(bits, -(2 ** 31), 2 ** 31 - 1) >>> 0,
  },
  {
    name: 'sign keeps ±0 and NaN, gives ±1 for everything else (subnormals too)',
    from: 'f32',
    to: 'f32',
    apply: (x) => unary('sign', x),
    inputs: () => [
      ...F32_SPECIALS,
      0x0000_0002,
      0x8000_0100,
      0x0040_0000,
      0x8040_0000,
      ...randomWords(0x5191_0000, 500),
    ],
    expected: (bits) => {
      if (isNanBits(bits)) {
        return undefined;
      }
      if ((bits & 0x7fff_ffff) === 0) {
        return bits;
      }
      return ((bits & 0x8000_0000) | 0x3f80_0000) >>> 0;
    },
  },
];

describe('the conversion test inputs', () => {
  it('include halfway values that are exact ties, with even and odd lower neighbours', () => {
    const parities = new Set<number>();
    for (const tie of TIES) {
      const rounded = Math.fround(tie);
      const down = Math.fround(tie - 1);
      const up = Math.fround(tie + 1);
      // The tie lies strictly between its neighbours, at the same distance from each.
      expect(down).toBeLessThan(tie);
      expect(up).toBeGreaterThan(tie);
      expect(tie - down).toBe(up - tie);
      expect([down, up]).toContain(rounded);
      parities.add((f32Bits(down) & 1) >>> 0);
    }
    expect([...parities].sort()).toEqual([0, 1]);
  });
});

describe('pinned conversions on the GPU', { tags: ['gpu'] }, () => {
  it.for(CASES)('$name', async (entry, { skip }) => {
    const { device } = await acquireGpuTestDevice(skip);
    const inputs = Uint32Array.from(entry.inputs(), (x) => x >>> 0);
    let words: Uint32Array;
    try {
      words = await runElementwise(
        device,
        entry.from,
        entry.to,
        entry.apply,
        inputs,
      );
    } finally {
      device.destroy();
    }
    const mismatches: string[] = [];
    inputs.forEach((input, i) => {
      const want = entry.expected(input);
      const got = words[i] ?? 0;
      const ok = want === undefined ? isNanBits(got) : got === want;
      if (!ok) {
        mismatches.push(
          `in ${hex(input)}: expected ${want === undefined ? 'NaN' : hex(want)}, got ${hex(got)}`,
        );
      }
    });
    expect(inputs.length).toBeGreaterThan(500);
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});
