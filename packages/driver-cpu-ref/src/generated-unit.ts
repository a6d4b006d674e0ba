import { InternalError } from '@vyre/foundation';
import type { Eval, Instr } from './compile-context.ts';
import type { Value } from './cpu-value.ts';

// The generated-code tier: the instructions of one program as JavaScript source, compiled with one
// `new Function` call when the program is done. The source is built only from this package's own
// templates, integer literals this package formats, and slot and buffer indices; no name, string or
// other text from the program ever reaches it. Everything else a template needs (non-integer
// constants, pinned operator functions, closure-compiled fallbacks) is passed in by reference.

/** One statement's generated code: JavaScript statements over `lane`, `L` (locals) and `m<i>` (buffers). */
export interface Fragment {
  readonly code: string;
  /** Temporaries the code assigns (declared once per function). */
  readonly temps: readonly string[];
  /** Buffer declaration indices the code reads as `m<i>`. */
  readonly buffers: ReadonlySet<number>;
}

/** A value passed into the generated source by reference, under a name the unit chose. */
type Reference = Value | Eval | ((...args: never[]) => unknown);

let codeGenerationAllowed: boolean | undefined;

/**
 * Whether this JavaScript environment lets the tier compile source (a Content-Security-Policy without
 * `unsafe-eval` forbids it); checked once.
 */
export function canGenerateCode(): boolean {
  if (codeGenerationAllowed === undefined) {
    try {
      codeGenerationAllowed =
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- probing whether the generated tier may run
        (new Function('return 1') as () => number)() === 1;
    } catch {
      codeGenerationAllowed = false;
    }
  }
  return codeGenerationAllowed;
}

/** Source for one program's generated instructions, built into functions by {@link GeneratedUnit.build}. */
export class GeneratedUnit {
  readonly #references: Reference[] = [];
  readonly #functions = new Map<number, string>();
  #temps = 0;

  /** A fresh temporary name. */
  temp(): string {
    return `t${this.#temps++}`;
  }

  /** The name under which generated code reads `value` (a constant, a pinned function or a closure). */
  reference(value: Reference): string {
    this.#references.push(value);
    return `R${this.#references.length - 1}`;
  }

  /**
   * Registers the instruction at `pc`: runs `fragments`, then returns the pc that `tail` computes
   * (`tail` is JavaScript ending in a `return`).
   */
  define(pc: number, fragments: readonly Fragment[], tail: string): void {
    const temps = new Set<string>();
    const buffers = new Set<number>();
    for (const fragment of fragments) {
      fragment.temps.forEach((t) => temps.add(t));
      fragment.buffers.forEach((b) => buffers.add(b));
    }
    const declarations = [
      'const L = lane.locals;',
      ...[...buffers].map((b) => `const m${b} = lane.mem[${b}];`),
      temps.size > 0 ? `let ${[...temps].join(', ')};` : '',
    ];
    const body = [...declarations, ...fragments.map((f) => f.code), tail].join(
      '\n',
    );
    this.#functions.set(pc, `function i${pc}(lane) {\n${body}\n}`);
  }

  /** Compiles every registered instruction with one `new Function` and writes each into `instrs`. */
  build(instrs: Instr[]): void {
    if (this.#functions.size === 0) {
      return;
    }
    const pcs = [...this.#functions.keys()];
    const names = this.#references.map((_, i) => `R${i}`);
    const source = [
      '"use strict";',
      names.length > 0 ? `const [${names.join(', ')}] = refs;` : '',
      'function O(lane) { lane.ctx.oobLoads++; return 0; }',
      `return [${pcs.map((pc) => this.#functions.get(pc)).join(',\n')}];`,
    ].join('\n');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the generated tier: the source is built only from this package's templates (see the top of this file)
    const factory = new Function('refs', source) as (
      refs: readonly Reference[],
    ) => Instr[];
    const built = factory(this.#references);
    pcs.forEach((pc, i) => {
      const instr = built[i];
      if (instr === undefined) {
        throw new InternalError(
          `cpu-ref generated tier: instruction ${pc} was not built`,
        );
      }
      instrs[pc] = instr;
    });
  }
}
