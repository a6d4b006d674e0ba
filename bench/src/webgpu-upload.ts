import { cpus } from 'node:os';
import { WebGpuBackend } from '@vyre/driver-webgpu';

// How bytes move between the host and a WebGPU device, side by side in one run on raw WebGPU, for
// the choices the WebGPU backend makes:
// - upload: `queue.writeBuffer` (in one call or in chunks) against a write-mapped staging buffer
//   mapped in advance and copied with copyBufferToBuffer (what the backend does above 64 KiB);
// - readback: a fresh copy of the mapped range (`slice`) against a copy into storage the caller
//   already has (`ResidentRange.into`, `dispatchInto`).
// Every figure is the median of the timed repetitions and includes a tiny round trip to the device,
// so that the upload has landed.
// Run: pnpm bench:webgpu-upload [--reps 15]

const args = process.argv.slice(2);
const repsAt = args.indexOf('--reps');
const reps = repsAt >= 0 ? Number(args[repsAt + 1]) : 15;

const MAP_READ = 0x01;
const MAP_WRITE = 0x02;
const COPY_SRC = 0x04;
const COPY_DST = 0x08;
const STORAGE = 0x80;

const created = await WebGpuBackend.create();
if (!created.ok) {
  console.error(created.error.format());
  process.exit(1);
}
const gpu = created.value;
const maybeDevice = gpu.device;
if (maybeDevice === undefined) {
  throw new Error('no device');
}
const device: GPUDevice = maybeDevice;
console.log(
  `WebGPU transfers: ${gpu.adapter?.description ?? 'unknown adapter'}; Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; ${reps} timed runs each`,
);

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timed(run: () => Promise<void>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const tiny = device.createBuffer({ size: 16, usage: STORAGE | COPY_SRC });
const tinyRead = device.createBuffer({ size: 16, usage: MAP_READ | COPY_DST });
async function roundTrip(): Promise<void> {
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(tiny, 0, tinyRead, 0, 16);
  device.queue.submit([encoder.finish()]);
  await tinyRead.mapAsync(MAP_READ);
  tinyRead.unmap();
}

const row = (label: string, ms: number, base?: number): void => {
  console.log(
    `  ${label.padEnd(52)}${ms.toFixed(3).padStart(9)} ms${base === undefined ? '' : `${(ms / base).toFixed(2).padStart(8)}×`}`,
  );
};

console.log(
  `  ${'tiny round trip alone'.padEnd(52)}${(await timed(roundTrip)).toFixed(3).padStart(9)} ms`,
);
for (const size of [640 * 1024, 6400 * 1024]) {
  console.log(`\n${size} bytes (× writeBuffer in one call)`);
  const storage = device.createBuffer({
    size,
    usage: STORAGE | COPY_SRC | COPY_DST,
  });
  const source = new Uint8Array(size).fill(7);
  const whole = await timed(async () => {
    device.queue.writeBuffer(storage, 0, source);
    await roundTrip();
  });
  row('upload: writeBuffer, one call', whole, whole);
  for (const chunk of [1 << 20, 256 << 10]) {
    if (chunk >= size) {
      continue;
    }
    row(
      `upload: writeBuffer in ${chunk / 1024} KiB chunks`,
      await timed(async () => {
        for (let at = 0; at < size; at += chunk) {
          device.queue.writeBuffer(
            storage,
            at,
            source,
            at,
            Math.min(chunk, size - at),
          );
        }
        await roundTrip();
      }),
      whole,
    );
  }
  const staging = device.createBuffer({
    size,
    usage: MAP_WRITE | COPY_SRC,
    mappedAtCreation: true,
  });
  row(
    'upload: staging buffer mapped in advance',
    await timed(async () => {
      new Uint8Array(staging.getMappedRange()).set(source);
      staging.unmap();
      const encoder = device.createCommandEncoder();
      encoder.copyBufferToBuffer(staging, 0, storage, 0, size);
      device.queue.submit([encoder.finish()]);
      await roundTrip();
      await staging.mapAsync(MAP_WRITE); // ready for the next upload (the backend does it in the background)
    }),
    whole,
  );
  const readback = device.createBuffer({ size, usage: MAP_READ | COPY_DST });
  const into = new Uint8Array(size);
  const read = async (
    copy: (mapped: ArrayBuffer) => Uint8Array,
  ): Promise<void> => {
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(storage, 0, readback, 0, size);
    device.queue.submit([encoder.finish()]);
    await readback.mapAsync(MAP_READ);
    const bytes = copy(readback.getMappedRange());
    readback.unmap();
    if (bytes[size - 1] !== 7) {
      throw new Error('the readback differs from the upload');
    }
  };
  const fresh = await timed(() =>
    read((mapped) => new Uint8Array(mapped).slice()),
  );
  row('readback: fresh copy (slice)', fresh, fresh);
  row(
    'readback: into storage the caller has',
    await timed(() =>
      read((mapped) => {
        into.set(new Uint8Array(mapped));
        return into;
      }),
    ),
    fresh,
  );
  storage.destroy();
  staging.destroy();
  readback.destroy();
}
tiny.destroy();
tinyRead.destroy();
gpu.dispose();
