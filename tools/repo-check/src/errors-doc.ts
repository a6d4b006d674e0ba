import { ErrorCatalog } from '@vyre/foundation';

/** docs/errors.md, generated from the error catalog (`pnpm repo-check --write`). */
export function renderErrorsDoc(): string {
  const rows = Object.entries(ErrorCatalog).map(
    ([code, entry]) =>
      `| \`${code}\` | ${escapeCell(entry.summary)} | ${escapeCell(entry.hint)} |`,
  );
  return [
    '# Error codes',
    '',
    '<!-- Generated from `ErrorCatalog` in packages/foundation/src/error-catalog.ts by `pnpm repo-check --write`. Do not edit by hand. -->',
    '',
    'Every error vyre reports is a `StackError` with a stable `code` from this table, a message that says',
    'what failed, what was expected and what was found, and a `hint` printed as "Fix: ...". Codes are API:',
    'a released code never changes meaning and is never reused. Match on `error.code`, never on the message.',
    '',
    'Expected failures (bad input, limits, a missing adapter) are returned as `Result` values; only',
    '`INTERNAL_BUG` (an `InternalError`) is thrown, and it always means a defect in vyre.',
    '',
    '| Code | Meaning | Fix |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}
