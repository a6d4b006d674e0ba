/**
 * The slots of one ticketed route window, by status (vyre `WindowTelemetry`). A window's slots carry
 * the ticket in `arg0` and their class in `arg1`: 0 required, 1 lookahead ({@link WindowClass}).
 *
 * @public
 */
export interface WindowTelemetry {
  ticket: number;
  tenant: number;
  /** The opcode of the window's slots (the first seen, when they differ). */
  opcode: number;
  requiredSlots: number;
  lookaheadSlots: number;
  published: number;
  claimed: number;
  done: number;
  waitIo: number;
  yield: number;
  requeue: number;
  fault: number;
}

/**
 * The class of a window slot, in its `arg1` (vyre `WindowClass`).
 *
 * @public
 */
export const WindowClass = {
  REQUIRED: 0,
  LOOKAHEAD: 1,
} as const;

/**
 * Whether the window still has unfinished work in the ring: a published, claimed, waiting, yielded or
 * requeued slot.
 *
 * @param window - the window
 *
 * @public
 */
export function isWindowActive(window: WindowTelemetry): boolean {
  return (
    window.published > 0 ||
    window.claimed > 0 ||
    window.waitIo > 0 ||
    window.yield > 0 ||
    window.requeue > 0
  );
}
