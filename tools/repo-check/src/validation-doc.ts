import { ValidationCodes } from '@vyre/ir';

/** docs/validation.md, generated from the V-code catalog (`pnpm repo-check --write`). */
export function renderValidationDoc(): string {
  const rows = Object.entries(ValidationCodes).map(([code, entry]) => [
    `\`${code}\``,
    entry.phase,
    entry.severity,
    escapeCell(entry.summary),
    escapeCell(entry.hint),
  ]);
  return [
    '# Validation codes',
    '',
    '<!-- Generated from `ValidationCodes` in packages/ir/src/validation-code.ts by `pnpm repo-check --write`. Do not edit by hand. -->',
    '',
    '`validateProgram(program, { capabilities })` checks a program against every rule below and returns',
    '`{ ok, errors, warnings }`; `ok` is true when there are no errors (warnings never make a program',
    'invalid). Each diagnostic has a stable `code`, its `severity` and `phase`, a `location` whose `path`',
    "is a JSON Pointer into the program's JSON form (`/entry/0/body/3/value/left`, `/buffers/2/count`; the",
    'JSON form has the same field names as the TypeScript objects) plus the buffer involved, if any, a',
    '`message` that says what failed, what was expected and what was found, and a `hint` printed as',
    '"Fix: ...". Codes are API: vyre\'s numbers are kept where the rule is the same, codes from V131 up',
    "are this project's, and a code never changes meaning. Match on `code` and `path`, never on the message.",
    '',
    'Diagnostics come in program order. The validator reports every problem it finds, but each mistake',
    'once: an expression whose type cannot be known (an undeclared variable, an ill-typed operand) is not',
    'checked again by the expressions around it. It never throws on a value shaped like a program, and it',
    'never descends past the limits, so an absurdly deep program cannot overflow the stack.',
    '',
    '## Rules the codes leave open',
    '',
    '- **Limits.** A top-level region is at statement level 1 and the body of a level-n statement at',
    '  level n + 1, at most 64: a region, block, `if` or loop at level 64 is V018 even when its body is',
    '  empty, so 62 nested `if`s inside the root region are the most allowed. The root expression of a',
    '  statement is at depth 1 and each operand one deeper (V033 above 128). Every statement (regions',
    '  included) and every expression is one node (V019 above 100,000); the walk stops at the first node',
    '  past the limit.',
    '- **Names (V133).** Buffers, `let` bindings and loop variables: an ASCII letter, then letters, digits',
    '  and underscores, at most 64 characters (so never a leading `__`). Region generators, source regions',
    '  and tags may be dotted paths such as `vyre.program.root`: 1 to 256 printable ASCII characters. An',
    '  empty tag is V117 instead.',
    '- **Scopes.** A region, a block, each `if` branch and a loop body are scopes; a loop variable is',
    "  visible in its body and is a binding for V008. The regions of a program do not see each other's lets.",
    '- **Values outside the closed sets.** An unknown statement or expression kind, buffer access, element',
    '  type, atomic operator, memory ordering or subgroup reduction, a malformed count, and a field that is',
    '  not an expression or statement list are V056 (the target cannot lower it). Unknown unary and binary',
    '  operators are V104 and V137, an unknown literal type V135, an unknown cast target V012.',
    '- **Capabilities.** The defaults are the baseline WebGPU capabilities (no subgroups, no f16, no grid',
    '  sync) and the default WebGPU limits: workgroups of at most 256 × 256 × 64 (V106) and 256',
    '  invocations (V138), 16384 bytes of workgroup memory (V139) and 8 storage buffers (V140). A cast to',
    '  f16, like an f16 buffer, needs `shaderF16` (V136).',
    '- **Workgroup memory (V109, V139).** A workgroup buffer is a WGSL array: 8- and 16-bit elements are',
    '  packed into `ceil(count * size / 4)` u32 words, every other element is one array element (bool a',
    '  u32, f16 2 bytes, u64, i64 and vec2u32 8, vec4u32 16). The array has at most 65535 elements (V109),',
    '  and each buffer takes its bytes rounded up to whole 4-byte words against the storage limit (V139).',
    '  Uniform buffers are bound as read-only storage, so they count as storage buffers (V140).',
    '- **Uniformity (V010, V055).** A value is uniform when it is built only from literals, `workgroupId`,',
    '  `bufLen`, `subgroupSize` and bindings that are only ever given uniform values, in uniform control',
    '  flow (flow-insensitive: one non-uniform `let` or `assign` anywhere, or one under a non-uniform `if`',
    '  or loop, makes the binding non-uniform; a loop variable is uniform when both bounds are). Loads,',
    '  atomics, `invocationId`, `localId`, `subgroupLocalId` and subgroup ballot, shuffle and reduce results',
    '  are not. A barrier or subgroup ballot, shuffle or reduce under an `if` with a non-uniform condition or',
    '  in a loop with a non-uniform bound is V010. One that may run after a `return` in non-uniform control',
    '  flow is V055: after it in program order (but not in the other branch of the same `if`, which those',
    '  lanes never run), or anywhere in an enclosing loop (a later iteration). Control flow reconverges',
    "  after an `if` or loop that does not return. This is at least as strict as WGSL's uniformity",
    '  analysis, so every accepted program compiles.',
    '',
    '## Codes',
    '',
    ...renderTable(['Code', 'Phase', 'Severity', 'Meaning', 'Fix'], rows),
    '',
  ].join('\n');
}

// A table with padded columns, as Prettier formats Markdown (docs/ is checked by `prettier --check`).
function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`;
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ];
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}
