// A fresh project's first program: each vyre package imported on its own, by name, from the tarballs a
// publish would upload (see tools/release/test/install-tarballs.test.ts). It prints one JSON line of
// results and exits 1 when any check fails.
import { checkedAddI32, StackError } from '@vyre/foundation';
import {
  add,
  emitWgsl,
  gidX,
  load,
  outputBuffer,
  program,
  readBuffer,
  store,
  u32,
  validateProgram,
} from '@vyre/ir';
import { CpuRefBackend } from '@vyre/driver-cpu-ref';
import { WebGpuBackend } from '@vyre/driver-webgpu';
import {
  ControlWord,
  createControlSnapshot,
  decodeControl,
} from '@vyre/telemetry';
import { drainWorkItems, Opcode } from '@vyre/runtime';

const results = {};

// @vyre/foundation: checked math and the error catalog's fix hints.
const overflow = checkedAddI32(2147483647, 1);
results.foundation =
  !overflow.ok &&
  new StackError('CLI_USAGE', 'a test').format().includes('Fix:');

// @vyre/ir: a program, validated and lowered to WGSL.
const addOne = program({
  workgroupSize: [64, 1, 1],
  buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 4)],
  entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
});
const wgsl = emitWgsl(addOne);
results.ir =
  validateProgram(addOne).ok && wgsl.ok && wgsl.value.code.includes('@compute');

// @vyre/driver-cpu-ref: the program run by the CPU reference.
const cpu = new CpuRefBackend();
const ran = await cpu.dispatch(addOne, [
  new Uint8Array(new Uint32Array([1, 2, 3, 4]).buffer),
]);
results.driverCpuRef =
  ran.ok &&
  Array.from(new Uint32Array(ran.value.outputs[0].slice().buffer)).join() ===
    '2,3,4,5';

// @vyre/driver-webgpu: without its optional peer `webgpu` installed, a coded error, not a crash.
const gpu = await WebGpuBackend.create();
results.driverWebgpu = gpu.ok
  ? (gpu.value.dispose(), true)
  : gpu.error instanceof StackError && gpu.error.code.startsWith('WEBGPU_');

// @vyre/runtime: 100 atomic adds drained by one megakernel on the CPU reference.
const items = Array.from({ length: 100 }, (_, k) => ({
  opcode: Opcode.ATOMIC_ADD,
  args: [k + 1, ControlWord.OBSERVABLE_BASE],
}));
const report = await drainWorkItems(cpu, items, {
  slots: 128,
  observableSlots: 1,
});
results.runtime =
  report.ok &&
  report.value.itemsProcessed === 100 &&
  report.value.control[ControlWord.OBSERVABLE_BASE] === 5050;

// @vyre/telemetry: the run's control buffer decoded.
const decoded = report.ok
  ? decodeControl(
      new Uint8Array(
        report.value.control.buffer,
        report.value.control.byteOffset,
        report.value.control.byteLength,
      ),
      createControlSnapshot(),
    )
  : undefined;
results.telemetry = decoded?.ok === true && decoded.value.doneCount === 100;

cpu.dispose();
console.log(JSON.stringify(results));
process.exit(Object.values(results).every((v) => v === true) ? 0 : 1);
