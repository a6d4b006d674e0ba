// The TypeScript programs a fresh project type-checks against one package's published declarations
// (see tools/release/test/install-tarballs.test.ts, and type-check.ts for the compiler options). Each
// imports that package alone, through every entry point the project can load, and uses its types the
// way an application would: annotations that name exported types, values narrowed through `Result`,
// and one `@ts-expect-error` line that only compiles while the types are precise (declarations that
// had decayed to `any` would make that line an error, TS2578). The programs are only type-checked;
// tools/release/consumer/index.mjs runs the JavaScript side.
//
// They are kept as text here rather than as .ts files beside consumer/index.mjs: nothing in this
// repository imports them, so the workspace's unused-file check (knip) would report them, and they
// compile only inside a project that installed the tarballs.

/** A TypeScript program for a project that installed one package, and the `lib` it compiles with. */
export interface TypeConsumer {
  /** consumer.ts. */
  readonly source: string;
  /** ES2022, plus what the package's README tells users to add. */
  readonly lib: readonly string[];
  /**
   * A program that must not compile in that project, and a diagnostic tsc must report for it (in the
   * package's own declarations): the other side of a requirement, a `lib` the README asks for or an
   * optional peer the project did not install.
   */
  readonly refused?: {
    /** refused.ts. */
    readonly source: string;
    readonly lib: readonly string[];
    /** Matches a line of tsc's diagnostics. */
    readonly diagnostic: RegExp;
  };
}

const ES2022: readonly string[] = ['ES2022'];

const FOUNDATION = `import {
  checkedAddI32,
  ErrorCatalog,
  I32_MAX,
  isStackError,
  mapOk,
  StackError,
  type ErrorCode,
  type Result,
} from '@vyre/foundation';
import manifest from '@vyre/foundation/package.json' with { type: 'json' };

const sum: Result<number> = checkedAddI32(I32_MAX, 1);
const code: ErrorCode | undefined = sum.ok ? undefined : sum.error.code;
const doubled: Result<number> = mapOk(sum, (value) => value * 2);
const usage = new StackError('CLI_USAGE', 'a test', {
  hint: ErrorCatalog.CLI_USAGE.hint,
});
const formatted: string = usage.format();
const coded: boolean = isStackError(usage, 'MATH_OVERFLOW');
// @ts-expect-error: a code is one of the catalog's
void new StackError('NOT_A_CODE', 'a test');

export const used = [code, doubled, formatted, coded, manifest.name];
`;

const IR = `import {
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
  type Program,
  type ProgramJson,
  type VyreBackend,
  type WgslModule,
} from '@vyre/ir';
import manifest from '@vyre/ir/package.json' with { type: 'json' };
import schema from '@vyre/ir/program.schema.json' with { type: 'json' };

const addOne: Program = program({
  workgroupSize: [64, 1, 1],
  buffers: [readBuffer('input', 0, 'u32'), outputBuffer('out', 1, 'u32', 4)],
  entry: [store('out', gidX(), add(load('input', gidX()), u32(1)))],
});
const wgsl = emitWgsl(addOne);
const module: WgslModule | undefined = wgsl.ok ? wgsl.value : undefined;
const json: ProgramJson = programToJson(addOne);
const parsed = parseProgram(JSON.stringify(json));
const path: string | undefined = parsed.ok ? undefined : parsed.error.path;
const valid: boolean = validateProgram(addOne).ok;
// What a driver implements, and what an application hands a program to.
const runOn = async (backend: VyreBackend): Promise<Uint8Array | undefined> => {
  const ran = await backend.dispatch(addOne, [new Uint8Array(16)]);
  return ran.ok ? ran.value.outputs[0] : undefined;
};
// @ts-expect-error: an element type is one of the IR's data types
void readBuffer('input', 0, 'u33');

export const used = [module, path, valid, runOn, manifest.name, schema.title];
`;

const DRIVER_CPU_REF = `import {
  CPU_REF_CAPABILITIES,
  CpuRefBackend,
  f32ToBits,
  type CpuRefOptions,
  type CpuRefRunResult,
} from '@vyre/driver-cpu-ref';
import manifest from '@vyre/driver-cpu-ref/package.json' with { type: 'json' };

// A program as plain data, typed by the driver's own signature: this project installed the driver,
// not @vyre/ir's builders.
type Program = Parameters<CpuRefBackend['run']>[0];
const gidX = { kind: 'invocationId', axis: 0 } as const;
const addOne: Program = {
  workgroupSize: [64, 1, 1],
  buffers: [
    { name: 'input', binding: 0, access: 'readOnly', element: 'u32', count: 0, output: false, liveOut: false },
    { name: 'out', binding: 1, access: 'readWrite', element: 'u32', count: 4, output: true, liveOut: true },
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
const options: CpuRefOptions = { compiler: 'closures', maxSteps: 1_000_000 };
const cpu = new CpuRefBackend(options);
const ran = await cpu.run(addOne, [new Uint8Array(16)]);
const result: CpuRefRunResult | undefined = ran.ok ? ran.value : undefined;
const steps: number = result?.steps ?? 0;
const maxX: number = CPU_REF_CAPABILITIES.limits.maxComputeWorkgroupSizeX;
cpu.dispose();
// @ts-expect-error: the compiler is 'auto', 'closures' or 'generated'
void new CpuRefBackend({ compiler: 'jit' });

export const used = [steps, maxX, f32ToBits(1), manifest.name];
`;

const DRIVER_WEBGPU = `import {
  createNodeGpu,
  KEY_ADAPTER_LIMITS,
  probeWebGpu,
  USEFUL_FEATURES,
  WebGpuBackend,
  webGpuCapabilities,
  type AdapterReport,
  type WebGpuBackendOptions,
} from '@vyre/driver-webgpu';
import manifest from '@vyre/driver-webgpu/package.json' with { type: 'json' };

// Dawn's navigator.gpu in Node, or a device the application already has, as the DOM library types them.
const gpu = await createNodeGpu({ flags: ['enable-dawn-features=allow_unsafe_apis'] });
const options: WebGpuBackendOptions = {
  powerPreference: 'high-performance',
  ...(gpu.ok ? { gpu: gpu.value } : {}),
};
const withDevice = (device: GPUDevice): WebGpuBackendOptions => ({ device });
const created = await WebGpuBackend.create(options);
const device: GPUDevice | undefined = created.ok ? created.value.device : undefined;
const maxX: number | undefined =
  device === undefined ? undefined : webGpuCapabilities(device).limits.maxComputeWorkgroupSizeX;
if (created.ok) {
  created.value.dispose();
}
const probed = await probeWebGpu();
const report: AdapterReport | undefined = probed.ok ? probed.value : undefined;
const limits: number[] = KEY_ADAPTER_LIMITS.map((key) => report?.limits[key] ?? 0);
// @ts-expect-error: a power preference is 'low-power' or 'high-performance'
void WebGpuBackend.create({ powerPreference: 'fastest' });

export const used = [withDevice, maxX, limits, USEFUL_FEATURES, manifest.name];
`;

const TELEMETRY = `import {
  CONTROL_MIN_WORDS,
  ControlWord,
  createControlSnapshot,
  decodeControl,
  RingStatus,
  ringStatusName,
  type ControlSnapshot,
  type RingStatusName,
  type TelemetrySample,
} from '@vyre/telemetry';
import manifest from '@vyre/telemetry/package.json' with { type: 'json' };
import schema from '@vyre/telemetry/telemetry.schema.json' with { type: 'json' };

const control = new Uint32Array(CONTROL_MIN_WORDS);
control[ControlWord.DONE_COUNT] = 100;
const decoded = decodeControl(new Uint8Array(control.buffer), createControlSnapshot());
const snapshot: ControlSnapshot | undefined = decoded.ok ? decoded.value : undefined;
const done: number = snapshot?.doneCount ?? 0;
const status: RingStatusName = ringStatusName(RingStatus.DONE);
const noSample = (): TelemetrySample | undefined => undefined;
// @ts-expect-error: the names are the ring's statuses
const unknown: RingStatusName = 'STALLED';

export const used = [done, status, noSample, unknown, manifest.name, schema.title];
`;

// The entry point that needs the optional peer @opentelemetry/api.
const TELEMETRY_OPENTELEMETRY = `import {
  observeTelemetry,
  type OpenTelemetryOptions,
  type TelemetryObservation,
} from '@vyre/telemetry/opentelemetry';

const otelOptions: OpenTelemetryOptions = { attributes: { tenant: 'a' } };
const observation: TelemetryObservation = observeTelemetry(() => undefined, otelOptions);
observation.stop();
`;

const RUNTIME = `import {
  ControlWord,
  controlWords,
  encodeControl,
  encodeEmptyRing,
  interpretedMegakernel,
  Megakernel,
  Opcode,
  publishSlots,
  readDoneCount,
  type SlotDescriptor,
} from '@vyre/runtime';
import manifest from '@vyre/runtime/package.json' with { type: 'json' };

const items: SlotDescriptor[] = [
  { opcode: Opcode.ATOMIC_ADD, args: [1, ControlWord.OBSERVABLE_BASE] },
];
const ring = encodeEmptyRing(128);
const published = ring.ok ? publishSlots(ring.value, 0, 0, items) : ring;
const count: number = published.ok ? published.value : 0;
const control = encodeControl(new Uint32Array(controlWords(1)), { observableSlots: 1 });
const done = control.ok ? readDoneCount(new Uint8Array(control.value.buffer)) : control;
// The megakernel is an IR program; running it needs a backend the application picks.
const megakernel = interpretedMegakernel();
const bufferNames: string[] = megakernel.ok ? megakernel.value.buffers.map((b) => b.name) : [];
const start = (backend: Parameters<typeof Megakernel.create>[0]) => Megakernel.create(backend);
// @ts-expect-error: an opcode is a number
const misnamed: SlotDescriptor = { opcode: 'ATOMIC_ADD' };

export const used = [count, done, bufferNames, start, misnamed, manifest.name];
`;

/**
 * The TypeScript consumer for a project that installed `name` alone, or (`withPeers`) with its optional
 * peers; throws for a package that has none, naming this file.
 */
export function typeConsumer(name: string, withPeers: boolean): TypeConsumer {
  switch (name) {
    case '@vyre/foundation':
      return { source: FOUNDATION, lib: ES2022 };
    case '@vyre/ir':
      return { source: IR, lib: ES2022 };
    case '@vyre/driver-cpu-ref':
      return { source: DRIVER_CPU_REF, lib: ES2022 };
    case '@vyre/driver-webgpu':
      // Its README: "the API uses the WebGPU types of TypeScript 6's DOM library" (with an older
      // TypeScript, @webgpu/types). Without DOM its own declarations do not compile.
      return {
        source: DRIVER_WEBGPU,
        lib: [...ES2022, 'DOM'],
        refused: {
          source: DRIVER_WEBGPU,
          lib: ES2022,
          diagnostic:
            /^node_modules\/@vyre\/driver-webgpu\/dist\/\S+\.d\.ts\(\d+,\d+\): error TS2304: Cannot find name 'GPUDevice'\.$/m,
        },
      };
    case '@vyre/telemetry':
      return withPeers
        ? {
            source: `${TELEMETRY}\n${TELEMETRY_OPENTELEMETRY}`,
            // @opentelemetry/api 1.9's own declarations name the global `console`
            // (diag/consoleLogger.d.ts), which ES2022 does not declare: an application has it from
            // @types/node or DOM. DOM is the one TypeScript ships, and cannot hide a mistake in
            // vyre's declarations: @vyre/telemetry is built without it.
            lib: [...ES2022, 'DOM'],
          }
        : {
            source: TELEMETRY,
            lib: ES2022,
            // Without the peer, its entry point does not compile, naming the peer.
            refused: {
              source: TELEMETRY_OPENTELEMETRY,
              lib: ES2022,
              diagnostic:
                /^node_modules\/@vyre\/telemetry\/dist\/\S+\.d\.ts\(\d+,\d+\): error TS2307: Cannot find module '@opentelemetry\/api'/m,
            },
          };
    case '@vyre/runtime':
      return { source: RUNTIME, lib: ES2022 };
    default:
      throw new Error(
        `no TypeScript consumer for ${name}${withPeers ? ' with its peers' : ''}: a new published package needs one in tools/release/src/type-consumers.ts.`,
      );
  }
}

/** The package specifiers a consumer's source imports from, sorted and once each. */
export function importedSpecifiers(source: string): string[] {
  const specifiers = [
    ...source.matchAll(/^(?:import|export)\b[^;]*?\bfrom '([^']+)'/gm),
  ].flatMap(([, specifier]) => (specifier === undefined ? [] : [specifier]));
  return [...new Set(specifiers)].sort();
}
