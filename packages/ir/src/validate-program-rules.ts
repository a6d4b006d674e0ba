import {
  BufferAccess,
  isBackendAllocatedOutput,
  staticByteLength,
  type BufferDecl,
} from './buffer-decl.ts';
import { DataTypeWireTag, type DataType } from './data-type.ts';
import {
  findBufferLimitOverruns,
  type BufferFootprint,
} from './validate-buffer-limits.ts';
import type { ValidationContext } from './validate-context.ts';
import { isIdentifier } from './validate-identifiers.ts';
import { describeValue } from './validate-value-description.ts';
import {
  MAX_WORKGROUP_ARRAY_LENGTH,
  workgroupArrayLength,
  workgroupByteSize,
} from './workgroup-buffer-size.ts';

// Program-level rules: the workgroup size and the buffer declarations (V106-V109, V130, V133, V134,
// V136, V138-V140, and V056 for values outside the closed sets). They run before the walk of the
// entry, and fill `ctx.buffers`, which the statement and expression checks resolve names against.

const AXIS_LIMITS = [
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
] as const;
const MAX_BINDING = 999;
const ACCESS_NAMES = Object.keys(BufferAccess).join(', ');
const ELEMENT_NAMES = Object.keys(DataTypeWireTag).join(', ');

/**
 * Whether `value` is a plain object (not null, not an array), which the walkers can read fields of.
 *
 * @param value - any value
 *
 * @internal
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `element` is one of the data types.
 *
 * @param element - a buffer element or cast target, from untyped input
 *
 * @internal
 */
export function isDataType(element: unknown): element is DataType {
  return typeof element === 'string' && Object.hasOwn(DataTypeWireTag, element);
}

/**
 * V106: each axis of `workgroupSize` is an integer from 1 to the target's limit for that axis; V138:
 * the workgroup has no more invocations than the target allows.
 *
 * @param ctx - the validation run
 * @param size - the program's workgroup size
 *
 * @internal
 */
export function checkWorkgroupSize(
  ctx: ValidationContext,
  size: unknown,
): void {
  const limits = ctx.limits;
  if (!Array.isArray(size) || size.length !== 3) {
    const axisLimits = AXIS_LIMITS.map((limit) => limits[limit]).join(', ');
    ctx.report(
      'V106',
      0,
      '/workgroupSize',
      `the workgroup size is ${Array.isArray(size) ? `an array of ${size.length}` : describeValue(size)}: expected an array of 3 integers, each from 1 to the target's limit for its axis (${axisLimits})`,
    );
    return;
  }
  const axes: number[] = [];
  for (let axis = 0; axis < 3; axis++) {
    const value: unknown = size[axis];
    const limitName = AXIS_LIMITS[axis] as (typeof AXIS_LIMITS)[number];
    const limit = limits[limitName];
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < 1 ||
      value > limit
    ) {
      ctx.report(
        'V106',
        0,
        `/workgroupSize/${axis}`,
        `workgroup size axis ${axis} is ${describeValue(value)}: expected an integer in 1..${limit} (the target's ${limitName})`,
      );
    } else {
      axes.push(value);
    }
  }
  const invocations = axes.reduce((product, value) => product * value, 1);
  const maxInvocations = limits.maxComputeInvocationsPerWorkgroup;
  if (axes.length === 3 && invocations > maxInvocations) {
    ctx.report(
      'V138',
      0,
      '/workgroupSize',
      `the workgroup size ${axes.join(' × ')} has ${invocations} invocations: expected at most ${maxInvocations} (the target's maxComputeInvocationsPerWorkgroup), found ${invocations}`,
    );
  }
}

/**
 * The buffer rules, one declaration at a time, recording each first declaration of a name in
 * `ctx.buffers`.
 *
 * @param ctx - the validation run
 * @param buffers - the program's buffer declarations
 *
 * @internal
 */
export function checkBuffers(ctx: ValidationContext, buffers: unknown): void {
  if (!Array.isArray(buffers)) {
    ctx.report(
      'V056',
      0,
      '/buffers',
      `the buffers are ${describeValue(buffers)}: expected an array of buffer declarations`,
    );
    return;
  }
  const bindings = new Map<number, number>();
  const names = new Map<unknown, number>();
  const overruns = findBufferLimitOverruns(
    buffers.map(footprintOf),
    ctx.limits,
  );
  buffers.forEach((decl: unknown, index) => {
    const path = `/buffers/${index}`;
    if (!isRecord(decl)) {
      ctx.report(
        'V056',
        0,
        path,
        `buffer ${index} is ${describeValue(decl)}: expected a buffer declaration object`,
      );
      return;
    }
    const buffer = decl as unknown as BufferDecl;
    checkName(ctx, buffer, path, index, names);
    const knownAccess =
      typeof buffer.access === 'string' &&
      Object.hasOwn(BufferAccess, buffer.access);
    if (!knownAccess) {
      ctx.report(
        'V056',
        0,
        `${path}/access`,
        `buffer ${describeValue(buffer.name)} has access ${describeValue(buffer.access)}: expected one of ${ACCESS_NAMES}`,
        buffer.name,
      );
    }
    checkElement(ctx, buffer, path);
    if (buffer.access !== 'workgroup') {
      checkBinding(ctx, buffer, path, index, bindings);
    }
    const countOk = checkCount(ctx, buffer, path);
    if (
      countOk &&
      buffer.count === 0 &&
      buffer.outputByteRange === undefined &&
      isBackendAllocatedOutput(buffer)
    ) {
      ctx.report(
        'V130',
        0,
        `${path}/count`,
        `output buffer ${describeValue(buffer.name)} has count 0 and no outputByteRange: expected a nonzero element count (or a byte range) so the backend knows what to allocate`,
        buffer.name,
      );
    }
    if (buffer.outputByteRange !== undefined) {
      checkOutputByteRange(ctx, buffer, path, countOk);
    }
    for (const overrun of overruns) {
      if (overrun.index === index) {
        ctx.report(overrun.code, 0, path, overrun.message, buffer.name);
      }
    }
  });
}

// What a declaration counts against the target's limits; nothing when it is malformed (reported by
// the buffer rules), so that one mistake is not reported again as an overrun.
function footprintOf(decl: unknown): BufferFootprint {
  if (!isRecord(decl)) {
    return undefined;
  }
  const { name, access, element, count } = decl;
  if (access === 'workgroup') {
    return isDataType(element) && isWorkgroupCount(element, count)
      ? { kind: 'workgroup', name, bytes: workgroupByteSize(element, count) }
      : undefined;
  }
  return typeof access === 'string' && Object.hasOwn(BufferAccess, access)
    ? { kind: 'storage', name }
    : undefined;
}

// V109's rule: a positive integer count whose WGSL array has at most 65535 elements.
function isWorkgroupCount(element: DataType, count: unknown): count is number {
  return (
    typeof count === 'number' &&
    Number.isSafeInteger(count) &&
    count > 0 &&
    workgroupArrayLength(element, count) <= MAX_WORKGROUP_ARRAY_LENGTH
  );
}

function checkName(
  ctx: ValidationContext,
  buffer: BufferDecl,
  path: string,
  index: number,
  names: Map<unknown, number>,
): void {
  if (!isIdentifier(buffer.name)) {
    ctx.report(
      'V133',
      0,
      `${path}/name`,
      `buffer name ${describeValue(buffer.name)} is not an identifier: expected an ASCII letter followed by letters, digits or underscores, at most 64 characters`,
      buffer.name,
    );
  }
  const first = names.get(buffer.name);
  if (first === undefined) {
    names.set(buffer.name, index);
    ctx.buffers.set(buffer.name, buffer);
  } else {
    ctx.report(
      'V107',
      0,
      `${path}/name`,
      `buffer name ${describeValue(buffer.name)} is declared twice: expected unique names, found it at /buffers/${first} and /buffers/${index}`,
      buffer.name,
    );
  }
}

function checkElement(
  ctx: ValidationContext,
  buffer: BufferDecl,
  path: string,
): void {
  if (!isDataType(buffer.element)) {
    ctx.report(
      'V056',
      0,
      `${path}/element`,
      `buffer ${describeValue(buffer.name)} has element ${describeValue(buffer.element)}: expected one of ${ELEMENT_NAMES}`,
      buffer.name,
    );
  } else if (buffer.element === 'f16' && !ctx.capabilities.shaderF16) {
    ctx.report(
      'V136',
      0,
      `${path}/element`,
      `buffer ${describeValue(buffer.name)} holds f16 elements: expected the shaderF16 capability, found a target without it`,
      buffer.name,
    );
  }
}

function checkBinding(
  ctx: ValidationContext,
  buffer: BufferDecl,
  path: string,
  index: number,
  bindings: Map<number, number>,
): void {
  const binding: unknown = buffer.binding;
  if (
    typeof binding !== 'number' ||
    !Number.isInteger(binding) ||
    binding < 0 ||
    binding > MAX_BINDING
  ) {
    ctx.report(
      'V108',
      0,
      `${path}/binding`,
      `buffer ${describeValue(buffer.name)} has binding ${describeValue(binding)}: expected an integer in 0..${MAX_BINDING}`,
      buffer.name,
    );
    return;
  }
  const first = bindings.get(binding);
  if (first === undefined) {
    bindings.set(binding, index);
  } else {
    ctx.report(
      'V108',
      0,
      `${path}/binding`,
      `binding ${binding} is used twice: expected one storage buffer per binding, found /buffers/${first} and /buffers/${index}`,
      buffer.name,
    );
  }
}

// Whether the count is a usable element count (reported otherwise).
function checkCount(
  ctx: ValidationContext,
  buffer: BufferDecl,
  path: string,
): boolean {
  const count: unknown = buffer.count;
  const integer =
    typeof count === 'number' && Number.isSafeInteger(count) && count >= 0;
  if (buffer.access === 'workgroup' && (!integer || count === 0)) {
    ctx.report(
      'V109',
      0,
      `${path}/count`,
      `workgroup buffer ${describeValue(buffer.name)} has count ${describeValue(count)}: expected a positive integer element count`,
      buffer.name,
    );
    return false;
  }
  if (
    buffer.access === 'workgroup' &&
    isDataType(buffer.element) &&
    !isWorkgroupCount(buffer.element, count)
  ) {
    const length = workgroupArrayLength(buffer.element, count as number);
    const words =
      length === count
        ? ''
        : ` (${buffer.element}, packed into ${length} u32 words)`;
    ctx.report(
      'V109',
      0,
      `${path}/count`,
      `workgroup buffer ${describeValue(buffer.name)} has count ${count as number}${words}: expected a WGSL array of at most ${MAX_WORKGROUP_ARRAY_LENGTH} elements, found ${length}`,
      buffer.name,
    );
    return false;
  }
  if (!integer) {
    ctx.report(
      'V056',
      0,
      `${path}/count`,
      `buffer ${describeValue(buffer.name)} has count ${describeValue(count)}: expected a non-negative integer element count (0 sizes it at dispatch)`,
      buffer.name,
    );
    return false;
  }
  return true;
}

function checkOutputByteRange(
  ctx: ValidationContext,
  buffer: BufferDecl,
  path: string,
  countOk: boolean,
): void {
  const rangePath = `${path}/outputByteRange`;
  const range: unknown = buffer.outputByteRange;
  const name = describeValue(buffer.name);
  if (!isRecord(range)) {
    ctx.report(
      'V134',
      0,
      rangePath,
      `buffer ${name} has outputByteRange ${describeValue(range)}: expected { start, end } in bytes`,
      buffer.name,
    );
    return;
  }
  let bad = false;
  for (const side of ['start', 'end'] as const) {
    const value = range[side];
    if (
      typeof value !== 'number' ||
      !Number.isSafeInteger(value) ||
      value < 0 ||
      value % 4 !== 0
    ) {
      ctx.report(
        'V134',
        0,
        `${rangePath}/${side}`,
        `buffer ${name} has outputByteRange.${side} ${describeValue(value)}: expected a non-negative multiple of 4`,
        buffer.name,
      );
      bad = true;
    }
  }
  if (bad) {
    return;
  }
  const start = range['start'] as number;
  const end = range['end'] as number;
  if (start > end) {
    ctx.report(
      'V134',
      0,
      rangePath,
      `buffer ${name} has outputByteRange [${start}, ${end}): expected start <= end, found start after end`,
      buffer.name,
    );
    return;
  }
  if (countOk && buffer.count === 0 && start === end) {
    ctx.report(
      'V134',
      0,
      rangePath,
      `buffer ${name} has count 0 and the empty outputByteRange [${start}, ${end}): expected a non-empty range, which is what the backend allocates`,
      buffer.name,
    );
    return;
  }
  const length =
    countOk && isDataType(buffer.element)
      ? staticByteLength(buffer)
      : undefined;
  if (length !== undefined && end > length) {
    ctx.report(
      'V134',
      0,
      `${rangePath}/end`,
      `buffer ${name} has outputByteRange.end ${end}: expected at most its static byte length ${length}`,
      buffer.name,
    );
  }
}
