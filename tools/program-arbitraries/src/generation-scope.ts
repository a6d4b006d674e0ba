import type { BufferDecl, ValueType } from '@vyre/ir';

/** A binding the generator may read: its type, and whether every lane holds the same value. */
export interface ScopeBinding {
  readonly name: string;
  readonly type: ValueType;
  readonly uniform: boolean;
  /** Loop variables cannot be assigned. */
  readonly mutable: boolean;
}

/**
 * What the generator knows at one point of the program: the visible bindings, the buffers, and the
 * control context (whether barriers are allowed here).
 */
export class GenerationScope {
  readonly buffers: readonly BufferDecl[];
  /** Barriers and other uniform-only constructs may be placed here. */
  readonly uniformControl: boolean;
  readonly depth: number;
  readonly #parent: GenerationScope | undefined;
  readonly #bindings: ScopeBinding[] = [];
  readonly #names: { next: number };

  private constructor(
    buffers: readonly BufferDecl[],
    uniformControl: boolean,
    depth: number,
    parent: GenerationScope | undefined,
    names: { next: number },
  ) {
    this.buffers = buffers;
    this.uniformControl = uniformControl;
    this.depth = depth;
    this.#parent = parent;
    this.#names = names;
  }

  /** The root scope of a program's body. */
  static root(buffers: readonly BufferDecl[]): GenerationScope {
    return new GenerationScope(buffers, true, 0, undefined, { next: 0 });
  }

  /** A nested scope; control stays uniform only when the construct entering it is uniform. */
  child(uniform: boolean): GenerationScope {
    return new GenerationScope(
      this.buffers,
      this.uniformControl && uniform,
      this.depth + 1,
      this,
      this.#names,
    );
  }

  /** A name no binding anywhere in the program uses (shadowing is invalid, reuse would be too). */
  freshName(prefix: string): string {
    return `${prefix}${this.#names.next++}`;
  }

  declare(binding: ScopeBinding): void {
    this.#bindings.push(binding);
  }

  /** Every binding visible here, innermost last. */
  visible(): ScopeBinding[] {
    const outer = this.#parent?.visible() ?? [];
    return [...outer, ...this.#bindings];
  }
}
