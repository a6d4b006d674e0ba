import { err, ok, StackError, type Result } from '@vyre/foundation';
import {
  add,
  bufLen,
  div,
  gidX,
  ifThen,
  letBind,
  load,
  local,
  loop,
  lt,
  mul,
  program,
  readBuffer,
  readWriteBuffer,
  store,
  u32,
  type Program,
  type ResidentBuffer,
  type ResidentDispatchStep,
  type VyreBackend,
} from '@vyre/ir';
import { SLOT_WORDS } from '@vyre/telemetry';
import type { Megakernel } from './megakernel.ts';
import { byteView } from './megakernel-readback.ts';
import { batchWords, type SlotBatch } from './slot-batch.ts';

// A batch that is run again and again (the same work over new data, frame after frame) need not cross
// the bus every run. Its ring image (items in slots 0 .. count - 1, every other slot EMPTY) is uploaded
// once; a run over resident data then arms the ring with a copy on the device, in the same submission
// as the drain, instead of uploading the ring. The copy is an IR Program like the megakernel, so it runs
// on every backend.

const ARM_WORKGROUP = 256;
const ARM_MAX_WORKGROUPS = 1024;
const armPrograms = new Map<number, Program>();

/** The program copying `image` into `ring` word for word, for a grid of `workgroups`. */
function armProgram(workgroups: number): Program {
  const known = armPrograms.get(workgroups);
  if (known !== undefined) {
    return known;
  }
  const lanes = ARM_WORKGROUP * workgroups;
  const made = program({
    workgroupSize: [ARM_WORKGROUP, 1, 1],
    buffers: [readBuffer('image', 0, 'u32'), readWriteBuffer('ring', 1, 'u32')],
    entry: [
      letBind('words', bufLen('ring')),
      loop('k', u32(0), div(add(local('words'), u32(lanes - 1)), u32(lanes)), [
        letBind('i', add(gidX(), mul(local('k'), u32(lanes)))),
        ifThen(lt(local('i'), local('words')), [
          store('ring', local('i'), load('image', local('i'))),
        ]),
      ]),
    ],
  });
  armPrograms.set(workgroups, made);
  return made;
}

/** Where a resident batch's image lives; shared with the finalizer, which frees it with the batch. */
interface Holder {
  readonly backend: VyreBackend;
  image: ResidentBuffer | undefined;
}

const holders = new WeakMap<ResidentSlotBatch, Holder>();
const freeWhenCollected = new FinalizationRegistry<Holder>((holder) => {
  freeImage(holder);
});

function freeImage(holder: Holder): void {
  const image = holder.image;
  holder.image = undefined;
  if (image !== undefined) {
    // The handle may belong to a device since lost: then there is nothing left to free.
    holder.backend.freeResident(image);
  }
}

/** Allocates a ring image of `slots` slots holding `words` (the slots after them zero, EMPTY). */
async function uploadImage(
  backend: VyreBackend,
  slots: number,
  words: Uint32Array,
): Promise<Result<ResidentBuffer>> {
  const allocated = await backend.allocateResident(slots * SLOT_WORDS * 4);
  if (!allocated.ok) {
    return allocated;
  }
  // A fresh resident buffer is zeroed: the slots after the batch are EMPTY already.
  const uploaded =
    words.length === 0
      ? ok(undefined)
      : await backend.uploadResident(allocated.value, byteView(words));
  if (!uploaded.ok) {
    backend.freeResident(allocated.value);
    return uploaded;
  }
  return allocated;
}

/**
 * A {@link SlotBatch} kept on its megakernel's device as a ring image, for runs that repeat the same
 * work: `runWorkItems` over resident data arms the ring from it with a copy on the device instead of
 * uploading the ring. Over host data, or on a kernel that publishes out of order (priority partitions,
 * binning), the batch is published from its words as usual. After a device loss and recovery the next
 * resident run uploads the image again. Free it with {@link ResidentSlotBatch.free} (or it is freed
 * when the batch is garbage-collected).
 *
 * @public
 */
export class ResidentSlotBatch {
  /** The batch. */
  readonly batch: SlotBatch;
  /** The megakernel whose device holds the image (a run on another is refused). */
  readonly megakernel: Megakernel;

  private constructor(
    batch: SlotBatch,
    megakernel: Megakernel,
    image: ResidentBuffer,
  ) {
    this.batch = batch;
    this.megakernel = megakernel;
    const holder: Holder = { backend: megakernel.backend, image };
    holders.set(this, holder);
    freeWhenCollected.register(this, holder, this);
  }

  /**
   * Uploads `batch` as a ring image of `megakernel` (one ring fill: at most `slotCount` items).
   *
   * @returns the resident batch, RUNTIME_PUBLISH_REFUSED when the batch does not fit the ring, or the
   *   backend's allocation or upload error
   */
  static async upload(
    megakernel: Megakernel,
    batch: SlotBatch,
  ): Promise<Result<ResidentSlotBatch>> {
    const slots = megakernel.slotCount;
    if (batch.count > slots) {
      return err(
        new StackError(
          'RUNTIME_PUBLISH_REFUSED',
          `a resident batch is one fill of the ring: expected at most ${slots} items (the megakernel's slots), found ${batch.count}.`,
        ),
      );
    }
    const image = await uploadImage(
      megakernel.backend,
      slots,
      batchWords(batch),
    );
    return image.ok
      ? ok(new ResidentSlotBatch(batch, megakernel, image.value))
      : image;
  }

  /** Whether {@link ResidentSlotBatch.free} was called. */
  get freed(): boolean {
    return holders.get(this)?.image === undefined;
  }

  /** Frees the image on the device; runs of this resident batch are refused afterwards. */
  free(): void {
    const holder = holders.get(this);
    if (holder !== undefined) {
      holders.delete(this);
      freeWhenCollected.unregister(this);
      freeImage(holder);
    }
  }
}

const NO_BYTES = new Uint8Array(0);

/**
 * Makes sure the image of `batch` is usable on its backend's current device: a handle of a device
 * since lost and replaced is uploaded again (a zero-byte upload checks the handle without moving
 * anything).
 *
 * @returns ok, or the error of uploading the image again
 */
export async function ensureImage(
  batch: ResidentSlotBatch,
): Promise<Result<void>> {
  const holder = holders.get(batch);
  if (holder?.image === undefined) {
    return err(
      new StackError(
        'RUNTIME_PUBLISH_REFUSED',
        'the resident batch was freed: expected a live one (upload the batch again, or run the SlotBatch itself).',
      ),
    );
  }
  const checked = await holder.backend.uploadResident(holder.image, NO_BYTES);
  if (checked.ok) {
    return checked;
  }
  const again = await uploadImage(
    holder.backend,
    batch.megakernel.slotCount,
    batchWords(batch.batch),
  );
  if (!again.ok) {
    return again;
  }
  holder.image = again.value;
  return ok(undefined);
}

/**
 * The step that copies the image of `batch` into `ring` (the ring buffer of its megakernel), or
 * undefined once the batch is freed.
 */
export function armStep(
  batch: ResidentSlotBatch,
  ring: ResidentBuffer,
): ResidentDispatchStep | undefined {
  const image = holders.get(batch)?.image;
  if (image === undefined) {
    return undefined;
  }
  const words = batch.megakernel.slotCount * SLOT_WORDS;
  const workgroups = Math.max(
    1,
    Math.min(ARM_MAX_WORKGROUPS, Math.ceil(words / ARM_WORKGROUP)),
  );
  return {
    program: armProgram(workgroups),
    resources: [image, ring],
    config: { gridOverride: [workgroups, 1, 1] },
  };
}
