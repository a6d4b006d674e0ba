/**
 * How to run one dispatch; every field is optional.
 *
 * @public
 */
export interface DispatchConfig {
  /** Replaces the program's workgroup size (it must still fit the backend's limits). */
  readonly workgroupOverride?: readonly [number, number, number];
  /** Workgroups along x, y and z; wins over inference. Required for programs with a 2-D or 3-D workgroup size. */
  readonly gridOverride?: readonly [number, number, number];
  /** A floor for the number of invocations 1-D grid inference covers (for programs whose outputs are smaller than the work). */
  readonly dispatchElements?: number;
  /** Give up after this many milliseconds with `BACKEND_TIMEOUT`; the backend stays usable. */
  readonly timeoutMs?: number;
  /** A name for debugging tools and error messages. */
  readonly label?: string;
  /** Measure device time as well as wall time (backends without timers report only wall time). */
  readonly timing?: boolean;
}
