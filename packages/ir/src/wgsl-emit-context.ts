import { InternalError } from '@vyre/foundation';
import type { BufferDecl } from './buffer-decl.ts';
import { WgslBuffer } from './wgsl-buffer-access.ts';
import { requireHelper, type WgslHelper } from './wgsl-helper-library.ts';
import { wgslLocalName, type WgslBuiltin } from './wgsl-names.ts';
import type { ValueType } from './value-type.ts';
import { leaf, withoutOuterParens, type WgslValue } from './wgsl-value.ts';

// The state of one emission: the body's lines, the scopes of local bindings and their types, the
// pending constant-operand temporaries, and everything the body used (helpers, builtins, features).

interface Local {
  readonly type: ValueType;
  /** The line that declares it, rewritten from `let` to `var` if the binding is ever assigned. */
  readonly line: number;
}

const INDENTS: string[] = [''];

function indentOf(depth: number): string {
  let indent = INDENTS[depth];
  if (indent === undefined) {
    indent = '  '.repeat(depth);
    INDENTS[depth] = indent;
  }
  return indent;
}

/**
 * The state of emitting one program's entry point.
 *
 * @internal
 */
export class WgslEmitContext {
  /** The lines of `main`'s body. */
  readonly lines: string[] = [];
  /** For each line of {@link WgslEmitContext.lines}, the JSON Pointer of the statement that emitted it. */
  readonly origins: string[] = [];
  /** The JSON Pointer of the statement being emitted. */
  origin = '';
  readonly buffers: readonly WgslBuffer[];
  readonly helpers: Set<WgslHelper> = new Set<WgslHelper>();
  readonly builtins: Set<WgslBuiltin> = new Set<WgslBuiltin>();
  usesSubgroups = false;
  usesF16 = false;
  private readonly bufferByName = new Map<string, WgslBuffer>();
  private readonly locals = new Map<string, Local>();
  private readonly scopes: string[][] = [[]];
  private readonly mutable = new Set<number>();
  private readonly pending: string[] = [];
  private temps = 0;
  private hoists = 0;
  private depth = 1;
  private indent = indentOf(1);

  /**
   * @param decls - the program's buffers
   */
  constructor(decls: readonly BufferDecl[]) {
    this.buffers = decls.map((decl) => new WgslBuffer(decl));
    for (const buffer of this.buffers) {
      this.bufferByName.set(buffer.decl.name, buffer);
    }
  }

  /**
   * The buffer named `name`.
   *
   * @param name - a declared buffer's name
   */
  buffer(name: string): WgslBuffer {
    const buffer = this.bufferByName.get(name);
    if (buffer === undefined) {
      throw new InternalError(
        `emitWgsl met buffer ${JSON.stringify(name)}, which the program does not declare`,
      );
    }
    return buffer;
  }

  /**
   * Records that the body calls `helper`.
   *
   * @param helper - a fixed helper
   * @returns its WGSL name
   */
  helper(helper: WgslHelper): string {
    requireHelper(this.helpers, helper);
    return `vyre_${helper}`;
  }

  /**
   * Appends a statement, preceded by the constant-operand temporaries its expressions bound.
   *
   * @param text - the statement
   */
  line(text: string): void {
    const indent = this.indent;
    if (this.pending.length > 0) {
      for (const temp of this.pending) {
        this.lines.push(indent + temp);
        this.origins.push(this.origin);
      }
      this.pending.length = 0;
    }
    this.lines.push(indent + text);
    this.origins.push(this.origin);
  }

  /** Opens a nested scope (after a line ending in `{`). */
  open(): void {
    this.scopes.push([]);
    this.depth += 1;
    this.indent = indentOf(this.depth);
  }

  /** Closes the innermost scope, forgetting its bindings (before the line with `}`). */
  close(): void {
    const names = this.scopes.pop();
    if (names !== undefined) {
      for (const name of names) {
        this.locals.delete(name);
      }
    }
    this.depth -= 1;
    this.indent = indentOf(this.depth);
  }

  /**
   * Binds `code` to a fresh temporary `t<n>` declared before the current statement.
   *
   * @param code - a WGSL expression
   * @returns the temporary's name
   */
  temp(code: string): string {
    const name = `t${this.temps}`;
    this.temps += 1;
    this.pending.push(`let ${name} = ${code};`);
    return name;
  }

  /** How many values have been bound to temporaries ahead of their statement so far. */
  get hoisted(): number {
    return this.hoists;
  }

  /** The position in the pending temporaries where the next one will go. */
  pendingMark(): number {
    return this.pending.length;
  }

  /**
   * Binds `value` to a fresh temporary ahead of the current statement, at position `at` of the pending
   * temporaries (by default after them), and returns the temporary: its evaluation has then happened.
   *
   * @param value - an emitted expression
   * @param at - where among the pending temporaries it is evaluated
   */
  hoist(value: WgslValue, at: number = this.pending.length): WgslValue {
    const name = `t${this.temps}`;
    this.temps += 1;
    this.hoists += 1;
    this.pending.splice(
      at,
      0,
      `let ${name} = ${withoutOuterParens(value.code)};`,
    );
    return leaf(name, value.type, false);
  }

  /**
   * A temporary declared as its own statement now (for loop bounds).
   *
   * @param code - a WGSL expression
   * @returns the temporary's name
   */
  declareTemp(code: string): string {
    const name = `t${this.temps}`;
    this.temps += 1;
    this.line(`let ${name} = ${code};`);
    return name;
  }

  /**
   * The constant-operand rule: the code to use for the first operand of an operation emitted inline,
   * bound to a temporary when every operand is a constant, so that WGSL evaluates the operation at
   * run time instead of rejecting it at compile time (f32 overflow, shifts of constants, domain
   * errors of math functions).
   *
   * @param operands - the operation's operands, first to last
   */
  firstOperand(operands: readonly WgslValue[]): string {
    const first = operands[0];
    if (first === undefined) {
      throw new InternalError('firstOperand needs at least one operand');
    }
    for (const operand of operands) {
      if (!operand.constant) {
        return first.code;
      }
    }
    return this.temp(first.code);
  }

  /**
   * Declares the local `name` (`let l_<name> = value;`) in the current scope.
   *
   * @param name - the IR name
   * @param value - its initial value
   */
  declareLocal(name: string, value: WgslValue): void {
    this.line(`let ${wgslLocalName(name)} = ${value.code};`);
    this.bind(name, value.type, this.lines.length - 1);
  }

  /**
   * Declares a loop variable, which is never assigned.
   *
   * @param name - the IR name
   */
  declareLoopVariable(name: string): void {
    this.bind(name, 'u32', -1);
  }

  /**
   * Assigns to the visible local `name`, which makes its declaration a `var`.
   *
   * @param name - the IR name
   * @param value - the new value
   */
  assignLocal(name: string, value: WgslValue): void {
    const local = this.local(name);
    if (local.line < 0) {
      throw new InternalError(
        `emitWgsl met an assignment to loop variable ${JSON.stringify(name)} (V011)`,
      );
    }
    this.mutable.add(local.line);
    this.line(`${wgslLocalName(name)} = ${value.code};`);
  }

  /**
   * The type of the visible local `name`.
   *
   * @param name - the IR name
   */
  localType(name: string): ValueType {
    return this.local(name).type;
  }

  /** The body's lines, with assigned bindings declared `var`. */
  finishBody(): readonly string[] {
    for (const index of this.mutable) {
      const line = this.lines[index];
      if (line !== undefined) {
        const start = line.indexOf('let ');
        this.lines[index] =
          `${line.slice(0, start)}var ${line.slice(start + 4)}`;
      }
    }
    this.mutable.clear();
    return this.lines;
  }

  private bind(name: string, type: ValueType, line: number): void {
    this.locals.set(name, { type, line });
    this.scopes[this.scopes.length - 1]?.push(name);
  }

  private local(name: string): Local {
    const local = this.locals.get(name);
    if (local === undefined) {
      throw new InternalError(
        `emitWgsl met local ${JSON.stringify(name)}, which no visible let or loop declares`,
      );
    }
    return local;
  }
}
