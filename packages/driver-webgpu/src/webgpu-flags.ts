// The WebGPU flag values this package uses, as numbers: in Node the `GPUBufferUsage`, `GPUMapMode` and
// `GPUShaderStage` globals exist only if the caller installed Dawn's globals, and the values are fixed
// by the WebGPU specification.

export const BufferUsage = {
  MAP_READ: 0x0001,
  MAP_WRITE: 0x0002,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  STORAGE: 0x0080,
  QUERY_RESOLVE: 0x0200,
} as const;

export const MAP_MODE_READ = 0x0001;
export const MAP_MODE_WRITE = 0x0002;

export const SHADER_STAGE_COMPUTE = 0x4;
