// What the page reports when it is done: read by people in the page and by the Playwright test through
// `window.vyreReport`.

/** One buffer of the demo, as the GPU and the CPU reference wrote it. */
export interface DemoColumn {
  readonly name: string;
  /** Elements as the page shows them (u32 in decimal, f32 as its shortest decimal). */
  readonly gpu: readonly string[];
  readonly cpu: readonly string[];
  /**
   * `identical` bytes; f32 values `within-window` of docs/semantics.md (the demo's `fma` may round
   * once or twice on a GPU); or they `differ`.
   */
  readonly verdict: 'identical' | 'within-window' | 'differ';
}

/** The page's result. */
export type PageReport =
  | {
      readonly kind: 'done';
      /** The adapter, as the browser describes it. */
      readonly adapter: string;
      readonly columns: readonly DemoColumn[];
      /** The operator case tables run in the page against the CPU reference. */
      readonly cases: {
        readonly agree: number;
        readonly skipped: number;
        readonly differ: readonly string[];
      };
    }
  | {
      readonly kind: 'failed';
      /** A coded error's formatted text, or what was thrown. */
      readonly error: string;
    };

declare global {
  interface Window {
    vyreReport?: PageReport;
  }
}
