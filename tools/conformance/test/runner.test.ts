import { describe, expect, it } from 'vitest';
import { err, ok, StackError } from '@vyre/foundation';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import {
  CASE_FAMILIES,
  conformanceCases,
  runConformance,
  type CaseFamily,
} from '../src/index.ts';
import { FaultyBackend, type Fault } from './faulty-backend.ts';

// runConformance itself: it runs every case of the selected families, reports each, disposes the
// backend it made, and fails a backend that is wrong in any of the ways a backend can be wrong.

describe('runConformance', () => {
  it(
    'passes the CPU reference on the families with independent expected values',
    { timeout: 60_000 },
    async () => {
      const made: CpuRefBackend[] = [];
      const progress: number[] = [];
      const report = await runConformance(
        () => {
          const backend = new CpuRefBackend();
          made.push(backend);
          return Promise.resolve(ok(backend));
        },
        {
          families: ['node-kinds', 'atomics', 'lifecycle', 'operators'],
          onResult: (_, done) => progress.push(done),
        },
      );
      if (!report.ok) {
        expect.fail(report.error.format());
      }
      const { results, agree, differ, skipped } = report.value;
      expect(differ).toBe(0);
      expect(agree + differ + skipped).toBe(results.length);
      expect(progress).toEqual(results.map((_, i) => i + 1));
      // The operator cases compare with the CPU reference: against itself they are skipped, visibly.
      const operators = results.filter((r) => r.family === 'operators');
      expect(operators.length).toBeGreaterThan(100);
      expect(operators.every((r) => r.outcome.kind === 'skipped')).toBe(true);
      expect(agree).toBe(results.length - operators.length);
      // The suite's backend plus one per lifecycle case, every one disposed.
      expect(made).toHaveLength(
        1 + conformanceCases({ families: ['lifecycle'] }).length,
      );
      const after = await made[0]?.allocateResident(4);
      expect(after?.ok === false && after.error.code).toBe('BACKEND_DISPOSED');
    },
  );

  it('returns the factory error when no backend can be made', async () => {
    const report = await runConformance(() =>
      Promise.resolve(
        err(new StackError('WEBGPU_NO_ADAPTER', 'no adapter on this machine')),
      ),
    );
    expect(report.ok === false && report.error.code).toBe('WEBGPU_NO_ADAPTER');
  });

  it('runs the families in CASE_FAMILIES order', () => {
    const order = [...new Set(conformanceCases().map((entry) => entry.family))];
    expect(order).toEqual(CASE_FAMILIES);
  });

  const faults: ReadonlyArray<readonly [Fault, CaseFamily]> = [
    ['reversed-outputs', 'binding-abi'],
    ['flipped-bit', 'node-kinds'],
    ['flipped-bit', 'atomics'],
    ['flipped-bit', 'out-of-bounds'],
    ['flipped-bit', 'grid-inference'],
    ['flipped-bit', 'workgroup-memory'],
    ['f32-drift', 'operators'],
    ['f32-drift', 'corpus'],
    ['wrong-code', 'bad-inputs'],
    ['immortal', 'lifecycle'],
    ['whole-downloads', 'resident'],
  ];
  // A whole family on the CPU reference twice over (the faulty backend and the references): seconds.
  it.for(faults)(
    'fails a backend with the fault %s in the %s family',
    { timeout: 60_000 },
    async ([fault, family]) => {
      const report = await runConformance(
        () => Promise.resolve(ok(new FaultyBackend(fault))),
        { families: [family] },
      );
      if (!report.ok) {
        expect.fail(report.error.format());
      }
      expect(report.value.differ).toBeGreaterThan(0);
    },
  );
});
