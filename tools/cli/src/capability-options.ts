import { BASELINE_WGSL_CAPABILITIES, type TargetCapabilities } from '@vyre/ir';
import type { CommandArgs, CommandOptions } from './command-spec.ts';

/** The target-capability flags `validate` and `emit` share. */
export const CAPABILITY_OPTIONS: CommandOptions = {
  subgroups: { type: 'boolean' },
  'shader-f16': { type: 'boolean' },
};

export const CAPABILITY_HELP: readonly string[] = [
  '--subgroups        Allow subgroup operations (the device has the WebGPU "subgroups" feature).',
  '--shader-f16       Allow f16 buffers and values (the device has "shader-f16").',
];

/** The baseline WGSL capabilities plus whatever the flags enable. */
export function capabilitiesFrom(args: CommandArgs): TargetCapabilities {
  return {
    ...BASELINE_WGSL_CAPABILITIES,
    subgroups: args.values['subgroups'] === true,
    shaderF16: args.values['shader-f16'] === true,
  };
}
