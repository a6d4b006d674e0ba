import { fingerprintProgram, type Program } from '@vyre/ir';
import type { CompileMode } from './compile-context.ts';
import { compileProgram, type CompiledProgram } from './compiled-program.ts';

/**
 * Counters of a backend's compiled-program cache (`CpuRefBackend.compileCacheStats`).
 *
 * @public
 */
export interface CompileCacheStats {
  /** Dispatches that found their program compiled. */
  readonly hits: number;
  /** Dispatches that compiled their program. */
  readonly misses: number;
  /** Compiled programs dropped to make room (least recently used first). */
  readonly evictions: number;
  /** Compiled programs held now. */
  readonly size: number;
}

/** Compiled programs by fingerprint and compile mode, least recently used evicted first. */
export class CompileCache {
  readonly #entries = new Map<string, CompiledProgram>();
  readonly #capacity: number;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The compiled form of `program` in `mode`, compiling it on a miss. */
  get(program: Program, mode: CompileMode): CompiledProgram {
    // The fingerprint ignores the order buffers are declared in, but compiled code finds each buffer by
    // its declaration index: the order is part of the key.
    const order = JSON.stringify(program.buffers.map((decl) => decl.name));
    const key = `${fingerprintProgram(program)}/${order}/${mode.generated ? 'generated' : 'closures'}/${mode.fuse ? 'fused' : 'stepped'}/${mode.subnormals}/${mode.fma}${mode.trackUnbound ? '/tracked' : ''}`;
    const found = this.#entries.get(key);
    if (found !== undefined) {
      this.#hits++;
      this.#entries.delete(key);
      this.#entries.set(key, found);
      return found;
    }
    this.#misses++;
    const compiled = compileProgram(program, mode);
    this.#entries.set(key, compiled);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) {
        this.#entries.delete(oldest.value);
        this.#evictions++;
      }
    }
    return compiled;
  }

  stats(): CompileCacheStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#evictions,
      size: this.#entries.size,
    };
  }
}
