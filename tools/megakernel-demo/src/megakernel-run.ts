import { err, ok, StackError, type Result } from '@vyre/foundation';
import type { ResidentBuffer, VyreBackend } from '@vyre/ir';
import {
  Megakernel,
  runWorkItems,
  type DrainReport,
  type ResidentSlotBatch,
  type SlotBatch,
} from '@vyre/runtime';
import { initialBytes, type WorkloadOutputs } from './workload-outputs.ts';
import { HANDLERS, MEGAKERNEL_DATA, type Workload } from './workload.ts';

// Strategy (c): the workload's items published into one megakernel's ring, drained in bounded drains.

// Lanes per workgroup of the workload's megakernel.
const WORKLOAD_WORKGROUP_SIZE = 256;

/**
 * The workload's megakernel on `backend`: a ring of `n` slots rounded up to whole workgroups of 256,
 * the 8 user opcodes and the `data`, `hist` and `sums` buffers.
 */
export function workloadMegakernel(
  backend: VyreBackend,
  n: number,
): Result<Megakernel> {
  return Megakernel.create(backend, {
    slotCount: Math.ceil(n / WORKLOAD_WORKGROUP_SIZE) * WORKLOAD_WORKGROUP_SIZE,
    workgroupSize: WORKLOAD_WORKGROUP_SIZE,
    handlers: HANDLERS,
    dataBuffers: MEGAKERNEL_DATA,
  });
}

/** One megakernel run: the runtime's report and the data buffers it left. */
export interface MegakernelRun {
  readonly report: DrainReport;
  readonly outputs: WorkloadOutputs;
}

/**
 * Resident buffers for the workload's data, hist and sums (for runs over resident data).
 *
 * @returns the buffers, or the backend's allocation error
 */
export async function allocateWorkloadResident(
  backend: VyreBackend,
  workload: Workload,
): Promise<Result<ResidentBuffer[]>> {
  const buffers: ResidentBuffer[] = [];
  for (const bytes of initialBytes(workload)) {
    const allocated = await backend.allocateResident(bytes.byteLength);
    if (!allocated.ok) {
      for (const b of buffers) {
        backend.freeResident(b);
      }
      return allocated;
    }
    buffers.push(allocated.value);
  }
  return ok(buffers);
}

/**
 * Runs every item of `workload` on `megakernel` from the workload's initial data: host data, or, with
 * `resident`, the initial data uploaded into those resident buffers and the run over resident data
 * (only the control buffer and the ring move per drain; the data is read with the last drain). With
 * `batch` (the workload's items encoded once by `SlotBatch.encode`) items are published by copying
 * words, and with a `ResidentSlotBatch` a resident run arms the ring on the device; with `outputs` the results land in that caller-owned storage (reused run after run).
 *
 * @returns the report and outputs (check `report.itemsProcessed`: items may fault or remain), or the
 *   runtime's error
 */
export async function runWorkloadOnMegakernel(
  megakernel: Megakernel,
  workload: Workload,
  options: {
    readonly binByOpcode?: boolean;
    readonly resident?: readonly ResidentBuffer[];
    readonly batch?: SlotBatch | ResidentSlotBatch;
    readonly outputs?: WorkloadOutputs;
  } = {},
): Promise<Result<MegakernelRun>> {
  const initial = initialBytes(workload);
  const resident = options.resident;
  if (resident !== undefined) {
    for (const [i, buffer] of resident.entries()) {
      const uploaded = await megakernel.backend.uploadResident(
        buffer,
        initial[i] ?? new Uint8Array(0),
      );
      if (!uploaded.ok) {
        return uploaded;
      }
    }
  }
  const outputs = options.outputs;
  const report = await runWorkItems(
    megakernel,
    options.batch ?? workload.items,
    {
      ...(resident === undefined
        ? { data: initial }
        : { residentData: resident }),
      ...(outputs === undefined
        ? {}
        : { dataInto: [outputs.data, outputs.hist, outputs.sums] }),
      binByOpcode: options.binByOpcode ?? false,
    },
  );
  if (!report.ok) {
    return report;
  }
  const [data, hist, sums] = report.value.data;
  if (data === undefined || hist === undefined || sums === undefined) {
    return err(
      new StackError(
        'RUNTIME_PROTOCOL_MALFORMED',
        `the run returned ${report.value.data.length} data buffers: expected 3 (data, hist, sums).`,
      ),
    );
  }
  return ok({ report: report.value, outputs: { data, hist, sums } });
}
