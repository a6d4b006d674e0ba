import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { probeWebGpu, type AdapterReport } from '@vyre/driver-webgpu';
import type { StackErrorJson } from '@vyre/foundation';
import type { CommandIo } from '../cli-io.ts';
import type { CommandSpec } from '../command-spec.ts';
import { ExitCode } from '../exit-code.ts';

const MIN_NODE: readonly [number, number] = [20, 19];

export interface DoctorReport {
  readonly node: { readonly version: string; readonly supported: boolean };
  /** The pnpm on PATH; absent when none answers `pnpm --version`. */
  readonly pnpm: { readonly version?: string };
  readonly platform: string;
  readonly webgpu:
    | { readonly ok: true; readonly adapter: AdapterReport }
    | { readonly ok: false; readonly error: StackErrorJson };
}

async function collectDoctorReport(): Promise<DoctorReport> {
  const [pnpmVersion, probe] = await Promise.all([
    commandVersion('pnpm'),
    probeWebGpu(),
  ]);
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return {
    node: {
      version: process.versions.node,
      supported:
        major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]),
    },
    pnpm: pnpmVersion === undefined ? {} : { version: pnpmVersion },
    platform: `${process.platform}-${process.arch}`,
    webgpu: probe.ok
      ? { ok: true, adapter: probe.value }
      : { ok: false, error: probe.error.toJSON() },
  };
}

/** Whether everything vyre needs to run its GPU path is present. */
export function doctorFoundProblem(report: DoctorReport): boolean {
  return !report.node.supported || !report.webgpu.ok;
}

export function renderDoctorReport(report: DoctorReport): string {
  const lines = [
    'vyre doctor',
    row(
      'node',
      `${report.node.version}  ${report.node.supported ? 'ok' : `too old: vyre needs ${MIN_NODE.join('.')} or later`}`,
    ),
    row(
      'pnpm',
      report.pnpm.version ??
        'not found (only needed to work on vyre itself: npm install -g pnpm@10)',
    ),
    row('platform', report.platform),
  ];
  if (report.webgpu.ok) {
    const { adapter } = report.webgpu;
    const identity = [adapter.vendor, adapter.architecture, adapter.device]
      .filter((part) => part !== '')
      .join(' / ');
    lines.push(
      row(
        'webgpu',
        `ok: ${adapter.description}${adapter.isFallbackAdapter ? ' (fallback adapter)' : ''}`,
      ),
    );
    if (identity !== '') {
      lines.push(row('', identity));
    }
    lines.push(row('limits', ''));
    for (const [name, value] of Object.entries(adapter.limits)) {
      lines.push(`    ${name.padEnd(36)}${value}`);
    }
    const features = wrap(adapter.features, 80);
    lines.push(
      row('features', features[0] ?? '(none)'),
      ...features.slice(1).map((line) => row('', line)),
    );
  } else {
    const { error } = report.webgpu;
    lines.push(row('webgpu', `unavailable: [${error.code}] ${error.message}`));
    lines.push(row('', `Fix: ${error.hint}`));
  }
  return `${lines.join('\n')}\n`;
}

export const doctorCommand: CommandSpec = {
  name: 'doctor',
  summary:
    'Check Node, pnpm and the WebGPU adapter; print a fix for anything missing.',
  usage: 'vyre doctor [options]',
  optionHelp: ['--json             Print the report as JSON.'],
  exitProblem:
    'Node is unsupported or no WebGPU adapter was found (the report says what to install).',
  examples: ['vyre doctor', 'vyre doctor --json'],
  options: { json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  run: async (args, io: CommandIo) => {
    const report = await collectDoctorReport();
    io.out(
      args.values['json'] === true
        ? `${JSON.stringify(report, undefined, 2)}\n`
        : renderDoctorReport(report),
    );
    return doctorFoundProblem(report) ? ExitCode.PROBLEM : ExitCode.OK;
  },
};

// Joins words with ", " into lines of at most `width` characters.
function wrap(words: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length + 2 <= width) {
      lines[lines.length - 1] = `${last}, ${word}`;
    } else {
      if (last !== undefined) {
        lines[lines.length - 1] = `${last},`;
      }
      lines.push(word);
    }
  }
  return lines;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(10)}${value}`.trimEnd();
}

async function commandVersion(command: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)(command, ['--version'], {
      timeout: 10_000,
    });
    const version = stdout.trim();
    return version === '' ? undefined : version;
  } catch {
    return undefined;
  }
}
