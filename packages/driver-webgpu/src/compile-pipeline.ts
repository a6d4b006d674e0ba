import { err, ok, StackError, type Result } from '@vyre/foundation';
import {
  emitWgsl,
  type Program,
  type TargetCapabilities,
  type WgslModule,
} from '@vyre/ir';
import { SHADER_STAGE_COMPUTE } from './webgpu-flags.ts';

// A program compiled for one device: its WGSL, the shader module, an explicit bind-group layout (one
// storage binding per non-workgroup buffer, in declaration order) and the compute pipeline, created
// asynchronously so that compiling never blocks the thread.

/** A compute pipeline and what binding it needs. */
export interface CompiledPipeline {
  readonly program: Program;
  readonly wgsl: WgslModule;
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
  /** For each entry of the layout, in order: the binding number and the buffer's declaration index. */
  readonly entries: readonly {
    readonly binding: number;
    readonly buffer: number;
  }[];
  /** Bind groups made for this pipeline, by the buffers and sizes they bind (least recent first). */
  readonly bindGroups: Map<string, GPUBindGroup>;
}

/** Emits, compiles and links `program` on `device`; WEBGPU_SHADER_COMPILE_FAILED if the device rejects it. */
export async function compilePipeline(
  device: GPUDevice,
  program: Program,
  capabilities: TargetCapabilities,
): Promise<Result<CompiledPipeline>> {
  const emitted = emitWgsl(program, { capabilities });
  return emitted.ok
    ? compileWgslModule(device, program, emitted.value)
    : emitted;
}

/** Compiles emitted WGSL for `program` into a pipeline with an explicit layout. */
export async function compileWgslModule(
  device: GPUDevice,
  program: Program,
  wgsl: WgslModule,
): Promise<Result<CompiledPipeline>> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code: wgsl.code, label: 'vyre' });
  const info = await module.getCompilationInfo();
  const rejected = info.messages.find((message) => message.type === 'error');
  if (rejected !== undefined) {
    await device.popErrorScope();
    return err(compileError(wgsl, rejected));
  }
  const entries = program.buffers.flatMap((decl, index) =>
    decl.access === 'workgroup'
      ? []
      : [{ binding: decl.binding, buffer: index }],
  );
  const layout = device.createBindGroupLayout({
    label: 'vyre',
    entries: wgsl.bindings.map((binding) => ({
      binding: binding.binding,
      visibility: SHADER_STAGE_COMPUTE,
      buffer: {
        type: binding.access === 'read' ? 'read-only-storage' : 'storage',
      },
    })),
  });
  let pipeline: GPUComputePipeline;
  try {
    pipeline = await device.createComputePipelineAsync({
      label: 'vyre',
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: wgsl.entryPoint },
    });
  } catch (thrown) {
    await device.popErrorScope();
    return err(
      new StackError(
        'WEBGPU_SHADER_COMPILE_FAILED',
        `creating the compute pipeline failed: expected the WebGPU implementation to accept vyre's WGSL, found the error "${thrown instanceof Error ? thrown.message : String(thrown)}".`,
        { cause: thrown },
      ),
    );
  }
  const scoped = await device.popErrorScope();
  if (scoped !== null) {
    return err(
      new StackError(
        'WEBGPU_SHADER_COMPILE_FAILED',
        `compiling the program reported a validation error: expected none, found "${scoped.message}".`,
      ),
    );
  }
  return ok({
    program,
    wgsl,
    pipeline,
    layout,
    entries,
    bindGroups: new Map(),
  });
}

// The first error message, with its WGSL line and the program statement that emitted that line.
function compileError(
  wgsl: WgslModule,
  message: GPUCompilationMessage,
): StackError {
  const line = message.lineNum;
  const statement = line > 0 ? wgsl.lineStatements[line - 1] : undefined;
  const text = line > 0 ? wgsl.code.split('\n')[line - 1]?.trim() : undefined;
  const where =
    statement === undefined || statement === ''
      ? "in vyre's own WGSL (no program statement)"
      : `from the program statement at ${statement}`;
  return new StackError(
    'WEBGPU_SHADER_COMPILE_FAILED',
    `the WebGPU implementation rejected the WGSL at line ${line}:${message.linePos} (${where}${text === undefined ? '' : `: \`${text}\``}): expected valid WGSL, found the error "${message.message}".`,
  );
}
