// The uniformity analysis of docs/semantics.md ("Control flow and synchronization"), as a graph
// solved once after the walk. A node is non-uniform when it is seeded (a load, an invocation id, ...)
// or when any node it depends on is. Nodes stand for let bindings and loop variables (flow-insensitive:
// one node per binding, fed by every value it is ever given), for the control flow inside an if branch
// or loop body, and for "some lanes have returned" at a point in program order.

/**
 * A value or control point whose uniformity is being solved.
 *
 * @internal
 */
export class UniformityNode {
  /** Set when seeded, and by {@link UniformityGraph.solve} for everything that depends on a seed. */
  nonUniform = false;
  /** The nodes that become non-uniform when this one is (filled by {@link UniformityGraph.edge}). */
  dependents: UniformityNode[] | undefined = undefined;
}

/**
 * The control flow inside an if branch or loop body whose condition or bounds are not uniform by
 * construction: non-uniform when they are, or when the enclosing control flow is.
 *
 * @internal
 */
export class ControlPoint extends UniformityNode {
  /** `the if` or `the loop`, for messages. */
  readonly what: string;
  /** The if or loop. */
  readonly path: string;
  /** The enclosing control flow. */
  readonly parent: UniformityNode;

  constructor(what: string, path: string, parent: UniformityNode) {
    super();
    this.what = what;
    this.path = path;
    this.parent = parent;
  }
}

/**
 * "Some lanes have returned": after a return (non-uniform when the control flow at the return is), or
 * at the top of a loop body (non-uniform when lanes may return before it, on this or a previous
 * iteration).
 *
 * @internal
 */
export class ReturnPoint extends UniformityNode {
  /** The return or loop. */
  readonly path: string;
  readonly ordinal: number;
  /** For a return, the control flow it is in; `undefined` for the top of a loop body. */
  readonly control: UniformityNode | undefined;

  constructor(
    path: string,
    ordinal: number,
    control: UniformityNode | undefined,
  ) {
    super();
    this.path = path;
    this.ordinal = ordinal;
    this.control = control;
  }
}

/**
 * A barrier or a subgroup collective (ballot, shuffle, reduce): a point that every lane of the
 * workgroup must reach together.
 *
 * @internal
 */
export interface SyncPoint {
  /** The control flow of the enclosing ifs and loops (V010 when non-uniform). */
  readonly control: UniformityNode;
  /** Whether some lanes may have returned before this point (V055 when non-uniform). */
  readonly returned: UniformityNode;
  /** What it is, for the message: `a barrier`, `subgroupBallot`, ... */
  readonly what: string;
  readonly path: string;
  readonly ordinal: number;
}

/**
 * The uniformity graph: nodes, dependency edges and seeds, solved by one traversal.
 *
 * @internal
 */
export class UniformityGraph {
  /** The control flow at the top of the program, and "nobody has returned": always uniform. */
  readonly root: UniformityNode = new UniformityNode();
  readonly syncPoints: SyncPoint[] = [];
  /** Every return not in uniform control flow by construction, in program order. */
  readonly returns: ReturnPoint[] = [];
  private readonly seeds: UniformityNode[] = [];

  /** Marks `node` as non-uniform by itself. */
  seed(node: UniformityNode): void {
    if (!node.nonUniform) {
      node.nonUniform = true;
      this.seeds.push(node);
    }
  }

  /** Records that `to` is non-uniform whenever `from` is. */
  edge(from: UniformityNode, to: UniformityNode): void {
    if (from === this.root || from === to) {
      return;
    }
    if (from.dependents === undefined) {
      from.dependents = [to];
    } else {
      from.dependents.push(to);
    }
  }

  /** Propagates non-uniformity from every seed along the edges (once, after the walk). */
  solve(): void {
    const stack = this.seeds.slice();
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      const dependents = node.dependents;
      if (dependents === undefined) {
        continue;
      }
      for (const dependent of dependents) {
        if (!dependent.nonUniform) {
          dependent.nonUniform = true;
          stack.push(dependent);
        }
      }
    }
  }
}
