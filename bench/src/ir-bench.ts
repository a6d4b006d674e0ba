import { cpus } from 'node:os';
import {
  emitWgsl,
  fingerprintProgram,
  parseProgram,
  stringifyProgram,
  validateProgram,
} from '@vyre/ir';
import { measure, printTimings } from './measure.ts';
import { countNodes, twoHundredNodeProgram } from './sample-programs.ts';

// Issue 3 targets on the 2-core machine: for a 200-node program, emit WGSL (validation included)
// median ≤ 100 µs, validate median ≤ 50 µs, fingerprint median ≤ 50 µs.
// Run: pnpm --filter @vyre/bench bench:ir

const program = twoHundredNodeProgram();
const text = stringifyProgram(program);
const nodes = countNodes(program);

const validity = validateProgram(program);
const emitted = emitWgsl(program);
if (!validity.ok || !emitted.ok) {
  throw new Error('the benchmark program must be valid');
}

const timings = [
  {
    timing: measure('validateProgram', () => validateProgram(program)),
    targetUs: 50,
  },
  {
    timing: measure('emitWgsl (validates first)', () => emitWgsl(program)),
    targetUs: 100,
  },
  {
    timing: measure('fingerprintProgram', () => fingerprintProgram(program)),
    targetUs: 50,
  },
  { timing: measure('stringifyProgram', () => stringifyProgram(program)) },
  { timing: measure('parseProgram', () => parseProgram(text)) },
];

const cpu = cpus()[0]?.model ?? 'unknown CPU';
printTimings(
  `IR benchmark: one ${nodes}-node program, ${emitted.value.code.length} bytes of WGSL, ${text.length} bytes of JSON\n` +
    `Node ${process.versions.node}, ${cpus().length} × ${cpu}`,
  timings,
);
