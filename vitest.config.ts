import { defineConfig } from 'vitest/config';

// One Vitest configuration for the workspace (house style rule 28). Every package and tool is a project
// named after its package.json; tags mark tests that stay out of the fast loop (rule 33).
export default defineConfig({
  test: {
    projects: ['packages/*', 'tools/*', 'examples'],
    // CI runs every package's tests at once on 2 cores (turbo); property tests that take 1-2 s alone can
    // take several times that under that load, so the default 5 s is too tight.
    testTimeout: 30_000,
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
