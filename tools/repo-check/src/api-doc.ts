import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { WorkspacePackage } from './workspace-packages.ts';

// docs/api/: the API reference, rendered from the doc model API Extractor writes next to each published
// package's report (temp/<name>.api.json, by `pnpm api` or `pnpm api:update`): per package, every
// exported item with its signature and the summary of its TSDoc, grouped by kind; classes and
// interfaces with their members. `pnpm repo-check --write` regenerates it.

interface Token {
  readonly text: string;
}

interface ApiItem {
  readonly kind: string;
  readonly name?: string;
  readonly docComment?: string;
  readonly excerptTokens?: readonly Token[];
  readonly members?: readonly ApiItem[];
}

const KIND_ORDER: readonly (readonly [string, string])[] = [
  ['Class', 'Classes'],
  ['Interface', 'Interfaces'],
  ['Function', 'Functions'],
  ['Variable', 'Constants'],
  ['TypeAlias', 'Types'],
  ['Enum', 'Enums'],
  ['Namespace', 'Namespaces'],
];

/** The first paragraph of a TSDoc comment, on one line, `{@link X}` as `X`. */
export function tsdocSummary(comment: string | undefined): string {
  if (comment === undefined) {
    return '';
  }
  const lines = comment
    .replace(/^\/\*\*/, '')
    .replace(/\*\/\s*$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, ''));
  const summary: string[] = [];
  for (const line of lines) {
    if (
      line.trim().startsWith('@') ||
      (line.trim() === '' && summary.length > 0)
    ) {
      break;
    }
    if (line.trim() !== '') {
      summary.push(line.trim());
    }
  }
  return summary
    .join(' ')
    .replace(
      /\{@link\s+([^}|\s]+)(?:\s*\|\s*([^}]+))?\}/g,
      (_, target: string, text?: string) =>
        `\`${text ?? target.split('#').at(-1) ?? target}\``,
    );
}

const signature = (item: ApiItem): string =>
  (item.excerptTokens ?? [])
    .map((t) => t.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

function renderItem(item: ApiItem): string[] {
  const out = [
    `### \`${item.name ?? '?'}\``,
    '',
    '```ts',
    signature(item),
    '```',
    '',
  ];
  const summary = tsdocSummary(item.docComment);
  if (summary !== '') {
    out.push(summary, '');
  }
  const members = (item.members ?? []).filter((m) => m.name !== undefined);
  if (
    members.length > 0 &&
    (item.kind === 'Class' || item.kind === 'Interface')
  ) {
    for (const member of members) {
      const text = tsdocSummary(member.docComment);
      out.push(`- \`${signature(member)}\`${text === '' ? '' : ` — ${text}`}`);
    }
    out.push('');
  }
  return out;
}

/** The page of one package's doc model. */
export function renderPackageApi(model: ApiItem): string {
  const entry = model.members?.[0];
  const items = [...(entry?.members ?? [])].sort((a, b) =>
    (a.name ?? '').localeCompare(b.name ?? ''),
  );
  const out = [
    `# ${model.name ?? '?'}`,
    '',
    '<!-- Generated from the API Extractor doc model by `pnpm repo-check --write` (after `pnpm api`). Do not edit by hand. -->',
    '',
  ];
  const summary = tsdocSummary(model.docComment);
  if (summary !== '') {
    out.push(summary, '');
  }
  for (const [kind, title] of KIND_ORDER) {
    const ofKind = items.filter((item) => item.kind === kind);
    if (ofKind.length > 0) {
      out.push(`## ${title}`, '', ...ofKind.flatMap(renderItem));
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** docs/api/*.md by file name, or the packages whose doc model is missing. */
export function renderApiDocs(packages: readonly WorkspacePackage[]): {
  readonly pages: Map<string, string>;
  readonly missing: string[];
} {
  const pages = new Map<string, string>();
  const missing: string[] = [];
  const index = [
    '# API reference',
    '',
    '<!-- Generated from the API Extractor doc model by `pnpm repo-check --write` (after `pnpm api`). Do not edit by hand. -->',
    '',
    "Every published package's public API: signatures and the summaries of their TSDoc. The exact",
    "contract is each package's API report, `packages/<name>/etc/<name>.api.md`, which CI checks.",
    '',
  ];
  for (const pkg of packages
    .filter((p) => p.kind === 'package')
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const unscoped = basename(pkg.name);
    const temp = join(pkg.dir, 'temp');
    // The package's main entry point, then any other (`<name>-<subpath>.api.json`, e.g. telemetry's
    // `./opentelemetry`).
    const models = (existsSync(temp) ? readdirSync(temp) : [])
      .filter(
        (f) =>
          f === `${unscoped}.api.json` ||
          (f.startsWith(`${unscoped}-`) && f.endsWith('.api.json')),
      )
      .sort((a, b) =>
        a === `${unscoped}.api.json`
          ? -1
          : b === `${unscoped}.api.json`
            ? 1
            : a.localeCompare(b),
      );
    if (!models.includes(`${unscoped}.api.json`)) {
      missing.push(pkg.name);
      continue;
    }
    for (const file of models) {
      const page = file.replace(/\.api\.json$/, '.md');
      const subpath = file
        .slice(unscoped.length, -'.api.json'.length)
        .replace(/^-/, '/');
      const model = JSON.parse(
        readFileSync(join(temp, file), 'utf8'),
      ) as ApiItem;
      const title = `${pkg.name}${subpath}`;
      const count = model.members?.[0]?.members?.length ?? 0;
      pages.set(page, renderPackageApi({ ...model, name: title }));
      index.push(
        `- [${title}](${page}): ${count} exports. ${tsdocSummary(model.docComment)}`.trimEnd(),
      );
    }
  }
  pages.set('README.md', `${index.join('\n')}\n`);
  return { pages, missing };
}

/** The problems of docs/api/ against `pages`. */
export function checkApiDocs(
  dir: string,
  rendered: { readonly pages: Map<string, string>; readonly missing: string[] },
): string[] {
  if (rendered.missing.length > 0) {
    return [
      `no doc model for ${rendered.missing.join(', ')}: run \`pnpm api\` (or \`pnpm build && pnpm api:update\`) first.`,
    ];
  }
  const problems: string[] = [];
  const present = existsSync(dir) ? readdirSync(dir) : [];
  for (const [name, text] of rendered.pages) {
    const path = join(dir, name);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      problems.push(
        `docs/api/${name} differs from the doc model: run \`pnpm repo-check --write\` and commit the result.`,
      );
    }
  }
  for (const name of present) {
    if (!rendered.pages.has(name)) {
      problems.push(
        `docs/api/${name} belongs to no published package: remove it.`,
      );
    }
  }
  return problems;
}
