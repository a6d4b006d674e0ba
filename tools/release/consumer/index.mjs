// A fresh project's first program, run against the tarballs a publish would upload (see
// tools/release/test/install-tarballs.test.ts):
//
//   node index.mjs <package>                the project installed <package> alone: imports only it,
//                                           through each specifier its `exports` offer
//   node index.mjs <package> --with-peers   the same, with the package's optional peers installed too
//   node index.mjs --together               every package installed together: they work with each other
//
// Every import is dynamic and inside the check that needs it, so a run loads only the package it
// checks. It prints one JSON line, an object from each check's name (the specifier, for one package)
// to `true` or what was found instead, and exits 1 when any check fails.

const [target, option] = process.argv.slice(2);
const withPeers = option === '--with-peers';

/** `true`, or what was found instead. */
const verdict = (passed, found) => (passed ? true : found);

const bytesOf = (words) =>
  new Uint8Array(words.buffer, words.byteOffset, words.byteLength);

/** `<name>/package.json`: importable, and the package's own. */
async function manifest(name) {
  const { default: json } = await import(`${name}/package.json`, {
    with: { type: 'json' },
  });
  return verdict(json.name === name, json.name);
}

/** A JSON Schema entry point: importable, with a title. */
async function schema(specifier) {
  const { default: json } = await import(specifier, {
    with: { type: 'json' },
  });
  return verdict(
    typeof json.$schema === 'string' && typeof json.title === 'string',
    Object.keys(json),
  );
}

// Each list element is a WorkItem slot: ATOMIC_ADD of k + 1 into the first observable word.
const atomicAdds = (Opcode, ControlWord, count) =>
  Array.from({ length: count }, (_, k) => ({
    opcode: Opcode.ATOMIC_ADD,
    args: [k + 1, ControlWord.OBSERVABLE_BASE],
  }));

const checks = {
  // Checked math, the error catalog's codes and fix hints.
  '@vyre/foundation': async () => {
    const { checkedAddI32, ErrorCatalog, I32_MAX, StackError } =
      await import('@vyre/foundation');
    const overflow = checkedAddI32(I32_MAX, 1);
    const usage = new StackError('CLI_USAGE', 'a test');
    return {
      '@vyre/foundation': verdict(
        checkedAddI32(2, 3).ok &&
          !overflow.ok &&
          overflow.error instanceof StackError &&
          overflow.error.code === 'MATH_OVERFLOW' &&
          overflow.error.hint === ErrorCatalog.MATH_OVERFLOW.hint &&
          usage.format().includes('Fix:'),
        overflow,
      ),
      '@vyre/foundation/package.json': await manifest('@vyre/foundation'),
    };
  },

  // A program built, validated, lowered to WGSL and round-tripped through its JSON form; an invalid one
  // refused with a coded error.
  '@vyre/ir': async () => {
    const {
      add,
      emitWgsl,
      gidX,
      load,
      outputBuffer,
      parseProgram,
      program,
      programToJson,
      readBuffer,
      store,
      u32,
      validateProgram,
    } = await import('@vyre/ir');
    const addOne = program({
      workgroupSize: [64, 1, 1],
      buffers: [
        readBuffer('input', 0, 'u32'),
        outputBuffer('out', 1, 'u32', 4),
      ],
      entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
    });
    const wgsl = emitWgsl(addOne);
    const parsed = parseProgram(JSON.stringify(programToJson(addOne)));
    const invalid = emitWgsl(
      program({
        workgroupSize: [64, 1, 1],
        buffers: [outputBuffer('out', 0, 'u32', 4)],
        entry: [store('missing', gidX(), u32(1))],
      }),
    );
    return {
      '@vyre/ir': verdict(
        validateProgram(addOne).ok &&
          wgsl.ok &&
          wgsl.value.code.includes('@compute @workgroup_size(64, 1, 1)') &&
          parsed.ok &&
          JSON.stringify(parsed.value) === JSON.stringify(addOne) &&
          !invalid.ok &&
          invalid.error.code === 'IR_INVALID_PROGRAM',
        { wgsl, parsed: parsed.ok, invalid: invalid.ok || invalid.error.code },
      ),
      '@vyre/ir/program.schema.json': await schema(
        '@vyre/ir/program.schema.json',
      ),
      '@vyre/ir/package.json': await manifest('@vyre/ir'),
    };
  },

  // A program run by the CPU reference: it comes as plain data (a Program is readonly plain objects),
  // since this project has only the driver, not @vyre/ir's builders.
  '@vyre/driver-cpu-ref': async () => {
    const { CpuRefBackend, f32ToBits } = await import('@vyre/driver-cpu-ref');
    const gidX = { kind: 'invocationId', axis: 0 };
    const addOne = {
      workgroupSize: [64, 1, 1],
      buffers: [
        {
          name: 'input',
          binding: 0,
          access: 'readOnly',
          element: 'u32',
          count: 0,
          output: false,
          liveOut: false,
        },
        {
          name: 'out',
          binding: 1,
          access: 'readWrite',
          element: 'u32',
          count: 4,
          output: true,
          liveOut: true,
        },
      ],
      entry: [
        {
          kind: 'region',
          generator: 'vyre.program.root',
          body: [
            {
              kind: 'store',
              buffer: 'out',
              index: gidX,
              value: {
                kind: 'binary',
                op: 'add',
                left: { kind: 'load', buffer: 'input', index: gidX },
                right: { kind: 'lit', type: 'u32', value: 1 },
              },
            },
          ],
        },
      ],
    };
    const cpu = new CpuRefBackend();
    const input = new Uint32Array([1, 2, 3, 4]);
    const ran = await cpu.dispatch(addOne, [bytesOf(input)]);
    const noInput = await cpu.dispatch(addOne, []);
    cpu.dispose();
    const out = ran.ok
      ? Array.from(new Uint32Array(ran.value.outputs[0].slice().buffer))
      : ran.error.code;
    return {
      '@vyre/driver-cpu-ref': verdict(
        ran.ok &&
          out.join() === '2,3,4,5' &&
          !noInput.ok &&
          noInput.error.code === 'DISPATCH_INPUT_COUNT' &&
          f32ToBits(1) === 0x3f800000,
        { out, noInput: noInput.ok || noInput.error.code },
      ),
      '@vyre/driver-cpu-ref/package.json': await manifest(
        '@vyre/driver-cpu-ref',
      ),
    };
  },

  // Without its optional peer `webgpu` (Dawn), creating a backend is a coded error with a fix hint,
  // not a crash: a device needs Dawn and a GPU, which this check does not assume.
  '@vyre/driver-webgpu': async () => {
    const { WebGpuBackend } = await import('@vyre/driver-webgpu');
    const gpu =
      typeof WebGpuBackend.create === 'function'
        ? await WebGpuBackend.create()
        : undefined;
    if (gpu?.ok === true) {
      gpu.value.dispose();
    }
    return {
      '@vyre/driver-webgpu': verdict(
        gpu !== undefined &&
          !gpu.ok &&
          gpu.error.name === 'StackError' &&
          gpu.error.code === 'WEBGPU_MODULE_UNAVAILABLE' &&
          gpu.error.hint.length > 0,
        gpu?.ok === false
          ? { code: gpu.error.code, message: gpu.error.message }
          : gpu,
      ),
      '@vyre/driver-webgpu/package.json': await manifest('@vyre/driver-webgpu'),
    };
  },

  // A control buffer decoded; a truncated one refused with a coded error. The OpenTelemetry entry point
  // needs the optional peer @opentelemetry/api: without it, importing it names the missing package.
  '@vyre/telemetry': async () => {
    const {
      CONTROL_MIN_WORDS,
      ControlWord,
      createControlSnapshot,
      decodeControl,
    } = await import('@vyre/telemetry');
    const control = new Uint32Array(CONTROL_MIN_WORDS);
    control[ControlWord.DONE_COUNT] = 100;
    control[ControlWord.EPOCH] = 3;
    const decoded = decodeControl(bytesOf(control), createControlSnapshot());
    const truncated = decodeControl(new Uint8Array(8), createControlSnapshot());
    let opentelemetry;
    try {
      const { observeTelemetry } =
        await import('@vyre/telemetry/opentelemetry');
      // No OpenTelemetry SDK is registered: the API's meter is a no-op that never asks for a sample.
      let asked = 0;
      const observation = observeTelemetry(() => {
        asked += 1;
        return undefined;
      });
      observation.stop();
      opentelemetry = verdict(withPeers && asked === 0, { withPeers, asked });
    } catch (thrown) {
      opentelemetry = verdict(
        !withPeers &&
          thrown.code === 'ERR_MODULE_NOT_FOUND' &&
          thrown.message.includes("'@opentelemetry/api'"),
        String(thrown),
      );
    }
    return {
      '@vyre/telemetry': verdict(
        decoded.ok &&
          decoded.value.doneCount === 100 &&
          decoded.value.epoch === 3 &&
          !truncated.ok &&
          truncated.error.code === 'TELEMETRY_SNAPSHOT_MALFORMED',
        { decoded, truncated: truncated.ok || truncated.error.code },
      ),
      '@vyre/telemetry/opentelemetry': opentelemetry,
      '@vyre/telemetry/telemetry.schema.json': await schema(
        '@vyre/telemetry/telemetry.schema.json',
      ),
      '@vyre/telemetry/package.json': await manifest('@vyre/telemetry'),
    };
  },

  // The runtime declares no backend (running a megakernel needs a driver the application picks; see
  // --together), so on its own: the megakernel program built, a ring of 100 work items published (and a
  // busy slot refused), and a control buffer encoded and read back.
  '@vyre/runtime': async () => {
    const {
      ControlWord,
      controlWords,
      countDoneRingSlots,
      encodeControl,
      encodeEmptyRing,
      INTERPRETED_OPCODES,
      interpretedMegakernel,
      Megakernel,
      Opcode,
      publishSlot,
      publishSlots,
      readDoneCount,
    } = await import('@vyre/runtime');
    const items = atomicAdds(Opcode, ControlWord, 100);
    const megakernel = interpretedMegakernel();
    const ring = encodeEmptyRing(128);
    const published = ring.ok ? publishSlots(ring.value, 0, 0, items) : ring;
    const busy = ring.ok ? publishSlot(ring.value, 0, 0, items[0]) : ring;
    const done = ring.ok ? countDoneRingSlots(bytesOf(ring.value)) : ring;
    const control = encodeControl(new Uint32Array(controlWords(1)), {
      observableSlots: 1,
    });
    const doneCount = control.ok
      ? readDoneCount(bytesOf(control.value))
      : control;
    return {
      '@vyre/runtime': verdict(
        megakernel.ok &&
          megakernel.value.buffers.some((buffer) => buffer.name === 'ring') &&
          INTERPRETED_OPCODES.includes(Opcode.ATOMIC_ADD) &&
          published.ok &&
          published.value === 100 &&
          !busy.ok &&
          busy.error.code === 'RUNTIME_SLOT_BUSY' &&
          done.ok &&
          done.value === 0 &&
          doneCount.ok &&
          doneCount.value === 0 &&
          typeof Megakernel.create === 'function',
        {
          megakernel: megakernel.ok,
          published,
          busy: busy.ok,
          done,
          doneCount,
        },
      ),
      '@vyre/runtime/package.json': await manifest('@vyre/runtime'),
    };
  },

  // Everything installed together: 100 work items drained by one megakernel on the CPU reference, the
  // run's control buffer decoded by telemetry, and one copy of foundation shared by every package (a
  // driver's error is an instance of the application's StackError).
  '--together': async () => {
    const { StackError } = await import('@vyre/foundation');
    const { CpuRefBackend } = await import('@vyre/driver-cpu-ref');
    const { WebGpuBackend } = await import('@vyre/driver-webgpu');
    const { ControlWord, drainWorkItems, Opcode } =
      await import('@vyre/runtime');
    const { createControlSnapshot, decodeControl } =
      await import('@vyre/telemetry');
    const cpu = new CpuRefBackend();
    const report = await drainWorkItems(
      cpu,
      atomicAdds(Opcode, ControlWord, 100),
      {
        slots: 128,
        observableSlots: 1,
      },
    );
    cpu.dispose();
    const decoded = report.ok
      ? decodeControl(bytesOf(report.value.control), createControlSnapshot())
      : report;
    const gpu = await WebGpuBackend.create();
    if (gpu.ok) {
      gpu.value.dispose();
    }
    return {
      runtimeDrainsOnCpuRef: verdict(
        report.ok &&
          report.value.itemsProcessed === 100 &&
          report.value.control[ControlWord.OBSERVABLE_BASE] === 5050,
        report.ok ? report.value.itemsProcessed : report.error.code,
      ),
      telemetryDecodesTheRun: verdict(
        decoded.ok && decoded.value.doneCount === 100,
        decoded.ok ? decoded.value.doneCount : decoded.error.code,
      ),
      oneFoundation: verdict(
        gpu.ok || gpu.error instanceof StackError,
        gpu.ok || gpu.error.name,
      ),
    };
  },
};

const check = checks[target];
if (check === undefined) {
  console.error(
    `no check for "${target}": expected one of ${Object.keys(checks).join(', ')}. A new published package needs its check in tools/release/consumer/index.mjs.`,
  );
  process.exit(2);
}
const results = await check();
console.log(JSON.stringify(results));
process.exit(Object.values(results).every((v) => v === true) ? 0 : 1);
