import { err, ok, type Result } from '@vyre/foundation';
import type { Program } from './program.ts';
import { ProgramValidationError } from './program-validation-error.ts';
import type { TargetCapabilities } from './target-capabilities.ts';
import { validateProgram } from './validate.ts';
import type { WgslBinding } from './wgsl-buffer-access.ts';
import { WgslEmitContext } from './wgsl-emit-context.ts';
import { emitHelperLibrary } from './wgsl-helper-library.ts';
import { WgslBuiltin } from './wgsl-names.ts';
import { emitStatements } from './wgsl-statements.ts';

// The WGSL module of a program: enables, bindings, helpers and the entry point, in that order.

/**
 * A WGSL feature a module enables.
 *
 * @public
 */
export type WgslEnable = 'f16' | 'subgroups';

/**
 * The WGSL compute module of a program and what a backend needs to run it.
 *
 * @public
 */
export interface WgslModule {
  /** The WGSL source: `enable` directives, bindings, helper functions, then `main`. */
  readonly code: string;
  /** The compute entry point's name. */
  readonly entryPoint: 'main';
  /** The `@workgroup_size` of the entry point. */
  readonly workgroupSize: readonly [number, number, number];
  /** Every storage buffer, in declaration order (workgroup buffers are not bindings). */
  readonly bindings: readonly WgslBinding[];
  /** The WGSL features the code enables; the device needs `shader-f16` / `subgroups` for them. */
  readonly enables: readonly WgslEnable[];
  /**
   * For each line of `code` (index 0 is line 1), the JSON Pointer of the program statement that
   * emitted it (for example `/entry/0/body/3/then/0`), or `''` for a line vyre adds itself (enables,
   * bindings, helper functions, the entry point's frame). Maps a WGSL compiler message to the program.
   */
  readonly lineStatements: readonly string[];
}

/**
 * Options for {@link emitWgsl}.
 *
 * @public
 */
export interface EmitOptions {
  /** What the device supports; defaults to `BASELINE_WGSL_CAPABILITIES`. */
  readonly capabilities?: TargetCapabilities;
}

/**
 * Emits the WGSL compute shader of a program.
 *
 * @remarks
 * The program is validated first (with `options.capabilities`); an invalid program yields
 * `IR_INVALID_PROGRAM` and no code. The emitted WGSL implements `docs/semantics.md` exactly: every
 * behaviour WGSL leaves to the implementation is pinned by explicit code, and the same program always
 * gives byte-identical text. Every storage buffer is a binding in group 0 at its declared slot.
 *
 * @param program - the program to emit
 * @param options - the target's capabilities
 *
 * @example
 * ```ts
 * import { add, emitWgsl, gidX, load, outputBuffer, program, readBuffer, store, u32 } from '@vyre/ir';
 * const addOne = program({
 *   buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 1024)],
 *   entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
 * });
 * const wgsl = emitWgsl(addOne);
 * if (wgsl.ok) console.log(wgsl.value.code);
 * ```
 *
 * @public
 */
export function emitWgsl(
  program: Program,
  options: EmitOptions = {},
): Result<WgslModule, ProgramValidationError> {
  const report = validateProgram(
    program,
    options.capabilities === undefined
      ? {}
      : { capabilities: options.capabilities },
  );
  if (report.errors.length > 0) {
    return err(new ProgramValidationError('emitWgsl', report.errors));
  }
  return ok(emitValidProgram(program));
}

function emitValidProgram(program: Program): WgslModule {
  const ctx = new WgslEmitContext(program.buffers);
  const entry = program.entry;
  const only = entry.length === 1 ? entry[0] : undefined;
  // A single top-level region is main's own scope; several each get a block.
  if (only?.kind === 'region') {
    emitStatements(ctx, only.body, '/entry/0/body');
  } else {
    emitStatements(ctx, entry, '/entry');
  }
  const body = ctx.finishBody();

  const enables: WgslEnable[] = [];
  if (ctx.usesF16 || program.buffers.some((b) => b.element === 'f16')) {
    enables.push('f16');
  }
  if (ctx.usesSubgroups) {
    enables.push('subgroups');
  }

  const sections: string[] = [];
  if (enables.length > 0) {
    sections.push(enables.map((name) => `enable ${name};`).join('\n'));
  }
  const bindings: WgslBinding[] = [];
  if (ctx.buffers.length > 0) {
    const declarations: string[] = [];
    for (const buffer of ctx.buffers) {
      declarations.push(buffer.declaration());
      const binding = buffer.binding();
      if (binding !== undefined) {
        bindings.push(binding);
      }
    }
    sections.push(declarations.join('\n'));
  }
  for (const buffer of ctx.buffers) {
    buffer.emitHelpers(sections);
  }
  emitHelperLibrary(ctx.helpers, sections);

  const params: string[] = [];
  for (const builtin of Object.keys(WgslBuiltin) as WgslBuiltin[]) {
    if (ctx.builtins.has(builtin)) {
      params.push(WgslBuiltin[builtin].declaration);
    }
  }
  const [x, y, z] = program.workgroupSize;
  const preamble = sections.join('\n\n');
  sections.push(
    `@compute @workgroup_size(${x}, ${y}, ${z})\nfn main(${params.join(', ')}) {${
      body.length > 0 ? `\n${body.join('\n')}` : ''
    }\n}`,
  );
  const code = `${sections.join('\n\n')}\n`;
  // Lines before main's body: the preamble, the blank line after it, and main's two header lines.
  const before = preamble === '' ? 2 : preamble.split('\n').length + 1 + 2;
  const lineStatements = Array.from(
    { length: code.split('\n').length - 1 },
    (_, line) => ctx.origins[line - before] ?? '',
  );
  return {
    code,
    entryPoint: 'main',
    workgroupSize: [x, y, z],
    bindings,
    enables,
    lineStatements,
  };
}
