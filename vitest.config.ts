import { defineConfig } from 'vitest/config';

// One Vitest configuration for the workspace (house style rule 28). Every package and tool is a project
// named after its package.json; tags mark tests that stay out of the fast loop (rule 33).
export default defineConfig({
  test: {
    projects: ['packages/*', 'tools/*'],
    tags: [
      {
        name: 'gpu',
        description:
          'Needs a real WebGPU adapter (Dawn; lavapipe in CI). Skips with a notice when none exists, fails instead when VYRE_REQUIRE_GPU=1.',
        timeout: 60_000,
      },
      {
        name: 'slow',
        description: 'Takes seconds; excluded from `pnpm test:fast`.',
        timeout: 60_000,
      },
    ],
  },
});
