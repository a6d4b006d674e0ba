import { describe, expect, it } from 'vitest';
import {
  doctorFoundProblem,
  renderDoctorReport,
  type DoctorReport,
} from '../src/commands/doctor.ts';
import { runCli } from '../src/run-cli.ts';

const adapterReport: DoctorReport = {
  node: { version: '20.20.2', supported: true },
  pnpm: { version: '10.34.9' },
  platform: 'linux-x64',
  webgpu: {
    ok: true,
    adapter: {
      vendor: 'mesa',
      architecture: 'software',
      device: '',
      description: 'llvmpipe (LLVM 15.0.6, 256 bits)',
      isFallbackAdapter: false,
      features: ['shader-f16', 'timestamp-query'],
      limits: {
        maxBufferSize: 2147483648,
        maxStorageBufferBindingSize: 2147483644,
        maxStorageBuffersPerShaderStage: 8,
        maxComputeWorkgroupSizeX: 1024,
        maxComputeInvocationsPerWorkgroup: 1024,
        maxComputeWorkgroupsPerDimension: 65535,
        maxComputeWorkgroupStorageSize: 32768,
      },
    },
  },
};

describe('vyre doctor', () => {
  it('renders an adapter with its limits and features', () => {
    expect(renderDoctorReport(adapterReport)).toMatchInlineSnapshot(`
      "vyre doctor
        node      20.20.2  ok
        pnpm      10.34.9
        platform  linux-x64
        webgpu    ok: llvmpipe (LLVM 15.0.6, 256 bits)
                  mesa / software
        limits
          maxBufferSize                       2147483648
          maxStorageBufferBindingSize         2147483644
          maxStorageBuffersPerShaderStage     8
          maxComputeWorkgroupSizeX            1024
          maxComputeInvocationsPerWorkgroup   1024
          maxComputeWorkgroupsPerDimension    65535
          maxComputeWorkgroupStorageSize      32768
        features  shader-f16, timestamp-query
      "
    `);
    expect(doctorFoundProblem(adapterReport)).toBe(false);
  });

  it('renders a missing adapter with its code and fix, and counts it as a problem', () => {
    const report: DoctorReport = {
      ...adapterReport,
      pnpm: {},
      webgpu: {
        ok: false,
        error: {
          code: 'WEBGPU_NO_ADAPTER',
          message: 'requestAdapter() found no WebGPU adapter.',
          hint: 'Install a Vulkan driver.',
        },
      },
    };
    const text = renderDoctorReport(report);
    expect(text).toContain('pnpm      not found');
    expect(text).toContain(
      'webgpu    unavailable: [WEBGPU_NO_ADAPTER] requestAdapter() found no WebGPU adapter.',
    );
    expect(text).toContain('Fix: Install a Vulkan driver.');
    expect(doctorFoundProblem(report)).toBe(true);
  });

  it('counts an unsupported Node as a problem', () => {
    expect(
      doctorFoundProblem({
        ...adapterReport,
        node: { version: '18.20.0', supported: false },
      }),
    ).toBe(true);
  });

  it('probes this machine and prints JSON', { tags: ['gpu'] }, async () => {
    let out = '';
    const code = await runCli(['doctor', '--json'], {
      out: (text) => (out += text),
      err: () => undefined,
    });
    const report = JSON.parse(out) as DoctorReport;
    expect(report.node.version).toBe(process.versions.node);
    expect(report.platform).toBe(`${process.platform}-${process.arch}`);
    if (process.env['VYRE_REQUIRE_GPU'] === '1') {
      expect(report.webgpu.ok).toBe(true);
      expect(code).toBe(0);
    } else {
      expect(code).toBe(report.webgpu.ok && report.node.supported ? 0 : 1);
    }
  });
});
