import { createServer } from 'node:http';
import { ok, type Result } from '@vyre/foundation';
import type { VyreBackend } from '@vyre/ir';
import {
  controlWords,
  encodeControl,
  encodeEmptyRing,
  Megakernel,
  Opcode,
  publishSlots,
  ControlWord,
  type SlotDescriptor,
} from '@vyre/runtime';
import {
  createTelemetryScratch,
  decodeRingTelemetry,
  runtimeCounters,
  toPrometheusText,
} from '@vyre/telemetry';
import { isMain, openBackend } from './open-backend.ts';

// Example 3 (@vyre/runtime, @vyre/telemetry): what a supervisor exports. One bounded drain of a ring of
// built-in jobs (atomic adds into observable words, then a batch fence), then the control buffer
// and the ring as read back are decoded into the Prometheus text format: slots by status, drained slots,
// queue depth, per-opcode metrics. `--serve PORT` serves a fresh drain's metrics at /metrics until
// interrupted.
// Run: pnpm --filter @vyre/examples metrics [--serve 9464]

const SLOTS = 1024;

/** `jobs` ATOMIC_ADD jobs into 4 observable words, then a BATCH_FENCE tagged 7. */
export function makeJobs(jobs: number): SlotDescriptor[] {
  return [
    ...Array.from({ length: jobs }, (_, k) => ({
      opcode: Opcode.ATOMIC_ADD,
      args: [k + 1, ControlWord.OBSERVABLE_BASE + (k % 4)],
    })),
    { opcode: Opcode.BATCH_FENCE, args: [jobs, 7] },
  ];
}

/** One drain of `jobs` jobs on `backend`, exported in the Prometheus text format. */
export async function drainMetrics(
  backend: VyreBackend,
  jobs: number,
  labels: Readonly<Record<string, string>> = {},
): Promise<Result<string>> {
  const kernel = Megakernel.create(backend, {
    slotCount: SLOTS,
    workgroupSize: 256,
  });
  if (!kernel.ok) {
    return kernel;
  }
  const ring = encodeEmptyRing(SLOTS);
  if (!ring.ok) {
    return ring;
  }
  const published = publishSlots(ring.value, 0, 0, makeJobs(jobs));
  if (!published.ok) {
    return published;
  }
  const control = new Uint32Array(controlWords(4));
  const encoded = encodeControl(control, {
    tenantCount: 1,
    observableSlots: 4,
  });
  if (!encoded.ok) {
    return encoded;
  }
  const readback = await kernel.value.dispatch({ control, ring: ring.value });
  if (!readback.ok) {
    return readback;
  }
  const bytes = (words: Uint32Array): Uint8Array =>
    new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
  const decoded = decodeRingTelemetry(
    bytes(readback.value.control),
    bytes(readback.value.ring),
    createTelemetryScratch(),
  );
  if (!decoded.ok) {
    return decoded;
  }
  const text = toPrometheusText({
    telemetry: decoded.value,
    counters: runtimeCounters(decoded.value),
    timestampMs: Date.now(),
    labels: { backend: backend.id, ...labels },
  });
  return text.ok ? ok(text.value) : text;
}

if (isMain(import.meta.url)) {
  const backend = await openBackend();
  const portAt = process.argv.indexOf('--serve');
  if (portAt < 0) {
    const text = await drainMetrics(backend, 1000);
    backend.dispose();
    if (!text.ok) {
      console.error(text.error.format());
      process.exit(1);
    }
    process.stdout.write(text.value);
  } else {
    const port = Number(process.argv[portAt + 1] ?? 9464);
    const server = createServer((request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      void drainMetrics(backend, 1000).then((text) => {
        if (text.ok) {
          response
            .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
            .end(text.value);
        } else {
          response.writeHead(500).end(text.error.format());
        }
      });
    });
    server.listen(port, '127.0.0.1', () => {
      console.log(
        `metrics at http://127.0.0.1:${port}/metrics (Ctrl-C to stop)`,
      );
    });
    process.on('SIGINT', () => {
      server.close();
      backend.dispose();
    });
  }
}
