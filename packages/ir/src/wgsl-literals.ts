import { assertNever, InternalError } from '@vyre/foundation';
import type { Literal } from './expr.ts';

// Literal spellings. Integer literals carry their suffix so that no literal is an abstract number.
// f32 literals are pinned to exact values (docs/semantics.md, "f32 literals").

const F32_MAX = 3.4028234663852886e38;
const F32_MIN_NORMAL = 1.1754943508222875e-38;

/**
 * The WGSL spelling of a literal: `4294967295u`, `-5i`, `bitcast<i32>(0x80000000u)` (WGSL cannot spell
 * i32's minimum), `1.5f`, `-0.0f`, `bitcast<f32>(0x1u)` for subnormals, `true`.
 *
 * @param literal - a literal the validator accepted
 *
 * @internal
 */
export function wgslLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'bool':
      return literal.value ? 'true' : 'false';
    case 'u32':
      return `${literal.value}u`;
    case 'i32':
      return literal.value === -0x8000_0000
        ? 'bitcast<i32>(0x80000000u)'
        : `${literal.value}i`;
    case 'f32':
      return wgslF32(literal.value);
    default:
      return assertNever(literal, 'wgslLiteral');
  }
}

/**
 * The WGSL spelling of the f32 value `value`: the shortest decimal that Tint reads back as exactly
 * `value`, `-0.0f` for negative zero, and the bits for subnormals.
 *
 * @remarks
 * Tint reads a decimal into a double, rejects it when it exceeds the largest f32 (even if it would
 * round to it), then rounds to f32; the search below applies the same two steps, so `3.4028235e38`
 * (above the maximum) is skipped in favour of a longer spelling below it.
 *
 * @param value - a finite value that is exactly an f32
 *
 * @internal
 */
export function wgslF32(value: number): string {
  if (!Number.isFinite(value) || Math.fround(value) !== value) {
    throw new InternalError(
      `wgslF32 needs a finite f32 value, found ${String(value)}`,
    );
  }
  if (value === 0) {
    return Object.is(value, -0) ? '-0.0f' : '0.0f';
  }
  const magnitude = Math.abs(value);
  if (magnitude < F32_MIN_NORMAL) {
    const bits = new Uint32Array(new Float32Array([value]).buffer)[0] ?? 0;
    return `bitcast<f32>(0x${bits.toString(16)}u)`;
  }
  for (let digits = 1; digits <= 17; digits++) {
    const text = value.toPrecision(digits);
    const parsed = Number(text);
    if (Math.fround(parsed) === value && Math.abs(parsed) <= F32_MAX) {
      // JavaScript's own spelling of the same double: `10` rather than `1e+1`.
      return `${withPoint(String(parsed))}f`;
    }
  }
  throw new InternalError(
    `wgslF32 found no decimal spelling of ${String(value)}`,
  );
}

// JavaScript spells numbers `3`, `1.5`, `1e+30` or `1.5e-7`; WGSL reads them all, but a point makes
// the float obvious to a reader: `3.0`, `1.0e+30`.
function withPoint(text: string): string {
  const exponent = text.indexOf('e');
  const mantissa = exponent === -1 ? text : text.slice(0, exponent);
  if (mantissa.includes('.')) {
    return text;
  }
  return exponent === -1 ? `${text}.0` : `${mantissa}.0${text.slice(exponent)}`;
}
