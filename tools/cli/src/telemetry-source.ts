import { readFile } from 'node:fs/promises';
import { err, ok, StackError, type Result } from '@vyre/foundation';
import {
  initialBytes,
  makeWorkload,
  workloadMegakernel,
} from '@vyre/megakernel-demo';
import {
  controlWords,
  encodeControl,
  encodeEmptyRing,
  encodePriorityOffsets,
  publishSlots,
} from '@vyre/runtime';
import { openNamedBackend, type BackendName } from './open-backend.ts';

// Where `vyre telemetry` gets its two snapshots: files an application wrote (the control buffer and the
// ring as read back), or one bounded drain of the demo workload on a backend.

/** A control buffer and a ring, as read back. */
export interface SnapshotBytes {
  readonly control: Uint8Array;
  readonly ring: Uint8Array;
  /** Where they came from, for the report. */
  readonly source: string;
}

async function readBytes(path: string): Promise<Result<Uint8Array>> {
  try {
    return ok(new Uint8Array(await readFile(path)));
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return err(
      new StackError(
        'CLI_INPUT_UNREADABLE',
        `reading "${path}" failed: expected a readable snapshot file, found the error "${reason}".`,
        {
          cause: thrown,
          hint: 'Check the paths and their permissions; `vyre telemetry --demo --out DIR` writes a pair of snapshot files to try.',
        },
      ),
    );
  }
}

/** Reads a control snapshot and a ring snapshot from files. */
export async function snapshotFromFiles(
  controlPath: string,
  ringPath: string,
): Promise<Result<SnapshotBytes>> {
  const control = await readBytes(controlPath);
  if (!control.ok) {
    return control;
  }
  const ring = await readBytes(ringPath);
  return ring.ok
    ? ok({
        control: control.value,
        ring: ring.value,
        source: `${controlPath} and ${ringPath}`,
      })
    : ring;
}

/** The backends a demo snapshot can come from. */
export type SnapshotBackend = BackendName;

const toBytes = (words: Uint32Array): Uint8Array =>
  new Uint8Array(words.buffer, words.byteOffset, words.byteLength);

/**
 * One bounded drain of the demo workload's first `n` items, published into a ring of `n` slots (rounded
 * up to whole workgroups): the control buffer and the ring it leaves.
 */
export async function snapshotFromDemo(
  backendName: SnapshotBackend,
  n: number,
): Promise<Result<SnapshotBytes>> {
  const opened = await openNamedBackend(backendName);
  if (!opened.ok) {
    return opened;
  }
  const backend = opened.value;
  try {
    const workload = makeWorkload(n);
    const mk = workloadMegakernel(backend, n);
    if (!mk.ok) {
      return mk;
    }
    const ring = encodeEmptyRing(mk.value.slotCount);
    if (!ring.ok) {
      return ring;
    }
    const published = publishSlots(ring.value, 0, 0, workload.items);
    if (!published.ok) {
      return published;
    }
    const control = new Uint32Array(controlWords(0));
    const encoded = encodeControl(control, { tenantCount: 1 });
    if (!encoded.ok) {
      return encoded;
    }
    encodePriorityOffsets(control, mk.value.slotCount);
    const readback = await mk.value.dispatch({
      control,
      ring: ring.value,
      data: initialBytes(workload),
    });
    if (!readback.ok) {
      return readback;
    }
    return ok({
      control: toBytes(readback.value.control),
      ring: toBytes(readback.value.ring),
      source: `one drain of ${n} demo work items on ${backend.id}`,
    });
  } finally {
    backend.dispose();
  }
}
