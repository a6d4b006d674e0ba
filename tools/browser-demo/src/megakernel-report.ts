// What the megakernel page reports when it is done: read by people in the page and by the Playwright
// test through `window.vyreMegakernelReport`.

/** The telemetry of one drain, as the page shows it live. */
export interface DrainSample {
  readonly drain: number;
  /** Items done after this drain. */
  readonly itemsProcessed: number;
  /** Items left in the ring after this drain (published, not finished). */
  readonly itemsInRing: number;
  readonly itemsWaiting: number;
  /** The ring's slots by status after the drain (it is read back every drain here). */
  readonly occupancy: Readonly<Record<string, number>>;
  /** DONE slots of this drain per user opcode name. */
  readonly doneByOpcode: Readonly<Record<string, number>>;
}

/** The megakernel page's result. */
export type MegakernelPageReport =
  | {
      readonly kind: 'done';
      /** `webgpu`, or `cpu-ref` when the browser has no WebGPU adapter. */
      readonly backend: string;
      /** Why it is not WebGPU, when it is not. */
      readonly notice?: string;
      readonly items: number;
      readonly slots: number;
      /** The first run's drains, shown live. */
      readonly drains: readonly DrainSample[];
      /** A second run's wall time, with the pipeline compiled. */
      readonly megakernelMs: number;
      /** One dispatch per item on the same device, when there is one. */
      readonly perItemMs?: number;
      /** Both runs' data, histogram and sums equal the megakernel's on the CPU reference. */
      readonly verified: boolean;
    }
  | {
      readonly kind: 'failed';
      readonly error: string;
    };

declare global {
  interface Window {
    vyreMegakernelReport?: MegakernelPageReport;
  }
}
