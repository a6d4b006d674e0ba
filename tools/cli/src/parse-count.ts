// A count option (`--n`, `--reps`): a whole number from 1 to a maximum, or the reason it is not.

/**
 * `text` as a count from 1 to `max` (`fallback` when the option is absent), or the usage message that
 * says what was expected.
 */
export function parseCount(
  text: string | boolean | undefined,
  name: string,
  fallback: number,
  max: number,
  example: number,
): number | string {
  if (text === undefined) {
    return fallback;
  }
  const value =
    typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(value) && value >= 1 && value <= max
    ? value
    : `--${name} takes an integer from 1 to ${max}: expected for example --${name} ${example}, found ${JSON.stringify(text)}.`;
}
