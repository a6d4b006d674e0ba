import type { Result } from '@vyre/foundation';
import { fingerprintProgram, type Program } from '@vyre/ir';
import type { CompiledPipeline } from './compile-pipeline.ts';

// Compiled pipelines of one device, least recently used evicted first. The key is the program's
// fingerprint and its buffer declaration order (the fingerprint ignores the order, but bindings follow
// it); each backend has its own cache, emptied when its device is replaced. A compile in progress is
// shared by every dispatch that asks for it; a failed one is not kept.

/**
 * Counters of a backend's pipeline cache.
 *
 * @public
 */
export interface PipelineCacheStats {
  /** Dispatches that found their pipeline compiled or compiling. */
  readonly hits: number;
  /** Dispatches that started a compile. */
  readonly misses: number;
  /** Pipelines dropped to make room. */
  readonly evictions: number;
  /** Pipelines held now. */
  readonly size: number;
  /** The most pipelines held. */
  readonly capacity: number;
}

type Compile = (program: Program) => Promise<Result<CompiledPipeline>>;

// Programs are immutable: the key of a program object is computed once.
const keys = new WeakMap<Program, string>();

function keyOf(program: Program): string {
  let key = keys.get(program);
  if (key === undefined) {
    key = `${fingerprintProgram(program)}/${JSON.stringify(program.buffers.map((decl) => decl.name))}`;
    keys.set(program, key);
  }
  return key;
}

export class PipelineCache {
  readonly #entries = new Map<string, Promise<Result<CompiledPipeline>>>();
  readonly #capacity: number;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The pipeline of `program`, compiling it with `compile` on a miss. */
  get(program: Program, compile: Compile): Promise<Result<CompiledPipeline>> {
    const key = keyOf(program);
    const found = this.#entries.get(key);
    if (found !== undefined) {
      this.#hits++;
      this.#entries.delete(key);
      this.#entries.set(key, found);
      return found;
    }
    this.#misses++;
    const compiling = compile(program).then((result) => {
      if (!result.ok && this.#entries.get(key) === compiling) {
        this.#entries.delete(key);
      }
      return result;
    });
    this.#entries.set(key, compiling);
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) {
        break;
      }
      this.#entries.delete(oldest.value);
      this.#evictions++;
    }
    return compiling;
  }

  /** The programs of every pipeline held, most recently used last. */
  programs(): Promise<Program[]> {
    return Promise.all([...this.#entries.values()]).then((results) =>
      results.flatMap((result) => (result.ok ? [result.value.program] : [])),
    );
  }

  clear(): void {
    this.#entries.clear();
  }

  stats(): PipelineCacheStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#evictions,
      size: this.#entries.size,
      capacity: this.#capacity,
    };
  }
}
