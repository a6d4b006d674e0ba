import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  packPackage,
  publishedPackageDirs,
  REPOSITORY_ROOT,
  typeProblems,
} from './pack.ts';

// `pnpm release:dry`: packs every published package into .release/ as a publish would (after
// `pnpm build`), checks each tarball's types for ESM consumers ("are the types wrong"), and lists the
// tarballs. Nothing is published.

const outDir = join(REPOSITORY_ROOT, '.release');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
let problems = 0;
for (const dir of publishedPackageDirs()) {
  const packed = packPackage(dir, outDir);
  const types = typeProblems(packed.file);
  problems += types.length;
  console.log(
    `${`${packed.name}@${packed.version}`.padEnd(30)} ${(packed.bytes / 1024).toFixed(1).padStart(8)} KiB  types ${types.length === 0 ? 'ok' : 'WRONG'}  ${packed.file}`,
  );
  for (const problem of types) {
    console.log(problem);
  }
}
console.log(
  '\nNothing was published. `pnpm changeset version`, then `pnpm -r publish`, publishes.',
);
process.exit(problems === 0 ? 0 : 1);
