import madge from 'madge';

/**
 * Runtime import cycles among the TypeScript files under `dirs`, each as a list of paths.
 *
 * @remarks
 * Type-only imports are skipped: they vanish at run time, and mutually recursive types (an IR node
 * that contains expressions that contain nodes) are normal. A runtime cycle makes module
 * initialization order matter, which is what the ban prevents.
 */
export async function findImportCycles(
  dirs: readonly string[],
): Promise<string[][]> {
  const result = await madge([...dirs], {
    fileExtensions: ['ts'],
    detectiveOptions: { ts: { skipTypeImports: true } },
  });
  return result.circular();
}
