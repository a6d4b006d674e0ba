import type { BufferDecl } from './buffer-decl.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { Expr } from './expr.ts';
import { ScopeChain } from './scope-chain.ts';
import {
  BASELINE_WGSL_CAPABILITIES,
  type TargetCapabilities,
  type TargetLimits,
} from './target-capabilities.ts';
import { UniformityGraph, type UniformityNode } from './uniformity-graph.ts';
import { ValidationCodes, type ValidationCode } from './validation-code.ts';
import { ValidationLimits } from './validate-limits.ts';
import type { ValueType } from './value-type.ts';

// The state of one validation run, shared by the program, statement and expression checks.

/**
 * Walks one expression at `depth` (the root of a statement is at depth 1) and returns its type, or
 * `undefined` when it is ill-typed (already reported). Passed to the checks of expression families
 * that live in their own files, so that they need not import the walker.
 *
 * @internal
 */
export type ExpressionWalker = (
  ctx: ValidationContext,
  expr: Expr,
  path: string,
  depth: number,
) => ValueType | undefined;

interface Finding {
  readonly ordinal: number;
  readonly diagnostic: Diagnostic;
}

/**
 * What the validator knows while it walks a program: the declared buffers, the open scopes, the
 * uniformity graph, the node count, and the diagnostics found so far.
 *
 * @internal
 */
export class ValidationContext {
  readonly capabilities: TargetCapabilities;
  /** The target's limits, each one a JavaScript caller left out taken from the baseline. */
  readonly limits: TargetLimits;
  /** The first declaration of each buffer name. */
  readonly buffers: Map<unknown, BufferDecl> = new Map<unknown, BufferDecl>();
  readonly scopes: ScopeChain = new ScopeChain();
  readonly uniformity: UniformityGraph = new UniformityGraph();
  /** The control flow of the enclosing ifs and loops at the current point. */
  control: UniformityNode;
  /** "Some lanes have returned" at the current point in program order. */
  returned: UniformityNode;
  /** Statements and expressions visited so far; the ordinal of the last one visited. */
  nodes = 0;
  /** Set once the node limit is exceeded: the walk stops everywhere. */
  halted = false;
  /** Whether the root expression being walked depends on a non-uniform source by itself. */
  exprNonUniform = false;
  /** The bindings the root expression being walked reads: the first `exprReadCount` entries. */
  readonly exprReads: UniformityNode[] = [];
  exprReadCount = 0;
  private readonly findings: Finding[] = [];
  private sorted = true;

  constructor(capabilities: TargetCapabilities) {
    this.capabilities = capabilities;
    this.limits = resolveLimits(capabilities.limits);
    this.control = this.uniformity.root;
    this.returned = this.uniformity.root;
  }

  /**
   * Counts one statement or expression and returns its ordinal (its position in program order), or
   * 0 after reporting V019 when the program has more nodes than the limit, which halts the walk.
   */
  visit(path: string): number {
    if (this.halted) {
      return 0;
    }
    this.nodes += 1;
    if (this.nodes > ValidationLimits.nodes) {
      this.report(
        'V019',
        this.nodes,
        path,
        `the program has too many nodes: expected at most ${ValidationLimits.nodes} statements and expressions, found more (node ${this.nodes} is here; the rest is not checked)`,
      );
      this.halted = true;
      return 0;
    }
    return this.nodes;
  }

  /** Starts collecting the uniformity of a root expression (a let value, a condition, ...). */
  beginExpression(): void {
    this.exprNonUniform = false;
    this.exprReadCount = 0;
  }

  /** Records that the root expression being walked reads `binding`. */
  read(binding: UniformityNode): void {
    this.exprReads[this.exprReadCount++] = binding;
  }

  /** Makes `target` depend on the root expression just walked. */
  dependOnExpression(target: UniformityNode): void {
    if (this.exprNonUniform) {
      this.uniformity.seed(target);
    }
    for (let i = 0; i < this.exprReadCount; i++) {
      this.uniformity.edge(this.exprReads[i] as UniformityNode, target);
    }
  }

  /**
   * Records a diagnostic with the defaults of its code; `ordinal` places it in program order.
   *
   * @param code - the rule
   * @param ordinal - the ordinal of the node it is about
   * @param path - a JSON Pointer into the program's JSON form
   * @param message - what failed, what was expected and what was found
   * @param buffer - the buffer involved, if any
   */
  report(
    code: ValidationCode,
    ordinal: number,
    path: string,
    message: string,
    buffer?: unknown,
  ): void {
    const entry = ValidationCodes[code];
    const previous = this.findings[this.findings.length - 1];
    if (previous !== undefined && previous.ordinal > ordinal) {
      this.sorted = false;
    }
    this.findings.push({
      ordinal,
      diagnostic: {
        code,
        severity: entry.severity,
        phase: entry.phase,
        location: typeof buffer === 'string' ? { path, buffer } : { path },
        message,
        hint: entry.hint,
      },
    });
  }

  /** Every diagnostic, in program order. */
  diagnostics(): Diagnostic[] {
    if (!this.sorted) {
      this.findings.sort((a, b) => a.ordinal - b.ordinal);
      this.sorted = true;
    }
    return this.findings.map((finding) => finding.diagnostic);
  }
}

// The limits to check against: a limit that is missing or not a number (possible only from JavaScript
// or a partial object cast to the type) is the WebGPU default, so that a program accepted without it
// still fits every device.
function resolveLimits(given: TargetLimits | undefined): TargetLimits {
  const limits: { -readonly [K in keyof TargetLimits]: number } = {
    ...BASELINE_WGSL_CAPABILITIES.limits,
  };
  if (typeof given !== 'object' || given === null) {
    return limits;
  }
  for (const key of Object.keys(limits) as (keyof TargetLimits)[]) {
    const value: unknown = given[key];
    if (typeof value === 'number' && !Number.isNaN(value)) {
      limits[key] = value;
    }
  }
  return limits;
}
