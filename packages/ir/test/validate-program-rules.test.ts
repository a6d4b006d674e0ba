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

interface Case {
  readonly name: string;
  readonly code: ValidationCode;
  readonly bad: Program;
  readonly path: string;
  /** What the message must say (the value found, and what was expected). */
  readonly says: RegExp;
  /** The nearest valid program. */
  readonly good: Program;
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
    says: /axis 0 is 0: expected an integer in 1\.\.1024/,
    good: withWorkgroupSize([1, 1, 1]),
  },
  {
    name: 'workgroup axis 1025 (1024 is the maximum)',
    code: 'V106',
    bad: withWorkgroupSize([64, 1025, 1]),
    path: '/workgroupSize/1',
    says: /axis 1 is 1025: expected an integer in 1\.\.1024/,
    good: withWorkgroupSize([64, 1024, 1]),
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
      const report = validateProgram(c.good);
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
        'the workgroup size is an array of 2: expected an array of 3 integers in 1..1024',
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
