import { err, ok, StackError, type Result } from '@vyre/foundation';

// Snapshot bytes as little-endian u32 words, checked for shape first.

/** TELEMETRY_SNAPSHOT_MALFORMED with `message`. */
export function malformed(message: string): Result<never> {
  return err(new StackError('TELEMETRY_SNAPSHOT_MALFORMED', message));
}

/**
 * The words of `bytes`: a view when it is 4-byte aligned, otherwise a copy into `spare` (grown as
 * needed and returned for reuse). `what` names the snapshot in errors.
 */
export function snapshotWords(
  what: string,
  bytes: unknown,
  spare: { words: Uint32Array },
): Result<Uint32Array> {
  if (!(bytes instanceof Uint8Array)) {
    return malformed(
      `the ${what} snapshot must be a Uint8Array: expected bytes as read back, found ${bytes === null ? 'null' : typeof bytes}.`,
    );
  }
  if (bytes.byteLength % 4 !== 0) {
    return malformed(
      `the ${what} snapshot is ${bytes.byteLength} bytes: expected whole 4-byte words, found ${bytes.byteLength % 4} extra byte(s).`,
    );
  }
  const count = bytes.byteLength / 4;
  if (bytes.byteOffset % 4 === 0) {
    return ok(new Uint32Array(bytes.buffer, bytes.byteOffset, count));
  }
  if (spare.words.length < count) {
    spare.words = new Uint32Array(count);
  }
  const copy = spare.words.subarray(0, count);
  new Uint8Array(copy.buffer, copy.byteOffset, bytes.byteLength).set(bytes);
  return ok(copy);
}
