import {
  CONTROL_MIN_WORDS,
  ControlWord,
  SLOT_WORDS,
  SlotWord,
} from '../src/index.ts';

// Builds control and ring snapshots word by word, as the megakernel lays them out, for the tests.

export interface SlotSpec {
  readonly status: number;
  readonly opcode?: number;
  readonly tenant?: number;
  readonly args?: readonly number[];
}

export function ringBytes(slots: readonly SlotSpec[]): Uint8Array {
  const words = new Uint32Array(slots.length * SLOT_WORDS);
  slots.forEach((slot, i) => {
    const base = i * SLOT_WORDS;
    words[base + SlotWord.STATUS] = slot.status;
    words[base + SlotWord.OPCODE] = slot.opcode ?? 0;
    words[base + SlotWord.TENANT] = slot.tenant ?? 0;
    (slot.args ?? []).forEach((arg, k) => {
      words[base + SlotWord.ARG0 + k] = arg;
    });
  });
  return new Uint8Array(words.buffer);
}

export interface ControlSpec {
  readonly shutdown?: number;
  readonly doneCount?: number;
  readonly epoch?: number;
  readonly metrics?: Readonly<Record<number, number>>;
  readonly tenantFairness?: readonly number[];
  readonly priorityFairness?: readonly number[];
  readonly words?: number;
}

export function controlBytes(spec: ControlSpec = {}): Uint8Array {
  const words = new Uint32Array(spec.words ?? CONTROL_MIN_WORDS);
  words[ControlWord.SHUTDOWN] = spec.shutdown ?? 0;
  words[ControlWord.DONE_COUNT] = spec.doneCount ?? 0;
  words[ControlWord.EPOCH] = spec.epoch ?? 0;
  for (const [opcode, count] of Object.entries(spec.metrics ?? {})) {
    words[ControlWord.METRICS_BASE + Number(opcode)] = count;
  }
  (spec.tenantFairness ?? []).forEach((v, i) => {
    words[ControlWord.TENANT_FAIRNESS_BASE + i] = v;
  });
  (spec.priorityFairness ?? []).forEach((v, i) => {
    words[ControlWord.PRIORITY_FAIRNESS_BASE + i] = v;
  });
  return new Uint8Array(words.buffer);
}

/** The same bytes at an odd byte offset of a larger buffer. */
export function misaligned(bytes: Uint8Array): Uint8Array {
  const backing = new Uint8Array(bytes.byteLength + 1);
  backing.set(bytes, 1);
  return backing.subarray(1);
}
