import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  createTelemetryScratch,
  decodeRingTelemetry,
  stringifyTelemetry,
  TELEMETRY_SCHEMA,
  telemetryRecord,
} from '../src/index.ts';
import { fullSample } from './sample-fixture.ts';
import { controlBytes, ringBytes } from './snapshot-builder.ts';

// The JSON exporter writes records that telemetry.schema.json accepts, copies of the sample's data.

const schema = JSON.parse(
  readFileSync(
    new URL('../src/telemetry.schema.json', import.meta.url),
    'utf8',
  ),
) as object;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

describe('telemetryRecord', () => {
  it('writes a full sample the schema accepts', () => {
    const record = JSON.parse(
      stringifyTelemetry(fullSample({ instance: 'gpu-0' })),
    ) as unknown;
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    expect(record).toMatchObject({
      schema: TELEMETRY_SCHEMA,
      labels: { instance: 'gpu-0' },
      control: {
        doneCount: 42,
        epoch: 2,
        metrics: [
          { opcode: 1, count: 30 },
          { opcode: 4, count: 12 },
        ],
      },
      counters: { totalSlots: 6, queueDepth: 4, drainedSlots: 42 },
      watchdog: { doneDelta: 2, suspectedStall: false },
      windows: [{ ticket: 7, tenant: 2, requiredSlots: 1, lookaheadSlots: 1 }],
      unknownStatusSlots: [{ slotIndex: 5, rawStatus: 0x1234 }],
    });
  });

  it('writes a minimal sample the schema accepts', () => {
    const decoded = decodeRingTelemetry(
      controlBytes(),
      ringBytes([]),
      createTelemetryScratch(),
    );
    if (!decoded.ok) {
      expect.fail(decoded.error.format());
    }
    const record = telemetryRecord({ telemetry: decoded.value });
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    expect(record.counters.totalSlots).toBe(0);
  });

  it('the schema refuses what the record never holds', () => {
    const record = JSON.parse(stringifyTelemetry(fullSample())) as Record<
      string,
      unknown
    >;
    expect(validate({ ...record, schema: 'vyre.telemetry/v2' })).toBe(false);
    expect(validate({ ...record, extra: 1 })).toBe(false);
    expect(
      validate({
        ...record,
        counters: { ...(record['counters'] as object), gpuIdlePpm: 1_000_001 },
      }),
    ).toBe(false);
  });

  it('copies: decoding again into the same scratch leaves an earlier record unchanged', () => {
    const scratch = createTelemetryScratch();
    const first = decodeRingTelemetry(
      controlBytes({ doneCount: 1, metrics: { 3: 9 } }),
      ringBytes([{ status: 1 }]),
      scratch,
    );
    if (!first.ok) {
      expect.fail(first.error.format());
    }
    const record = telemetryRecord({ telemetry: first.value });
    decodeRingTelemetry(
      controlBytes({ doneCount: 5 }),
      ringBytes([{ status: 0 }, { status: 0 }]),
      scratch,
    );
    expect(record.control).toMatchObject({
      doneCount: 1,
      metrics: [{ opcode: 3, count: 9 }],
    });
    expect(record.occupancy.published).toBe(1);
  });
});
