import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { err, ok, StackError, type Result } from '@vyre/foundation';
import {
  atomic,
  bufLen,
  gidX,
  ifThen,
  letBind,
  load,
  local,
  lt,
  outputBuffer,
  program,
  readBuffer,
  u32,
  type Program,
  type VyreBackend,
} from '@vyre/ir';
import { isMain, openBackend } from './open-backend.ts';

// Example 1 (@vyre/ir, a driver): a byte histogram written once as an IR program, run on the GPU and on
// the CPU reference, with identical counts. One lane per byte adds 1 to its bucket with an atomic.
// Run: pnpm --filter @vyre/examples histogram [bytes]

/** counts[b] = how many bytes equal b. */
export const byteHistogram: Program = program({
  workgroupSize: [64, 1, 1],
  buffers: [
    readBuffer('bytes', 0, 'u8'),
    outputBuffer('counts', 1, 'u32', 256),
  ],
  entry: [
    ifThen(lt(gidX(), bufLen('bytes')), [
      letBind('bucket', load('bytes', gidX())),
      letBind('previous', atomic('add', 'counts', local('bucket'), u32(1))),
    ]),
  ],
});

/** The histogram of `bytes` on `backend`. */
export async function histogram(
  backend: VyreBackend,
  bytes: Uint8Array,
): Promise<Result<Uint32Array>> {
  // One lane per byte: the grid follows the input, not the 256-bucket output.
  const ran = await backend.dispatch(byteHistogram, [bytes], {
    dispatchElements: bytes.length,
  });
  if (!ran.ok) {
    return ran;
  }
  const out = ran.value.outputs[0];
  return out === undefined
    ? err(new StackError('DISPATCH_INPUT_COUNT', 'no counts came back.'))
    : ok(new Uint32Array(out.slice().buffer));
}

/** `length` bytes of a fixed pseudo-random sequence (xorshift32). */
export function sampleBytes(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** Runs the histogram on `backend` and on the CPU reference; whether they agree. */
export async function compareWithReference(
  backend: VyreBackend,
  bytes: Uint8Array,
): Promise<Result<{ counts: Uint32Array; identical: boolean }>> {
  const reference = new CpuRefBackend();
  try {
    const [got, want] = [
      await histogram(backend, bytes),
      await histogram(reference, bytes),
    ];
    if (!got.ok) {
      return got;
    }
    if (!want.ok) {
      return want;
    }
    const identical = got.value.every((c, i) => c === want.value[i]);
    return ok({ counts: got.value, identical });
  } finally {
    reference.dispose();
  }
}

if (isMain(import.meta.url)) {
  const length = Number(process.argv[2] ?? 1 << 20);
  const backend = await openBackend();
  const result = await compareWithReference(backend, sampleBytes(length));
  backend.dispose();
  if (!result.ok) {
    console.error(result.error.format());
    process.exit(1);
  }
  const { counts, identical } = result.value;
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  console.log(
    `${length} bytes on ${backend.id}: buckets sum to ${counts.reduce((s, c) => s + c, 0)}; most common ${top.map(([b, c]) => `0x${b.toString(16).padStart(2, '0')} × ${c}`).join(', ')}`,
  );
  console.log(
    identical
      ? 'identical to the CPU reference'
      : 'DIFFERENT from the CPU reference',
  );
  process.exit(identical ? 0 : 1);
}
