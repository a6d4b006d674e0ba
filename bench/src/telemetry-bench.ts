import { cpus } from 'node:os';
import {
  createTelemetryScratch,
  decodeRingTelemetry,
  runtimeCounters,
  SLOT_WORDS,
  SlotWord,
} from '@vyre/telemetry';
import { measure, printTimings } from './measure.ts';

// Issue 7 target on the 2-core machine: decoding a 1,000,000-slot ring snapshot (with its control
// buffer) takes at most 20 ms, reusing caller-owned scratch. Side by side: the first decode (which
// grows the scratch), steady-state decodes into the same scratch, with window aggregation, from
// misaligned bytes, and the counters derived afterwards.
// Run: pnpm bench:telemetry

const SLOTS = 1_000_000;
const WINDOW_OP = 0x4000_0001;

function ring(offset: number): Uint8Array {
  const backing = new Uint8Array(SLOTS * SLOT_WORDS * 4 + offset);
  const bytes = backing.subarray(offset);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let state = 0x9e3779b9;
  for (let i = 0; i < SLOTS; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const base = i * SLOT_WORDS * 4;
    view.setUint32(base + SlotWord.STATUS * 4, state % 9, true);
    view.setUint32(
      base + SlotWord.OPCODE * 4,
      state % 7 === 0 ? WINDOW_OP : state % 32,
      true,
    );
    view.setUint32(base + SlotWord.TENANT * 4, state % 5, true);
    view.setUint32(base + SlotWord.ARG0 * 4, (state >>> 8) % 1000, true);
    view.setUint32(base + (SlotWord.ARG0 + 1) * 4, state & 1, true);
  }
  return bytes;
}

const control = new Uint8Array(160 * 4);
const aligned = ring(0);
const odd = ring(1);

const firstScratch = createTelemetryScratch();
const firstStart = performance.now();
const first = decodeRingTelemetry(control, aligned, firstScratch);
const firstMs = performance.now() - firstStart;
if (!first.ok || first.value.slots.count !== SLOTS) {
  throw new Error('decode failed');
}

const scratch = createTelemetryScratch();
const options = { iterations: 60, warmup: 10 };
const timings = [
  {
    timing: measure(
      'decode 1M slots (reused scratch)',
      () => decodeRingTelemetry(control, aligned, scratch),
      options,
    ),
    targetUs: 20_000,
  },
  {
    timing: measure(
      '  + windows of one opcode',
      () =>
        decodeRingTelemetry(control, aligned, scratch, {
          windowOpcodes: [WINDOW_OP],
        }),
      options,
    ),
  },
  {
    timing: measure(
      '  from misaligned bytes (copied)',
      () => decodeRingTelemetry(control, odd, scratch),
      options,
    ),
  },
  {
    timing: measure(
      'runtimeCounters of the decoded ring',
      () => runtimeCounters(scratch.telemetry),
      { iterations: 2000, warmup: 200 },
    ),
  },
];
printTimings(
  `Telemetry decode, ${SLOTS.toLocaleString('en-US')} slots; Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
  timings,
);
console.log(
  `first decode into fresh scratch (allocates the slot columns): ${firstMs.toFixed(1)} ms`,
);
