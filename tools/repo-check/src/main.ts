import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { checkApiDocs, renderApiDocs } from './api-doc.ts';
import { join, relative, resolve } from 'node:path';
import { renderErrorsDoc } from './errors-doc.ts';
import { findImportCycles } from './import-cycles.ts';
import { checkLayering } from './layer-rules.ts';
import { findCycles } from './package-cycles.ts';
import { checkPackageLayout } from './package-layout.ts';
import { checkReferencesMirrorDependencies } from './reference-mirror.ts';
import { renderValidationDoc } from './validation-doc.ts';
import { loadWorkspacePackages } from './workspace-packages.ts';

// Usage: tsx tools/repo-check/src/main.ts [--write]
//   Runs every structure check and exits 1 if any fails. --write regenerates docs/errors.md and
//   docs/validation.md first.

const root = resolve(import.meta.dirname, '../../..');
const write = process.argv.includes('--write');

const packages = loadWorkspacePackages(root);
const graph = new Map(
  packages.map((pkg) => [
    pkg.name,
    [...pkg.dependencies, ...pkg.devDependencies],
  ]),
);
const sourceDirs = packages.map((pkg) => join(pkg.dir, 'src'));

const errorsDocPath = join(root, 'docs/errors.md');
const errorsDoc = renderErrorsDoc();
const validationDocPath = join(root, 'docs/validation.md');
const validationDoc = renderValidationDoc();
const apiDocsDir = join(root, 'docs/api');
const apiDocs = renderApiDocs(packages);
if (write) {
  writeFileSync(errorsDocPath, errorsDoc);
  writeFileSync(validationDocPath, validationDoc);
  if (apiDocs.missing.length === 0) {
    mkdirSync(apiDocsDir, { recursive: true });
    for (const [name, text] of apiDocs.pages) {
      writeFileSync(join(apiDocsDir, name), text);
    }
  }
}

const results: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['dependency direction', checkLayering(packages)],
  [
    'package dependency cycles',
    findCycles(graph).map((cycle) => `cycle: ${cycle.join(' -> ')}`),
  ],
  [
    'import cycles (runtime imports, within and between packages)',
    (await findImportCycles(sourceDirs)).map(
      (cycle) =>
        `cycle: ${cycle.map((file) => relative(root, resolve(root, file))).join(' -> ')}`,
    ),
  ],
  [
    'tsconfig references mirror dependencies',
    checkReferencesMirrorDependencies(packages),
  ],
  ['package layout', checkPackageLayout(packages)],
  [
    'docs/errors.md is current',
    readFileSync(errorsDocPath, 'utf8') === errorsDoc
      ? []
      : [
          'docs/errors.md differs from the error catalog: run `pnpm repo-check --write` and commit the result.',
        ],
  ],
  ['docs/api/ is current', checkApiDocs(apiDocsDir, apiDocs)],
  [
    'docs/validation.md is current',
    readFileSync(validationDocPath, 'utf8') === validationDoc
      ? []
      : [
          'docs/validation.md differs from the validation code catalog: run `pnpm repo-check --write` and commit the result.',
        ],
  ],
];

let failed = 0;
for (const [name, problems] of results) {
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}`);
  for (const problem of problems) {
    console.log(`       ${problem}`);
  }
  failed += problems.length === 0 ? 0 : 1;
}
console.log(
  `repo-check: ${packages.length} workspace packages, ${results.length - failed}/${results.length} checks passed.`,
);
process.exitCode = failed === 0 ? 0 : 1;
