import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { ok, type Result } from '@vyre/foundation';
import {
  add,
  atomic,
  bitAnd,
  bitXor,
  eq,
  ifThen,
  letBind,
  load,
  local,
  loop,
  readWriteBuffer,
  store,
  u32,
  type VyreBackend,
} from '@vyre/ir';
import {
  drainWorkItems,
  type DrainReport,
  type OpcodeHandler,
  type SlotDescriptor,
} from '@vyre/runtime';
import { isMain, openBackend } from './open-backend.ts';

// Example 2 (@vyre/runtime): a queue of small, different jobs (add to a segment, xor a segment, count
// its odd words) drained by one megakernel instead of one dispatch per job. Each job is a slot: a user
// opcode and three arguments (segment start, length, operand); the opcodes' bodies are IR statements.
// The same queue runs on the CPU reference, and the bytes agree.
// Run: pnpm --filter @vyre/examples work-queue [jobs]

const SEGMENT = 16;
const ADD = 0x4000_0001;
const XOR = 0x4000_0002;
const COUNT_ODD = 0x4000_0003;

// In a body, a0..a2 are the slot's arguments: here the segment start, its length and the operand.
const eachWord = (
  body: (at: ReturnType<typeof local>) => ReturnType<typeof store>[],
) =>
  loop('i', u32(0), local('a1'), [
    letBind('at', add(local('a0'), local('i'))),
    ...body(local('at')),
  ]);

const handlers: OpcodeHandler[] = [
  {
    opcode: ADD,
    body: [
      eachWord((at) => [store('data', at, add(load('data', at), local('a2')))]),
    ],
  },
  {
    opcode: XOR,
    body: [
      eachWord((at) => [
        store('data', at, bitXor(load('data', at), local('a2'))),
      ]),
    ],
  },
  {
    opcode: COUNT_ODD,
    body: [
      loop('i', u32(0), local('a1'), [
        ifThen(
          eq(
            bitAnd(load('data', add(local('a0'), local('i'))), u32(1)),
            u32(1),
          ),
          [letBind('old', atomic('add', 'odd', u32(0), u32(1)))],
        ),
      ]),
    ],
  },
];

/** `jobs` jobs, each owning one segment of `data`, their opcodes mixed. */
export function makeJobs(jobs: number): SlotDescriptor[] {
  return Array.from({ length: jobs }, (_, k) => ({
    opcode: [ADD, XOR, COUNT_ODD][k % 3] ?? ADD,
    args: [k * SEGMENT, SEGMENT, (k * 2654435761) >>> 0],
  }));
}

/** Runs `jobs` jobs on `backend`: the report, whose `data` holds `data` and `odd` after the run. */
export async function runJobs(
  backend: VyreBackend,
  jobs: number,
): Promise<Result<DrainReport>> {
  const data = Uint32Array.from({ length: jobs * SEGMENT }, (_, i) => i * 7);
  const report = await drainWorkItems(backend, makeJobs(jobs), {
    slots: 4096,
    handlers,
    data: [
      {
        buffer: readWriteBuffer('data', 4, 'u32'),
        bytes: new Uint8Array(data.buffer),
      },
      { buffer: readWriteBuffer('odd', 5, 'u32'), bytes: new Uint8Array(4) },
    ],
  });
  return report.ok ? ok(report.value) : report;
}

/** Runs the queue on `backend` and on the CPU reference; whether the bytes agree. */
export async function compareWithReference(
  backend: VyreBackend,
  jobs: number,
): Promise<Result<{ report: DrainReport; identical: boolean }>> {
  const reference = new CpuRefBackend();
  try {
    const got = await runJobs(backend, jobs);
    if (!got.ok) {
      return got;
    }
    const want = await runJobs(reference, jobs);
    if (!want.ok) {
      return want;
    }
    const identical = got.value.data.every(
      (bytes, i) =>
        bytes.length === want.value.data[i]?.length &&
        bytes.every((b, j) => b === want.value.data[i]?.[j]),
    );
    return ok({ report: got.value, identical });
  } finally {
    reference.dispose();
  }
}

if (isMain(import.meta.url)) {
  const jobs = Number(process.argv[2] ?? 3000);
  const backend = await openBackend();
  const result = await compareWithReference(backend, jobs);
  backend.dispose();
  if (!result.ok) {
    console.error(result.error.format());
    process.exit(1);
  }
  const { report, identical } = result.value;
  const odd = new Uint32Array(
    (report.data[1] ?? new Uint8Array(4)).slice().buffer,
  )[0];
  console.log(
    `${jobs} jobs on ${backend.id}: ${report.itemsProcessed} done, ${report.faulted.length} faulted, ${report.itemsRemaining} remaining, in ${report.drains} drain(s) and ${report.kernelLaunches} kernel launch(es), ${(report.wallTimeNs / 1e6).toFixed(2)} ms; odd words counted: ${odd}`,
  );
  console.log(
    identical
      ? 'identical to the CPU reference'
      : 'DIFFERENT from the CPU reference',
  );
  process.exit(identical && report.itemsProcessed === jobs ? 0 : 1);
}
