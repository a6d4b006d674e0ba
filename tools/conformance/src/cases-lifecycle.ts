import {
  add,
  gidX,
  load,
  outputBuffer,
  program,
  readBuffer,
  store,
  u32,
  type TargetLimits,
  type VyreBackend,
} from '@vyre/ir';
import type { CaseOutcome } from './compare-backends.ts';
import { words } from './expected-run.ts';
import type { SuiteCase, SuiteContext } from './suite-case.ts';

// A backend's life: what a fresh one reports, recover() on a healthy device, and use after dispose().
// These cases make their own backends with the suite's factory, since they dispose them.

const addOne = program({
  workgroupSize: [4, 1, 1],
  buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 4)],
  entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
});
const input = words([1, 2, 3, 4]);

async function runsAddOne(backend: VyreBackend): Promise<string | undefined> {
  const result = await backend.dispatch(addOne, [input]);
  if (!result.ok) {
    return result.error.format();
  }
  const out = result.value.outputs[0];
  const expected = words([2, 3, 4, 5]);
  return out?.length === expected.length &&
    out.every((b, i) => b === expected[i])
    ? undefined
    : 'wrong outputs';
}

function lifecycleCase(
  name: string,
  body: (backend: VyreBackend, problems: string[]) => Promise<void>,
): SuiteCase {
  return {
    family: 'lifecycle',
    name,
    requires: [],
    run: async (context: SuiteContext): Promise<CaseOutcome> => {
      const made = await context.factory();
      if (!made.ok) {
        return {
          kind: 'differ',
          details: [`the factory failed: ${made.error.format()}`],
        };
      }
      const problems: string[] = [];
      try {
        await body(made.value, problems);
      } finally {
        made.value.dispose();
      }
      return problems.length === 0
        ? { kind: 'agree' }
        : { kind: 'differ', details: problems };
    },
  };
}

const positiveInteger = (n: number): boolean =>
  Number.isSafeInteger(n) && n > 0;

/** The lifecycle family. */
export function lifecycleCases(): SuiteCase[] {
  return [
    lifecycleCase(
      'a fresh backend has an id, positive limits, and is not lost',
      async (backend, problems) => {
        if (typeof backend.id !== 'string' || backend.id.length === 0) {
          problems.push(
            `id: expected a non-empty string, found ${JSON.stringify(backend.id)}`,
          );
        }
        const { limits } = backend.capabilities;
        for (const limit of Object.keys(limits) as (keyof TargetLimits)[]) {
          const value = limits[limit];
          if (!positiveInteger(value)) {
            problems.push(
              `limits.${limit}: expected a positive integer, found ${String(value)}`,
            );
          }
        }
        if (backend.deviceLost()) {
          problems.push('deviceLost(): expected false on a fresh backend');
        }
        const ran = await runsAddOne(backend);
        if (ran !== undefined) {
          problems.push(`a first dispatch: ${ran}`);
        }
      },
    ),
    lifecycleCase(
      'recover() on a healthy backend succeeds and keeps it usable',
      async (backend, problems) => {
        const recovered = await backend.recover();
        if (!recovered.ok) {
          problems.push(`recover(): ${recovered.error.format()}`);
        }
        const ran = await runsAddOne(backend);
        if (ran !== undefined) {
          problems.push(`a dispatch after recover(): ${ran}`);
        }
      },
    ),
    lifecycleCase(
      'after dispose() every call fails with BACKEND_DISPOSED, and a second dispose() is harmless',
      async (backend, problems) => {
        backend.dispose();
        backend.dispose();
        const calls: Array<
          [
            string,
            Promise<{
              readonly ok: boolean;
              readonly error?: { readonly code: string };
            }>,
          ]
        > = [
          ['dispatch', backend.dispatch(addOne, [input])],
          [
            'dispatchInto',
            backend.dispatchInto(addOne, [input], [new Uint8Array(16)]),
          ],
          ['allocateResident', backend.allocateResident(16)],
        ];
        for (const [name, call] of calls) {
          const result = await call;
          const found = result.ok ? 'success' : (result.error?.code ?? '?');
          if (found !== 'BACKEND_DISPOSED') {
            problems.push(`${name}: expected BACKEND_DISPOSED, found ${found}`);
          }
        }
      },
    ),
  ];
}
