import { UniformityNode } from './uniformity-graph.ts';
import type { ValueType } from './value-type.ts';

// The lexical scopes of a program as the validator walks it: a region, block, if branch and loop body
// each open a scope; a loop variable lives in a scope of its own around the body. Lookups are one Map
// access: `visible` maps each name to its innermost binding, and closing a scope restores whatever
// binding its declarations hid (possible only in programs that already have V008).

/**
 * A let binding or loop variable; its {@link UniformityNode} side is uniform iff every value it is
 * ever given is (loop variables: iff both bounds are).
 *
 * @internal
 */
export class Binding extends UniformityNode {
  readonly name: string;
  /** `undefined` when its value was ill-typed (already reported): uses of it are not checked. */
  readonly type: ValueType | undefined;
  readonly isLoopVariable: boolean;
  /** Where it is declared, for messages. */
  readonly path: string;
  /** The scope it was declared in. */
  readonly scope: number;
  /** The binding of the same name it hides, restored when its scope closes. */
  readonly hidden: Binding | undefined;

  constructor(
    name: string,
    type: ValueType | undefined,
    isLoopVariable: boolean,
    path: string,
    scope: number,
    hidden: Binding | undefined,
  ) {
    super();
    this.name = name;
    this.type = type;
    this.isLoopVariable = isLoopVariable;
    this.path = path;
    this.scope = scope;
    this.hidden = hidden;
  }
}

/**
 * The scopes open at the current point of the walk.
 *
 * @internal
 */
export class ScopeChain {
  private readonly visible = new Map<string, Binding>();
  private readonly declared: Binding[] = [];
  private readonly marks: number[] = [];
  private readonly ids: number[] = [];
  private nextId = 0;

  /** Opens a nested scope. */
  open(): void {
    this.marks.push(this.declared.length);
    this.ids.push(this.nextId++);
  }

  /** Closes the innermost scope, forgetting its declarations. */
  close(): void {
    const mark = this.marks.pop() ?? 0;
    this.ids.pop();
    while (this.declared.length > mark) {
      const binding = this.declared.pop();
      if (binding === undefined) {
        break;
      }
      if (binding.hidden === undefined) {
        this.visible.delete(binding.name);
      } else {
        this.visible.set(binding.name, binding.hidden);
      }
    }
  }

  /** The innermost visible binding of `name`. */
  lookup(name: string): Binding | undefined {
    return this.visible.get(name);
  }

  /** Whether `binding` was declared in the innermost open scope. */
  isInCurrentScope(binding: Binding): boolean {
    return binding.scope === this.ids[this.ids.length - 1];
  }

  /**
   * Declares `name` in the innermost scope (hiding any visible binding of that name, which the
   * caller has reported) and returns the binding.
   */
  declare(
    name: string,
    type: ValueType | undefined,
    isLoopVariable: boolean,
    path: string,
  ): Binding {
    const binding = new Binding(
      name,
      type,
      isLoopVariable,
      path,
      this.ids[this.ids.length - 1] ?? -1,
      this.visible.get(name),
    );
    this.visible.set(name, binding);
    this.declared.push(binding);
    return binding;
  }
}
