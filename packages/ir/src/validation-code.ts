/**
 * Where a validation rule belongs (vyre's validation phases).
 *
 * @public
 */
export type ValidationPhase =
  | 'program'
  | 'node'
  | 'expression'
  | 'type'
  | 'memory'
  | 'capability'
  | 'limits';

/**
 * One entry of {@link ValidationCodes}.
 *
 * @public
 */
export interface ValidationCodeEntry {
  /** The phase the rule belongs to. */
  readonly phase: ValidationPhase;
  /** `warning` diagnostics do not make a program invalid. */
  readonly severity: 'error' | 'warning';
  /** What the rule rejects, in one sentence. */
  readonly summary: string;
  /** The default "Fix:" text. */
  readonly hint: string;
}

/**
 * A validation code: vyre's V-code numbers where one exists; numbers from V131 up are this project's.
 *
 * @public
 */
export type ValidationCode =
  | 'V008'
  | 'V009'
  | 'V010'
  | 'V011'
  | 'V012'
  | 'V014'
  | 'V016'
  | 'V018'
  | 'V019'
  | 'V025'
  | 'V027'
  | 'V028'
  | 'V029'
  | 'V032'
  | 'V033'
  | 'V035'
  | 'V036'
  | 'V041'
  | 'V042'
  | 'V043'
  | 'V044'
  | 'V045'
  | 'V046'
  | 'V047'
  | 'V051'
  | 'V055'
  | 'V056'
  | 'V057'
  | 'V058'
  | 'V059'
  | 'V060'
  | 'V061'
  | 'V063'
  | 'V064'
  | 'V065'
  | 'V066'
  | 'V067'
  | 'V068'
  | 'V084'
  | 'V085'
  | 'V086'
  | 'V087'
  | 'V088'
  | 'V089'
  | 'V091'
  | 'V094'
  | 'V095'
  | 'V096'
  | 'V098'
  | 'V100'
  | 'V101'
  | 'V102'
  | 'V103'
  | 'V104'
  | 'V105'
  | 'V106'
  | 'V107'
  | 'V108'
  | 'V109'
  | 'V112'
  | 'V117'
  | 'V120'
  | 'V121'
  | 'V122'
  | 'V123'
  | 'V124'
  | 'V125'
  | 'V126'
  | 'V127'
  | 'V130'
  | 'V131'
  | 'V132'
  | 'V133'
  | 'V134'
  | 'V135'
  | 'V136'
  | 'V137'
  | 'V138'
  | 'V139'
  | 'V140';

/**
 * Every validation rule: its code, phase, severity, meaning and default fix.
 *
 * @remarks
 * Codes are API and never change meaning. vyre's numbers are kept where the rule is the same; codes
 * vyre has that do not apply to this IR (composition, linear types, shape predicates, Bytes) are absent.
 * Rules this project adds start at V131. `docs/validation.md` lists them for readers.
 *
 * @public
 */
export const ValidationCodes: Readonly<
  Record<ValidationCode, ValidationCodeEntry>
> = {
  V008: {
    phase: 'node',
    severity: 'error',
    summary: 'A let binding shadows a name visible from an enclosing scope.',
    hint: 'Rename the inner binding; shadowing is never allowed.',
  },
  V009: {
    phase: 'memory',
    severity: 'error',
    summary: 'An atomic targets a read-only or uniform buffer.',
    hint: 'Declare the buffer readWrite (or as an output) to update it atomically.',
  },
  V010: {
    phase: 'memory',
    severity: 'error',
    summary:
      'A barrier or subgroup operation is reached in non-uniform control flow (inside an if or loop whose condition or bounds may differ between lanes).',
    hint: 'Move the barrier out of the divergent if/loop, or make the condition uniform (literals, workgroup ids, buffer lengths).',
  },
  V011: {
    phase: 'node',
    severity: 'error',
    summary: 'An assignment targets a loop variable, which is immutable.',
    hint: 'Copy the loop variable into a let binding and assign that.',
  },
  V012: {
    phase: 'expression',
    severity: 'error',
    summary: 'A cast between these types is not in the cast table.',
    hint: 'See the cast table in docs/semantics.md; cast through u32 or i32 where a direct cast is missing.',
  },
  V014: {
    phase: 'memory',
    severity: 'error',
    summary: 'An atomic targets a buffer whose elements are not u32.',
    hint: 'Atomics operate on u32 buffers; declare the buffer with element u32.',
  },
  V016: {
    phase: 'expression',
    severity: 'error',
    summary: 'A call names an operation that is not registered.',
    hint: 'No operation registry exists yet: inline the operation as IR.',
  },
  V018: {
    phase: 'limits',
    severity: 'error',
    summary:
      'Statements are nested more than 64 levels deep: a region, block, if or loop at level 64 is rejected even when its body (level 65) is empty.',
    hint: 'Flatten the nesting (at most 62 nested ifs or loops inside the root region), for example by splitting the program.',
  },
  V019: {
    phase: 'limits',
    severity: 'error',
    summary: 'The program has more than 100,000 nodes.',
    hint: 'Split the work into several programs.',
  },
  V025: {
    phase: 'memory',
    severity: 'error',
    summary: 'An atomic targets a workgroup buffer.',
    hint: 'Use atomics on storage buffers; for workgroup reductions, use barriers and plain stores.',
  },
  V027: {
    phase: 'memory',
    severity: 'error',
    summary: 'An atomic index is not a u32.',
    hint: 'Cast the index to u32.',
  },
  V028: {
    phase: 'type',
    severity: 'error',
    summary: 'An fma operand is not an f32.',
    hint: 'fma is defined for f32 only; use mul and add for integers.',
  },
  V029: {
    phase: 'expression',
    severity: 'error',
    summary: 'The two branches of a select have different types.',
    hint: 'Cast one branch so that both have the same type.',
  },
  V032: {
    phase: 'node',
    severity: 'error',
    summary: 'A let binding repeats a name already declared in the same scope.',
    hint: 'Use assign to change the existing binding, or pick another name.',
  },
  V033: {
    phase: 'limits',
    severity: 'error',
    summary: 'An expression is nested more than 128 levels deep.',
    hint: 'Break the expression up with let bindings.',
  },
  V035: {
    phase: 'type',
    severity: 'warning',
    summary: 'A cast narrows an integer and may discard bits.',
    hint: 'Intended truncation needs no change; otherwise cast to a type wide enough for the value.',
  },
  V036: {
    phase: 'node',
    severity: 'error',
    summary:
      'A store index is a constant at or beyond the buffer’s static element count.',
    hint: 'Use an index below the buffer’s count, or enlarge the buffer.',
  },
  V041: {
    phase: 'capability',
    severity: 'error',
    summary:
      'A subgroup operation is used but the target does not support subgroups.',
    hint: 'Request the subgroups capability (validate with capabilities.subgroups), or avoid subgroup operations.',
  },
  V042: {
    phase: 'memory',
    severity: 'error',
    summary:
      'An atomic uses the gridSync ordering, which only barriers accept.',
    hint: 'Use seqCst (the default) or a weaker ordering on atomics.',
  },
  V043: {
    phase: 'memory',
    severity: 'error',
    summary: 'A barrier uses the relaxed ordering, which synchronizes nothing.',
    hint: 'Use seqCst (the default), acquire, release or acqRel.',
  },
  V044: {
    phase: 'type',
    severity: 'warning',
    summary:
      'A division or remainder has a constant zero divisor, so its result is the pinned constant.',
    hint: 'Check the divisor; see docs/semantics.md for what x / 0 and x % 0 yield.',
  },
  V045: {
    phase: 'node',
    severity: 'error',
    summary: 'An assignment changes the type of a binding.',
    hint: 'Assign a value of the binding’s declared type, casting if needed.',
  },
  V046: {
    phase: 'capability',
    severity: 'error',
    summary:
      'A distributed collective is used; vyre for TypeScript targets a single device.',
    hint: 'Remove the collective; single-device programs need none.',
  },
  V047: {
    phase: 'type',
    severity: 'error',
    summary:
      'A bitwise subgroup reduction (and, or, xor) is applied to an f32.',
    hint: 'Reduce u32 or i32 values bitwise, or use add, mul, min or max on f32.',
  },
  V051: {
    phase: 'expression',
    severity: 'error',
    summary:
      'A bufferRef is used as a value; it is legal only as a call argument.',
    hint: 'Load an element with load(buffer, index) instead.',
  },
  V055: {
    phase: 'memory',
    severity: 'error',
    summary:
      'A barrier or subgroup operation follows a return that only some lanes take, so not every lane reaches it.',
    hint: 'Make the return uniform, or guard the work after the barrier instead of returning early.',
  },
  V056: {
    phase: 'capability',
    severity: 'error',
    summary:
      'The program uses a feature the target cannot lower, or a value no construct accepts (an unknown kind, access mode, element type or ordering).',
    hint: 'Remove the feature or target a backend that supports it (docs/semantics.md lists what each target lowers); replace unknown names with ones the IR defines.',
  },
  V057: {
    phase: 'memory',
    severity: 'error',
    summary: 'An atomic operand is not a u32.',
    hint: 'Cast the operand to u32.',
  },
  V058: {
    phase: 'memory',
    severity: 'error',
    summary: 'A compare-exchange expected value is not a u32.',
    hint: 'Cast the expected value to u32.',
  },
  V059: {
    phase: 'memory',
    severity: 'error',
    summary: 'A compare-exchange has no expected value.',
    hint: 'Give compareExchange an expected value (atomicCompareExchange builds one).',
  },
  V060: {
    phase: 'memory',
    severity: 'error',
    summary: 'An atomic other than compare-exchange has an expected value.',
    hint: 'Remove expected, or use compareExchange.',
  },
  V061: {
    phase: 'memory',
    severity: 'error',
    summary: 'An atomic names a buffer the program does not declare.',
    hint: 'Declare the buffer or fix the name.',
  },
  V063: {
    phase: 'memory',
    severity: 'error',
    summary: 'A store targets a read-only or uniform buffer.',
    hint: 'Declare the buffer readWrite or as an output to write it.',
  },
  V064: {
    phase: 'memory',
    severity: 'error',
    summary: 'A store names a buffer the program does not declare.',
    hint: 'Declare the buffer or fix the name.',
  },
  V065: {
    phase: 'memory',
    severity: 'error',
    summary: 'A load names a buffer the program does not declare.',
    hint: 'Declare the buffer or fix the name.',
  },
  V066: {
    phase: 'expression',
    severity: 'error',
    summary:
      'An expression reads a variable that is not declared in a visible scope.',
    hint: 'Declare it with let before use, in this scope or an enclosing one.',
  },
  V067: {
    phase: 'expression',
    severity: 'error',
    summary: 'bufLen names a buffer the program does not declare.',
    hint: 'Declare the buffer or fix the name.',
  },
  V068: {
    phase: 'expression',
    severity: 'error',
    summary:
      'An invocation, workgroup or local id names an axis other than 0, 1 or 2.',
    hint: 'Use axis 0 (x), 1 (y) or 2 (z).',
  },
  V084: {
    phase: 'type',
    severity: 'error',
    summary:
      'A 64-bit or vector value is used in arithmetic, which the IR supports only through casts and bitwise operators.',
    hint: 'Cast to u32 or i32 first; u64, i64 and vectors support bitAnd, bitOr, bitXor, bitNot and casts.',
  },
  V085: {
    phase: 'type',
    severity: 'error',
    summary: 'A saturating operator is applied to operands that are not u32.',
    hint: 'Saturating add, sub and mul are defined for u32 only.',
  },
  V086: {
    phase: 'type',
    severity: 'error',
    summary: 'absDiff or mulHigh is applied to operands that are not u32.',
    hint: 'These operators are defined for u32 only; cast the operands.',
  },
  V087: {
    phase: 'type',
    severity: 'error',
    summary: 'A bool is used in arithmetic.',
    hint: 'Cast the bool to u32 (0 or 1) first.',
  },
  V088: {
    phase: 'type',
    severity: 'error',
    summary: 'An operator mixes operand types; there is no implicit promotion.',
    hint: 'Cast one operand so that both have the same type.',
  },
  V089: {
    phase: 'type',
    severity: 'error',
    summary: 'mod is applied to operands that are not u32 or i32.',
    hint: 'mod is defined for u32 and i32; for f32 use sub(a, mul(trunc(div(a, b)), b)).',
  },
  V091: {
    phase: 'type',
    severity: 'error',
    summary: 'A bitwise operator is applied to a float or bool.',
    hint: 'bitAnd, bitOr and bitXor take u32, i32, u64, i64 or vector operands of one type.',
  },
  V094: {
    phase: 'type',
    severity: 'error',
    summary:
      'A shift or rotate has a value that is not u32 or i32, or an amount that is not u32.',
    hint: 'Shift u32 or i32 values by a u32 amount; rotates take u32 values.',
  },
  V095: {
    phase: 'type',
    severity: 'error',
    summary: 'A logical and/or operand is not a bool or u32.',
    hint: 'Compare the value with a literal to get a bool.',
  },
  V096: {
    phase: 'type',
    severity: 'error',
    summary: 'A comparison has operands of different or incomparable types.',
    hint: 'Compare two values of the same type; bools only with eq and ne.',
  },
  V098: {
    phase: 'type',
    severity: 'error',
    summary: 'negate is applied to a value that is not u32 or f32.',
    hint: 'For i32, use sub(i32(0), x), which wraps at I32_MIN.',
  },
  V100: {
    phase: 'type',
    severity: 'error',
    summary: 'logicalNot is applied to a value that is not a bool or u32.',
    hint: 'Use logicalNot on bools or u32s (0 is false).',
  },
  V101: {
    phase: 'type',
    severity: 'error',
    summary:
      'A bit operator (bitNot, popcount, clz, ctz, reverseBits) is applied to an unsupported type.',
    hint: 'Bit operators take u32 or i32 (bitNot also u64, i64 and vectors).',
  },
  V102: {
    phase: 'type',
    severity: 'error',
    summary: 'A math function is applied to a value that is not an f32.',
    hint: 'Cast the operand to f32.',
  },
  V103: {
    phase: 'type',
    severity: 'error',
    summary: 'An unpack operator is applied to a value that is not u32 or i32.',
    hint: 'Unpack u32 or i32 words.',
  },
  V104: {
    phase: 'type',
    severity: 'error',
    summary: 'A unary expression names an unknown operator.',
    hint: 'Use one of the operators of UnOp.',
  },
  V105: {
    phase: 'program',
    severity: 'error',
    summary: 'A top-level node of the program is not a region.',
    hint: 'Build programs with program(), which wraps the body in a root region.',
  },
  V106: {
    phase: 'program',
    severity: 'error',
    summary:
      'A workgroup size axis is not an integer from 1 to the target’s limit for that axis (256, 256 and 64 by default).',
    hint: 'Give each axis of workgroupSize a value from 1 to the target’s maxComputeWorkgroupSizeX, Y or Z (WebGPU defaults: 256, 256, 64), or validate with the device’s limits.',
  },
  V107: {
    phase: 'program',
    severity: 'error',
    summary: 'Two buffers have the same name.',
    hint: 'Give every buffer a unique name.',
  },
  V108: {
    phase: 'program',
    severity: 'error',
    summary:
      'Two non-workgroup buffers use the same binding, or a binding is not an integer in 0..999.',
    hint: 'Give every storage buffer its own binding number.',
  },
  V109: {
    phase: 'program',
    severity: 'error',
    summary:
      'A workgroup buffer has no static element count, or its WGSL array would have more than 65535 elements.',
    hint: 'Give workgroup buffers a nonzero count of at most 65535 array elements; 8- and 16-bit elements are packed into u32 words, so up to 262140 u8 or 131070 u16 elements.',
  },
  V112: {
    phase: 'node',
    severity: 'error',
    summary: 'Statements follow a return in the same block and can never run.',
    hint: 'Remove the unreachable statements or move the return.',
  },
  V117: {
    phase: 'node',
    severity: 'error',
    summary: 'An async copy, wait, trap or resume has an empty tag.',
    hint: 'Give the node a non-empty tag.',
  },
  V120: {
    phase: 'node',
    severity: 'error',
    summary:
      'An assignment targets a name that is not declared in a visible scope.',
    hint: 'Declare the binding with let first.',
  },
  V121: {
    phase: 'node',
    severity: 'error',
    summary:
      'A stored value does not have the type a load of the buffer’s elements produces.',
    hint: 'Cast the value: u32 for u8/u16/u32 buffers, i32 for i8/i16/i32, and the element type otherwise.',
  },
  V122: {
    phase: 'node',
    severity: 'error',
    summary: 'A store index is not a u32.',
    hint: 'Cast the index to u32.',
  },
  V123: {
    phase: 'node',
    severity: 'error',
    summary:
      'A condition (of an if, a select or a subgroup ballot) is not a bool or u32.',
    hint: 'Compare the value with a literal to get a bool.',
  },
  V124: {
    phase: 'node',
    severity: 'error',
    summary: 'A loop start is not a u32.',
    hint: 'Cast the start to u32.',
  },
  V125: {
    phase: 'node',
    severity: 'error',
    summary: 'A loop end is not a u32.',
    hint: 'Cast the end to u32.',
  },
  V126: {
    phase: 'node',
    severity: 'error',
    summary:
      'An indirect dispatch count offset is not a non-negative multiple of 4.',
    hint: 'Align the count offset to 4 bytes.',
  },
  V127: {
    phase: 'node',
    severity: 'error',
    summary:
      'An indirect dispatch names a count buffer the program does not declare.',
    hint: 'Declare the buffer or fix the name.',
  },
  V130: {
    phase: 'program',
    severity: 'error',
    summary:
      'A backend-allocated output has neither a static count nor an output byte range.',
    hint: 'Give the output a nonzero count so the backend knows how much to allocate and read back.',
  },
  V131: {
    phase: 'node',
    severity: 'error',
    summary: 'A load index is not a u32.',
    hint: 'Cast the index to u32.',
  },
  V132: {
    phase: 'capability',
    severity: 'error',
    summary:
      'A gridSync barrier cannot be lowered into one kernel on this target.',
    hint: 'Split the program at the grid-wide barrier into two dispatches, or run it on a backend with grid sync.',
  },
  V133: {
    phase: 'program',
    severity: 'error',
    summary: 'A buffer, variable or region name is not a valid identifier.',
    hint: 'Use ASCII letters, digits and underscores, starting with a letter, at most 64 characters, not beginning with "__".',
  },
  V134: {
    phase: 'program',
    severity: 'error',
    summary:
      'An output byte range is reversed, unaligned, beyond the buffer, or empty on a buffer with no static count.',
    hint: 'Use a range with start <= end, both multiples of 4, within the buffer’s static byte length (non-empty when count is 0).',
  },
  V135: {
    phase: 'expression',
    severity: 'error',
    summary:
      'A literal’s value is not representable in its type (f32 literals must be finite).',
    hint: 'Use an integer in range for u32/i32 and a finite number for f32; produce NaN or infinity with arithmetic.',
  },
  V136: {
    phase: 'program',
    severity: 'error',
    summary:
      'A buffer element type needs a capability the target lacks (f16 needs shader-f16).',
    hint: 'Request the shaderF16 capability or use f32.',
  },
  V137: {
    phase: 'type',
    severity: 'error',
    summary: 'A binary expression names an unknown operator.',
    hint: 'Use one of the operators of BinOp.',
  },
  V138: {
    phase: 'program',
    severity: 'error',
    summary:
      'The workgroup has more invocations (x · y · z) than the target allows (256 by default).',
    hint: 'Shrink the workgroup size so that x · y · z is at most the target’s maxComputeInvocationsPerWorkgroup, or validate with the device’s limits.',
  },
  V139: {
    phase: 'program',
    severity: 'error',
    summary:
      'The workgroup buffers together take more bytes than the target’s workgroup memory (16384 by default).',
    hint: 'Shrink the workgroup buffers (each takes its count times its element size, rounded up to 4 bytes, with 8- and 16-bit elements packed) to fit the target’s maxComputeWorkgroupStorageSize, or validate with the device’s limits.',
  },
  V140: {
    phase: 'program',
    severity: 'error',
    summary:
      'The program declares more storage buffers (every buffer but workgroup ones, uniform buffers included) than the target binds per shader (8 by default).',
    hint: 'Merge buffers so that at most the target’s maxStorageBuffersPerShaderStage remain, or validate with the device’s limits.',
  },
};
