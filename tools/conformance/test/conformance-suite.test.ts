import { afterAll, describe, expect, it } from 'vitest';
import { ok } from '@vyre/foundation';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import {
  conformanceCases,
  referenceFor,
  runSuiteCase,
  type CaseFamily,
  type CaseOutcome,
  type SuiteCase,
  type SuiteContext,
} from '../src/index.ts';
import { readRegressions } from '../src/node.ts';
import { sharedGpuBackend } from './gpu-backend.ts';
import { WebGpuBackend } from '@vyre/driver-webgpu';

// The conformance suite, case by case, against the CPU reference and against WebGPU (lavapipe in
// CI). The CPU reference runs the families with independent expected values; the families that
// compare with the CPU reference run against WebGPU only. The differential family runs in
// differential.test.ts, at CI's scale.

const INDEPENDENT: readonly CaseFamily[] = [
  'node-kinds',
  'workgroup-memory',
  'atomics',
  'out-of-bounds',
  'grid-inference',
  'binding-abi',
  'resident',
  'lifecycle',
  'bad-inputs',
];
const ALL_BUT_DIFFERENTIAL: readonly CaseFamily[] = [
  ...INDEPENDENT,
  'operators',
  'corpus',
  'regressions',
];

const read = readRegressions();
if (!read.ok) {
  throw new Error(read.error.format());
}
const regressions = read.value;

const label = (entry: SuiteCase): string => `${entry.family}: ${entry.name}`;

function expectConforms(
  outcome: CaseOutcome,
  skip: (note: string) => never,
): void {
  if (outcome.kind === 'skipped') {
    skip(outcome.reason);
  }
  expect(outcome.kind === 'differ' ? outcome.details : []).toEqual([]);
}

const cpu = new CpuRefBackend();
let cpuContext: Promise<SuiteContext> | undefined;
let gpuContext: Promise<SuiteContext> | undefined;
afterAll(() => {
  cpu.dispose();
});

describe('the CPU reference conforms', () => {
  it.for(
    conformanceCases({ families: INDEPENDENT }).map(
      (entry) => [label(entry), entry] as const,
    ),
  )('%s', async ([, entry], { skip }) => {
    cpuContext ??= referenceFor(cpu).then((references) => ({
      backend: cpu,
      references,
      factory: () => Promise.resolve(ok(new CpuRefBackend())),
    }));
    expectConforms(await runSuiteCase(entry, await cpuContext), skip);
  });
});

describe('the suite itself', () => {
  const dispatching = conformanceCases({ families: INDEPENDENT }).filter(
    (entry) => entry.dispatch !== undefined,
  );
  it('marks only the cases that check a property as order-dependent', () => {
    const marked = dispatching.filter(
      (entry) => entry.dispatch?.orderDependent === true,
    );
    expect(marked.map(label)).toEqual([
      'atomics: add returns each lane a distinct ticket',
      'atomics: strong compareExchange: exactly one lane wins',
    ]);
  });
  it('knows the dispatch of most independent cases', () => {
    expect(dispatching.length).toBeGreaterThan(60);
  });
  // A racy case would pass or fail by the order lanes run in; the race check runs them in several orders.
  it.for(dispatching.map((entry) => [label(entry), entry] as const))(
    'no race: %s',
    async ([, entry]) => {
      const run = entry.dispatch;
      if (run === undefined || run.orderDependent === true) {
        return;
      }
      const checked = await cpu.raceCheck(run.program, run.inputs, run.config);
      expect(checked.ok && checked.value.racy).toBe(false);
    },
  );
});

describe('WebGPU conforms', { tags: ['gpu'] }, () => {
  it.for(
    conformanceCases({ families: ALL_BUT_DIFFERENTIAL, regressions }).map(
      (entry) => [label(entry), entry] as const,
    ),
  )('%s', async ([, entry], { skip }) => {
    const gpu = await sharedGpuBackend(skip);
    gpuContext ??= referenceFor(gpu).then((references) => ({
      backend: gpu,
      references,
      factory: () => WebGpuBackend.create(),
    }));
    expectConforms(await runSuiteCase(entry, await gpuContext), skip);
  });

  it('has regression repros to run', () => {
    const repros = conformanceCases({ families: ['regressions'], regressions });
    expect(repros.length).toBeGreaterThan(1);
    expect(repros.every((entry) => entry.name.endsWith('.json'))).toBe(true);
  });
});
