import cliPackage from '../package.json' with { type: 'json' };

// `vyre --version`: what to quote in a bug report.

/** The CLI's version, Node's, and the platform. */
export function versionText(): string {
  return `vyre ${cliPackage.version} (Node ${process.versions.node}, ${process.platform} ${process.arch})\n`;
}
