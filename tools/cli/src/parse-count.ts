// A count option (`--n`, `--reps`, `--count`, `--seed`): a whole number from `min` (default 1) to a
// maximum, or the reason it is not; every command words it the same way.

/**
 * `text` as a count from `min` to `max` (`fallback` when the option is absent), or the usage message
 * that says what was expected.
 */
export function parseCount(
  text: string | boolean | undefined,
  name: string,
  fallback: number,
  max: number,
  example: number,
  min: number = 1,
): number | string {
  if (text === undefined) {
    return fallback;
  }
  const value =
    typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(value) && value >= min && value <= max
    ? value
    : `--${name} takes an integer from ${min} to ${max}: expected for example --${name} ${example}, found ${JSON.stringify(text)}.`;
}
