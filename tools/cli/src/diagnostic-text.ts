import type { Diagnostic } from '@vyre/ir';

/** `error[V065] /entry/0/body/1/value: <message>` and an indented `Fix:` line. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.severity}[${diagnostic.code}] ${diagnostic.location.path}: ${diagnostic.message}\n  Fix: ${diagnostic.hint}`;
}
