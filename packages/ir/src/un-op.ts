/**
 * Unary operators with vyre's wire tags (`vyre-spec` `UnOp`).
 *
 * @remarks
 * Typing rules and pinned semantics are in `docs/semantics.md`. The unpack operators extract
 * `(v >> shift) & mask` with (0, 0xF), (4, 0xF), (0, 0xFF) and (24, 0xFF).
 *
 * @public
 */
export const UnOp = {
  negate: 0x01,
  bitNot: 0x02,
  logicalNot: 0x03,
  popcount: 0x04,
  clz: 0x05,
  ctz: 0x06,
  reverseBits: 0x07,
  cos: 0x08,
  sin: 0x09,
  abs: 0x0a,
  sqrt: 0x0b,
  floor: 0x0c,
  ceil: 0x0d,
  round: 0x0e,
  trunc: 0x0f,
  sign: 0x10,
  isNan: 0x11,
  isInf: 0x12,
  isFinite: 0x13,
  exp: 0x14,
  log: 0x15,
  log2: 0x16,
  exp2: 0x17,
  tan: 0x18,
  acos: 0x19,
  asin: 0x1a,
  atan: 0x1b,
  tanh: 0x1c,
  sinh: 0x1d,
  cosh: 0x1e,
  inverseSqrt: 0x1f,
  unpack4Low: 0x20,
  unpack4High: 0x21,
  unpack8Low: 0x22,
  unpack8High: 0x23,
  reciprocal: 0x24,
} as const;

/**
 * A unary operator: a key of {@link (UnOp:variable)}.
 *
 * @public
 */
export type UnOp = keyof typeof UnOp;

const TRANSCENDENTAL: ReadonlySet<UnOp> = new Set<UnOp>([
  'cos',
  'sin',
  'tan',
  'acos',
  'asin',
  'atan',
  'tanh',
  'sinh',
  'cosh',
  'exp',
  'exp2',
  'log',
  'log2',
  'sqrt',
  'inverseSqrt',
]);

/**
 * Whether `op` is a transcendental f32 function, whose GPU result may differ from the CPU reference by
 * up to 128 ULP instead of 4 (`docs/semantics.md`).
 *
 * @param op - a unary operator
 *
 * @public
 */
export function isTranscendentalUnOp(op: UnOp): boolean {
  return TRANSCENDENTAL.has(op);
}
