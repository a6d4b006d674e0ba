/**
 * The CLI's exit codes. They are part of its interface: scripts branch on them.
 */
export const ExitCode = {
  /** The command did what was asked and found nothing wrong. */
  OK: 0,
  /** The command ran and found a problem (for `doctor`: something needed is missing). */
  PROBLEM: 1,
  /** The command line itself is invalid (CLI_USAGE). */
  USAGE: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
