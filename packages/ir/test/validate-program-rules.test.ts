import { describe, expect, it } from 'vitest';
import {
  outputBuffer,
  readBuffer,
  readWriteBuffer,
  uniformBuffer,
  workgroupBuffer,
  type BufferDecl,
} from '../src/buffer-decl.ts';
import { cast, f32, gidX, load, u32 } from '../src/expr-builders.ts';
import { letBind, region, store } from '../src/node-builders.ts';
import type { Node } from '../src/node.ts';
import { program, type Program } from '../src/program.ts';
import {
  BASELINE_WGSL_CAPABILITIES,
  type TargetCapabilities,
  type TargetLimits,
} from '../src/target-capabilities.ts';
import { validateProgram } from '../src/validate.ts';
import type { ValidationCode } from '../src/validation-code.ts';

// Program-level rules (workgroup size and buffer declarations): for each code, a program that
// triggers it (code, JSON Pointer, message) and the nearest valid program, which is clean.

const OUT = outputBuffer('out', 0, 'u32', 64);
const BODY: readonly Node[] = [store('out', gidX(), u32(1))];

function withBuffers(
  buffers: readonly BufferDecl[],
  body: readonly Node[] = BODY,
): Program {
  return program({ buffers: [OUT, ...buffers], entry: body });
}

function withWorkgroupSize(size: readonly [number, number, number]): Program {
  return program({ workgroupSize: size, buffers: [OUT], entry: BODY });
}

const F16_CAPS: TargetCapabilities = {
  ...BASELINE_WGSL_CAPABILITIES,
  shaderF16: true,
};

// A target with more of one limit than the WebGPU defaults.
function withLimits(limits: Partial<TargetLimits>): TargetCapabilities {
  return {
    ...BASELINE_WGSL_CAPABILITIES,
    limits: { ...BASELINE_WGSL_CAPABILITIES.limits, ...limits },
  };
}

// Per-axis limits of 1024, so that a workgroup of 257 invocations is only over the invocation limit.
const WIDE_AXES = withLimits({
  maxComputeWorkgroupSizeX: 1024,
  maxComputeWorkgroupSizeY: 1024,
});
// Room for 65536 u32 words of workgroup memory, so that the array count limit (V109) shows alone.
const LARGE_WORKGROUP_MEMORY = withLimits({
  maxComputeWorkgroupStorageSize: 1 << 20,
});

// `count` read-only storage buffers after OUT, at bindings 1..count.
function inputs(count: number): BufferDecl[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? readBuffer(`in${i}`, i + 1, 'u32')
      : uniformBuffer(`in${i}`, i + 1, 'u32'),
  );
}

interface Case {
  readonly name: string;
  readonly code: ValidationCode;
  readonly bad: Program;
  readonly path: string;
  /** What the message must say (the value found, and what was expected). */
  readonly says: RegExp;
  /** The nearest valid program. */
  readonly good: Program;
  /** The target both programs are validated for; the baseline when absent. */
  readonly capabilities?: TargetCapabilities;
}

const CASES: readonly Case[] = [
  {
    name: 'a top-level store outside a region',
    code: 'V105',
    bad: { workgroupSize: [64, 1, 1], buffers: [OUT], entry: BODY },
    path: '/entry/0',
    says: /"store": expected a region/,
    good: {
      workgroupSize: [64, 1, 1],
      buffers: [OUT],
      entry: [region('r', BODY)],
    },
  },
  {
    name: 'workgroup axis 0 (1 is the minimum)',
    code: 'V106',
    bad: withWorkgroupSize([0, 1, 1]),
    path: '/workgroupSize/0',
    says: /axis 0 is 0: expected an integer in 1\.\.256 \(the target's maxComputeWorkgroupSizeX\)/,
    good: withWorkgroupSize([1, 1, 1]),
  },
  {
    name: 'workgroup x of 257 (256 is the default maximum)',
    code: 'V106',
    bad: withWorkgroupSize([257, 1, 1]),
    path: '/workgroupSize/0',
    says: /axis 0 is 257: expected an integer in 1\.\.256 \(the target's maxComputeWorkgroupSizeX\)/,
    good: withWorkgroupSize([256, 1, 1]),
  },
  {
    name: 'workgroup y of 257 (256 is the default maximum)',
    code: 'V106',
    bad: withWorkgroupSize([1, 257, 1]),
    path: '/workgroupSize/1',
    says: /axis 1 is 257: expected an integer in 1\.\.256 \(the target's maxComputeWorkgroupSizeY\)/,
    good: withWorkgroupSize([1, 256, 1]),
  },
  {
    name: 'workgroup z of 65 (64 is the default maximum)',
    code: 'V106',
    bad: withWorkgroupSize([1, 1, 65]),
    path: '/workgroupSize/2',
    says: /axis 2 is 65: expected an integer in 1\.\.64 \(the target's maxComputeWorkgroupSizeZ\)/,
    good: withWorkgroupSize([1, 1, 64]),
  },
  {
    name: 'workgroup x of 1025 on a target whose x limit is 1024',
    code: 'V106',
    bad: withWorkgroupSize([1025, 1, 1]),
    path: '/workgroupSize/0',
    says: /axis 0 is 1025: expected an integer in 1\.\.1024/,
    good: withWorkgroupSize([1024, 1, 1]),
    capabilities: withLimits({
      maxComputeWorkgroupSizeX: 1024,
      maxComputeInvocationsPerWorkgroup: 1024,
    }),
  },
  {
    name: 'workgroup axis NaN',
    code: 'V106',
    bad: withWorkgroupSize([64, 1, Number.NaN]),
    path: '/workgroupSize/2',
    says: /axis 2 is NaN: expected an integer/,
    good: withWorkgroupSize([64, 1, 2]),
  },
  {
    name: 'workgroup axis 1.5',
    code: 'V106',
    bad: withWorkgroupSize([1.5, 1, 1]),
    path: '/workgroupSize/0',
    says: /axis 0 is 1\.5: expected an integer/,
    good: withWorkgroupSize([2, 1, 1]),
  },
  {
    name: 'a workgroup of 257 invocations (256 is the default maximum)',
    code: 'V138',
    bad: withWorkgroupSize([257, 1, 1]),
    path: '/workgroupSize',
    says: /the workgroup size 257 × 1 × 1 has 257 invocations: expected at most 256 \(the target's maxComputeInvocationsPerWorkgroup\), found 257/,
    good: withWorkgroupSize([256, 1, 1]),
    capabilities: WIDE_AXES,
  },
  {
    name: 'a workgroup of 128 × 2 × 2 = 512 invocations',
    code: 'V138',
    bad: withWorkgroupSize([128, 2, 2]),
    path: '/workgroupSize',
    says: /128 × 2 × 2 has 512 invocations: expected at most 256 .* found 512/,
    good: withWorkgroupSize([128, 2, 1]),
  },
  {
    name: 'a workgroup of 16 × 16 × 2 = 512 invocations on a target allowing 511',
    code: 'V138',
    bad: withWorkgroupSize([16, 16, 2]),
    path: '/workgroupSize',
    says: /has 512 invocations: expected at most 511 .* found 512/,
    good: withWorkgroupSize([511, 1, 1]),
    capabilities: withLimits({
      maxComputeWorkgroupSizeX: 1024,
      maxComputeInvocationsPerWorkgroup: 511,
    }),
  },
  {
    name: 'a duplicate buffer name',
    code: 'V107',
    bad: withBuffers([readBuffer('out', 1, 'u32')]),
    path: '/buffers/1/name',
    says: /"out" is declared twice: expected unique names, found it at \/buffers\/0 and \/buffers\/1/,
    good: withBuffers([readBuffer('in', 1, 'u32')]),
  },
  {
    name: 'a duplicate binding',
    code: 'V108',
    bad: withBuffers([readBuffer('in', 0, 'u32')]),
    path: '/buffers/1/binding',
    says: /binding 0 is used twice: expected one storage buffer per binding, found \/buffers\/0 and \/buffers\/1/,
    good: withBuffers([readBuffer('in', 1, 'u32')]),
  },
  {
    name: 'binding 1000 (999 is the maximum)',
    code: 'V108',
    bad: withBuffers([readBuffer('in', 1000, 'u32')]),
    path: '/buffers/1/binding',
    says: /binding 1000: expected an integer in 0\.\.999/,
    good: withBuffers([readBuffer('in', 999, 'u32')]),
  },
  {
    name: 'binding -1',
    code: 'V108',
    bad: withBuffers([readBuffer('in', -1, 'u32')]),
    path: '/buffers/1/binding',
    says: /binding -1: expected an integer in 0\.\.999/,
    good: withBuffers([readBuffer('in', 1, 'u32')]),
  },
  {
    name: 'a workgroup buffer of count 0',
    code: 'V109',
    bad: withBuffers([workgroupBuffer('w', 0, 'u32')]),
    path: '/buffers/1/count',
    says: /"w" has count 0: expected a positive integer element count/,
    good: withBuffers([workgroupBuffer('w', 1, 'u32')]),
  },
  {
    name: 'a workgroup buffer of 65536 u32 words (65535 is the WGSL array maximum)',
    code: 'V109',
    bad: withBuffers([workgroupBuffer('w', 65_536, 'u32')]),
    path: '/buffers/1/count',
    says: /"w" has count 65536: expected a WGSL array of at most 65535 elements, found 65536/,
    good: withBuffers([workgroupBuffer('w', 65_535, 'u32')]),
    capabilities: LARGE_WORKGROUP_MEMORY,
  },
  {
    name: 'a workgroup buffer of 262141 u8 (65536 packed words)',
    code: 'V109',
    bad: withBuffers([workgroupBuffer('w', 262_141, 'u8')]),
    path: '/buffers/1/count',
    says: /"w" has count 262141 \(u8, packed into 65536 u32 words\): expected a WGSL array of at most 65535 elements, found 65536/,
    good: withBuffers([workgroupBuffer('w', 262_140, 'u8')]),
    capabilities: LARGE_WORKGROUP_MEMORY,
  },
  {
    name: 'a workgroup buffer of 131071 i16 (65536 packed words)',
    code: 'V109',
    bad: withBuffers([workgroupBuffer('w', 131_071, 'i16')]),
    path: '/buffers/1/count',
    says: /count 131071 \(i16, packed into 65536 u32 words\): expected .* found 65536/,
    good: withBuffers([workgroupBuffer('w', 131_070, 'i16')]),
    capabilities: LARGE_WORKGROUP_MEMORY,
  },
  {
    name: 'a workgroup buffer of 65536 vec2u32 (the limit counts elements, not words)',
    code: 'V109',
    bad: withBuffers([workgroupBuffer('w', 65_536, 'vec2u32')]),
    path: '/buffers/1/count',
    says: /"w" has count 65536: expected a WGSL array of at most 65535 elements, found 65536/,
    good: withBuffers([workgroupBuffer('w', 65_535, 'vec2u32')]),
    capabilities: LARGE_WORKGROUP_MEMORY,
  },
  {
    name: 'workgroup buffers of 16388 bytes (16384 is the default maximum)',
    code: 'V139',
    bad: withBuffers([workgroupBuffer('w', 4097, 'u32')]),
    path: '/buffers/1',
    says: /the workgroup buffers take 16388 bytes: expected at most 16384 \(the target's maxComputeWorkgroupStorageSize\), found 16388, over the limit from buffer "w" on/,
    good: withBuffers([workgroupBuffer('w', 4096, 'u32')]),
  },
  {
    name: 'workgroup buffers of 16388 bytes in all, each padded to whole words',
    code: 'V139',
    bad: withBuffers([
      workgroupBuffer('a', 4095, 'u32'),
      workgroupBuffer('b', 1, 'u8'),
      readBuffer('in', 1, 'u32'),
      workgroupBuffer('c', 1, 'u16'),
    ]),
    path: '/buffers/4',
    says: /take 16388 bytes: expected at most 16384 .* over the limit from buffer "c" on/,
    good: withBuffers([
      workgroupBuffer('a', 4095, 'u32'),
      workgroupBuffer('b', 1, 'u8'),
      readBuffer('in', 1, 'u32'),
    ]),
  },
  {
    name: 'a workgroup buffer of 16388 bytes on a target with 16387',
    code: 'V139',
    bad: withBuffers([workgroupBuffer('w', 16_385, 'i8')]),
    path: '/buffers/1',
    says: /take 16388 bytes: expected at most 16387 .* found 16388/,
    good: withBuffers([workgroupBuffer('w', 16_384, 'i8')]),
    capabilities: withLimits({ maxComputeWorkgroupStorageSize: 16_387 }),
  },
  {
    name: '9 storage buffers (8 is the default maximum)',
    code: 'V140',
    bad: withBuffers(inputs(8)),
    path: '/buffers/8',
    says: /the program declares 9 storage buffers \(every buffer but workgroup ones\): expected at most 8 \(the target's maxStorageBuffersPerShaderStage\), found 9, over the limit from buffer "in7" on/,
    good: withBuffers([...inputs(7), workgroupBuffer('w', 64, 'u32')]),
  },
  {
    name: '5 storage buffers on a target that binds 4',
    code: 'V140',
    bad: withBuffers([
      ...inputs(2),
      workgroupBuffer('w', 64, 'u32'),
      ...inputs(4).slice(2),
    ]),
    path: '/buffers/5',
    says: /declares 5 storage buffers .* expected at most 4 .* found 5, over the limit from buffer "in3" on/,
    good: withBuffers([
      ...inputs(2),
      workgroupBuffer('w', 64, 'u32'),
      ...inputs(3).slice(2),
    ]),
    capabilities: withLimits({ maxStorageBuffersPerShaderStage: 4 }),
  },
  {
    name: 'an output of count 0 without a byte range',
    code: 'V130',
    bad: withBuffers([outputBuffer('o2', 1, 'u32', 0)]),
    path: '/buffers/1/count',
    says: /"o2" has count 0 and no outputByteRange: expected a nonzero element count/,
    good: withBuffers([outputBuffer('o2', 1, 'u32', 1)]),
  },
  {
    name: 'a buffer name with a hyphen',
    code: 'V133',
    bad: withBuffers([readBuffer('my-input', 1, 'u32')]),
    path: '/buffers/1/name',
    says: /"my-input" is not an identifier: expected an ASCII letter/,
    good: withBuffers([readBuffer('my_input', 1, 'u32')]),
  },
  {
    name: 'a buffer name starting with an underscore',
    code: 'V133',
    bad: withBuffers([readBuffer('__in', 1, 'u32')]),
    path: '/buffers/1/name',
    says: /"__in" is not an identifier: expected/,
    good: withBuffers([readBuffer('in__', 1, 'u32')]),
  },
  {
    name: 'a buffer name of 65 characters (64 is the maximum)',
    code: 'V133',
    bad: withBuffers([readBuffer(`a${'b'.repeat(64)}`, 1, 'u32')]),
    path: '/buffers/1/name',
    says: /is not an identifier: expected .* at most 64 characters/,
    good: withBuffers([readBuffer(`a${'b'.repeat(63)}`, 1, 'u32')]),
  },
  {
    name: 'an output byte range with start after end',
    code: 'V134',
    bad: withBuffers([
      outputBuffer('o2', 1, 'u32', 4, {
        outputByteRange: { start: 8, end: 4 },
      }),
    ]),
    path: '/buffers/1/outputByteRange',
    says: /\[8, 4\): expected start <= end, found start after end/,
    good: withBuffers([
      outputBuffer('o2', 1, 'u32', 4, {
        outputByteRange: { start: 4, end: 4 },
      }),
    ]),
  },
  {
    name: 'an output byte range start that is not a multiple of 4',
    code: 'V134',
    bad: withBuffers([
      outputBuffer('o2', 1, 'u32', 4, {
        outputByteRange: { start: 2, end: 8 },
      }),
    ]),
    path: '/buffers/1/outputByteRange/start',
    says: /outputByteRange\.start 2: expected a non-negative multiple of 4/,
    good: withBuffers([
      outputBuffer('o2', 1, 'u32', 4, {
        outputByteRange: { start: 4, end: 8 },
      }),
    ]),
  },
  {
    name: 'an output byte range beyond the static byte length',
    code: 'V134',
    bad: withBuffers([
      outputBuffer('o2', 1, 'u32', 4, {
        outputByteRange: { start: 0, end: 20 },
      }),
    ]),
    path: '/buffers/1/outputByteRange/end',
    says: /outputByteRange\.end 20: expected at most its static byte length 16/,
    good: withBuffers([
      outputBuffer('o2', 1, 'u32', 4, {
        outputByteRange: { start: 0, end: 16 },
      }),
    ]),
  },
  {
    name: 'an empty output byte range on a count-0 output',
    code: 'V134',
    bad: withBuffers([
      outputBuffer('o2', 1, 'u32', 0, {
        outputByteRange: { start: 4, end: 4 },
      }),
    ]),
    path: '/buffers/1/outputByteRange',
    says: /count 0 and the empty outputByteRange \[4, 4\): expected a non-empty range/,
    good: withBuffers([
      outputBuffer('o2', 1, 'u32', 0, {
        outputByteRange: { start: 4, end: 8 },
      }),
    ]),
  },
  {
    name: 'an f16 buffer on the baseline target',
    code: 'V136',
    bad: withBuffers([readBuffer('h', 1, 'f16')]),
    path: '/buffers/1/element',
    says: /"h" holds f16 elements: expected the shaderF16 capability, found a target without it/,
    good: withBuffers([readBuffer('h', 1, 'f32')]),
  },
  {
    name: 'a cast to f16 on the baseline target',
    code: 'V136',
    bad: withBuffers([], [letBind('h', cast('f16', f32(1)))]),
    path: '/entry/0/body/0/value/target',
    says: /produces an f16: expected the shaderF16 capability, found a target without it/,
    good: withBuffers([], [letBind('h', cast('f32', f32(1)))]),
  },
  {
    name: 'an unknown element type',
    code: 'V056',
    bad: withBuffers([readBuffer('in', 1, 'f64' as never)]),
    path: '/buffers/1/element',
    says: /element "f64": expected one of u32, i32/,
    good: withBuffers([readBuffer('in', 1, 'f32')]),
  },
  {
    name: 'an unknown access mode',
    code: 'V056',
    bad: withBuffers([
      { ...readBuffer('in', 1, 'u32'), access: 'shared' as never },
    ]),
    path: '/buffers/1/access',
    says: /access "shared": expected one of readOnly, readWrite, uniform, writeOnly, workgroup/,
    good: withBuffers([{ ...readBuffer('in', 1, 'u32'), access: 'uniform' }]),
  },
  {
    name: 'a negative count',
    code: 'V056',
    bad: withBuffers([readBuffer('in', 1, 'u32', { count: -1 })]),
    path: '/buffers/1/count',
    says: /count -1: expected a non-negative integer element count/,
    good: withBuffers([readBuffer('in', 1, 'u32', { count: 0 })]),
  },
];

describe('validateProgram: program rules', () => {
  it.each(CASES)('$code: $name is reported at $path', (c) => {
    const report = validateProgram(c.bad, {
      capabilities: c.capabilities ?? BASELINE_WGSL_CAPABILITIES,
    });
    const found = report.errors.filter((d) => d.code === c.code);
    expect(found.map((d) => d.location.path)).toEqual([c.path]);
    expect(found[0]?.message).toMatch(c.says);
    expect(report.ok).toBe(false);
  });

  it.each(CASES)(
    '$code boundary: the nearest valid program to $name is clean',
    (c) => {
      const report = validateProgram(c.good, {
        capabilities: c.capabilities ?? BASELINE_WGSL_CAPABILITIES,
      });
      expect(report.errors).toEqual([]);
      expect(report.ok).toBe(true);
    },
  );

  it('accepts f16 buffers and casts with the shaderF16 capability', () => {
    const p = withBuffers(
      [readBuffer('h', 1, 'f16')],
      [
        letBind('x', cast('f32', load('h', u32(0)))),
        letBind('y', cast('f16', f32(1))),
      ],
    );
    expect(validateProgram(p, { capabilities: F16_CAPS }).ok).toBe(true);
    expect(validateProgram(p).errors.map((d) => d.code)).toEqual([
      'V136',
      'V136',
    ]);
  });

  it('accepts the 257-invocation workgroup on a target whose limits allow it', () => {
    const p = withWorkgroupSize([257, 1, 1]);
    expect(validateProgram(p).errors.map((d) => d.code)).toEqual(['V106']);
    const large = withLimits({
      maxComputeWorkgroupSizeX: 1024,
      maxComputeInvocationsPerWorkgroup: 1024,
    });
    expect(validateProgram(p, { capabilities: large })).toEqual({
      ok: true,
      errors: [],
      warnings: [],
    });
  });

  it('reports an axis over its limit once, as V106, not again as V138', () => {
    const report = validateProgram(withWorkgroupSize([256, 256, 65]));
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual([
      ['V106', '/workgroupSize/2'],
    ]);
  });

  // Bytes of workgroup memory per element type (WGSL layout, 4-byte words): the most elements that
  // fit the default 16384 bytes, and one more.
  it.each([
    ['u32', 4096],
    ['i32', 4096],
    ['f32', 4096],
    ['bool', 4096],
    ['u8', 16_384],
    ['i8', 16_384],
    ['u16', 8192],
    ['i16', 8192],
    ['f16', 8192],
    ['u64', 2048],
    ['i64', 2048],
    ['vec2u32', 2048],
    ['vec4u32', 1024],
  ] as const)(
    'fits %i workgroup elements of %s in 16384 bytes, and reports V139 for one more',
    (element, fits) => {
      const check = (count: number): string[] =>
        validateProgram(withBuffers([workgroupBuffer('w', count, element)]), {
          capabilities: F16_CAPS,
        }).errors.map((d) => d.code);
      expect(check(fits)).toEqual([]);
      expect(check(fits + 1)).toEqual(['V139']);
    },
  );

  it('pads each f16 workgroup buffer to whole words (1 element takes 4 bytes)', () => {
    const p = withBuffers([
      workgroupBuffer('w', 4095, 'u32'),
      workgroupBuffer('h', 1, 'f16'),
      workgroupBuffer('g', 1, 'f16'),
    ]);
    const report = validateProgram(p, { capabilities: F16_CAPS });
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual([
      ['V139', '/buffers/3'],
    ]);
    expect(report.errors[0]?.message).toMatch(/take 16388 bytes/);
  });

  it('reports a workgroup array over 65535 elements once, as V109, not again as V139', () => {
    const report = validateProgram(
      withBuffers([workgroupBuffer('w', 65_536, 'u32')]),
    );
    expect(report.errors.map((d) => [d.code, d.location.path])).toEqual([
      ['V109', '/buffers/1/count'],
    ]);
  });

  it('accepts 9 storage buffers on a target that binds 9', () => {
    const p = withBuffers(inputs(8));
    expect(validateProgram(p).errors.map((d) => d.code)).toEqual(['V140']);
    expect(
      validateProgram(p, {
        capabilities: withLimits({ maxStorageBuffersPerShaderStage: 9 }),
      }).ok,
    ).toBe(true);
  });

  it('ignores the binding of workgroup buffers (they share slot 0 with a storage buffer)', () => {
    const p = withBuffers([
      workgroupBuffer('w1', 4, 'u32'),
      workgroupBuffer('w2', 4, 'u32'),
    ]);
    expect(validateProgram(p).ok).toBe(true);
  });

  it('accepts a count-0 output with a byte range, and count-0 inputs', () => {
    const p = withBuffers([
      outputBuffer('o2', 1, 'u32', 0, {
        outputByteRange: { start: 0, end: 64 },
      }),
      readBuffer('in', 2, 'u32'),
      uniformBuffer('params', 3, 'u32'),
      readWriteBuffer('rw', 4, 'u32'),
    ]);
    expect(validateProgram(p).ok).toBe(true);
  });

  it('reports a workgroup size that is not three numbers once, at /workgroupSize', () => {
    const p = {
      ...withWorkgroupSize([64, 1, 1]),
      workgroupSize: [64, 1] as never,
    };
    const report = validateProgram(p);
    expect(
      report.errors.map((d) => [d.code, d.location.path, d.message]),
    ).toEqual([
      [
        'V106',
        '/workgroupSize',
        "the workgroup size is an array of 2: expected an array of 3 integers, each from 1 to the target's limit for its axis (256, 256, 64)",
      ],
    ]);
  });

  it('names the buffer in the location of buffer diagnostics', () => {
    const report = validateProgram(withBuffers([readBuffer('out', 1, 'u32')]));
    expect(report.errors[0]?.location).toEqual({
      path: '/buffers/1/name',
      buffer: 'out',
    });
  });
});
