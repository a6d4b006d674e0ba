import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One workspace package, as the structure checks see it. */
export interface WorkspacePackage {
  readonly name: string;
  /** Absolute directory. */
  readonly dir: string;
  /** `packages/*` are published libraries; `tools/*`, `bench/` and `examples/` are private tools. */
  readonly kind: 'package' | 'tool';
  readonly private: boolean;
  /** Workspace packages named in `dependencies`. */
  readonly dependencies: readonly string[];
  /** Workspace packages named in `devDependencies`. */
  readonly devDependencies: readonly string[];
  /** Workspace packages named by the tsconfig's `references`, resolved through their package.json. */
  readonly references: readonly string[];
  /**
   * Whether its tsconfig builds a composite project that others can reference. Source-only tools
   * (`"composite": false`, type-checked only) cannot be referenced.
   */
  readonly composite: boolean;
}

interface PackageJson {
  readonly name?: string;
  readonly private?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

interface TsconfigJson {
  readonly compilerOptions?: { readonly composite?: boolean };
  readonly references?: ReadonlyArray<{ readonly path: string }>;
}

// Workspace folders: each child of `packages/` and `tools/`, and `bench/` and `examples/` themselves
// (private tools).
const GROUPS: ReadonlyArray<readonly [string, WorkspacePackage['kind']]> = [
  ['packages', 'package'],
  ['tools', 'tool'],
];
const SINGLE_TOOLS: readonly string[] = ['bench', 'examples'];

export function loadWorkspacePackages(root: string): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const [group, kind] of GROUPS) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) {
      continue;
    }
    for (const entry of readdirSync(groupDir, { withFileTypes: true })) {
      const dir = join(groupDir, entry.name);
      if (entry.isDirectory() && existsSync(join(dir, 'package.json'))) {
        found.push(loadPackage(dir, kind));
      }
    }
  }
  for (const single of SINGLE_TOOLS) {
    const dir = join(root, single);
    if (existsSync(join(dir, 'package.json'))) {
      found.push(loadPackage(dir, 'tool'));
    }
  }
  const names = new Set(found.map((pkg) => pkg.name));
  return found.map((pkg) => ({
    ...pkg,
    dependencies: pkg.dependencies.filter((name) => names.has(name)),
    devDependencies: pkg.devDependencies.filter((name) => names.has(name)),
  }));
}

function loadPackage(
  dir: string,
  kind: WorkspacePackage['kind'],
): WorkspacePackage {
  const json = readJson<PackageJson>(join(dir, 'package.json'));
  const tsconfigPath = join(dir, 'tsconfig.json');
  const tsconfig = existsSync(tsconfigPath)
    ? readJson<TsconfigJson>(tsconfigPath)
    : {};
  return {
    name: json.name ?? dir,
    dir,
    kind,
    private: json.private === true,
    dependencies: Object.keys(json.dependencies ?? {}),
    devDependencies: Object.keys(json.devDependencies ?? {}),
    references: (tsconfig.references ?? []).map(
      (reference) =>
        readJson<PackageJson>(
          join(resolve(dir, reference.path), 'package.json'),
        ).name ?? reference.path,
    ),
    // tsconfig.base.json sets `composite`; a package's own tsconfig may turn it off.
    composite:
      existsSync(tsconfigPath) && tsconfig.compilerOptions?.composite !== false,
  };
}

/** Reads JSON, tolerating the comments tsconfig files carry. */
function readJson<T>(path: string): T {
  const text = readFileSync(path, 'utf8');
  return JSON.parse(stripJsonComments(text)) as T;
}

// Removes // and /* */ comments outside strings.
function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const next = text[i + 1];
    if (inString) {
      out += char;
      if (char === '\\') {
        out += next ?? '';
        i++;
      } else if (char === '"') {
        inString = false;
      }
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (char === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') {
        i++;
      }
      out += '\n';
    } else if (char === '/' && next === '*') {
      i = text.indexOf('*/', i + 2) + 1;
    } else {
      out += char;
    }
  }
  return out;
}
