import { parseArgs } from 'node:util';
import { ok } from '@vyre/foundation';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import { readRegressions } from './node.ts';
import { runConformance, type CaseResult } from './run-conformance.ts';
import {
  CASE_FAMILIES,
  type BackendFactory,
  type CaseFamily,
} from './suite-case.ts';

// Runs the conformance suite on a backend of this machine and prints what differs, what was skipped
// and why, and the totals. Exit code 1 when anything differs, 2 on a bad command line.
// Run: pnpm --filter @vyre/conformance conform [--backend cpu-ref] [--family atomics] [--count 2000]
//      (or a bundle of this file on a GPU machine, with --regressions pointing at regressions/)

const USAGE = `usage: conform [--backend webgpu|cpu-ref] [--family NAME]... [--count N] [--seed S] [--regressions DIR] [--json]
families: ${CASE_FAMILIES.join(', ')}`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    const args = process.argv.slice(2);
    return parseArgs({
      // `pnpm conform -- --family x` passes the `--` on.
      args: args[0] === '--' ? args.slice(1) : args,
      options: {
        backend: { type: 'string', default: 'webgpu' },
        family: { type: 'string', multiple: true },
        count: { type: 'string', default: '200' },
        seed: { type: 'string', default: '20261121' },
        regressions: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const families = (values.family ?? []).flatMap((f) => f.split(','));
const unknown = families.filter(
  (f) => !(CASE_FAMILIES as readonly string[]).includes(f),
);
if (unknown.length > 0) {
  fail(`unknown family ${unknown.join(', ')}`);
}
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(seed)) {
  fail('--count must be a positive integer and --seed an integer');
}
const factories: Record<string, BackendFactory> = {
  webgpu: () => WebGpuBackend.create(),
  'cpu-ref': () => Promise.resolve(ok(new CpuRefBackend())),
};
const factory =
  factories[values.backend] ?? fail(`unknown backend ${values.backend}`);

const print = (result: CaseResult): void => {
  const name = `${result.family}: ${result.name}`;
  if (result.outcome.kind === 'differ') {
    console.log(`DIFFER ${name}`);
    result.outcome.details
      .slice(0, 4)
      .forEach((line) => console.log(`  ${line}`));
  } else if (result.outcome.kind === 'skipped') {
    console.log(`skip   ${name}: ${result.outcome.reason}`);
  }
};
const regressions = readRegressions(values.regressions);
if (!regressions.ok) {
  console.error(regressions.error.format());
  process.exit(1);
}
const report = await runConformance(factory, {
  regressions: regressions.value,
  ...(families.length === 0 ? {} : { families: families as CaseFamily[] }),
  differentialCount: count,
  differentialSeed: seed,
  ...(values.json ? {} : { onResult: print }),
});
if (!report.ok) {
  console.error(report.error.format());
  process.exit(1);
}
const { backend, agree, differ, skipped, elapsedMs } = report.value;
if (values.json) {
  console.log(JSON.stringify(report.value, null, 2));
} else {
  console.log(
    `${backend}: ${agree} agree, ${differ} differ, ${skipped} skipped (${(elapsedMs / 1000).toFixed(1)} s)`,
  );
}
process.exitCode = differ > 0 ? 1 : 0;
