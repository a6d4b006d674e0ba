import { mkdir, writeFile } from 'node:fs/promises';
import { err, ok, StackError, type Result } from '@vyre/foundation';

/** Writes `data` to `path` (creating `folder` first when given), or returns CLI_OUTPUT_UNWRITABLE. */
export async function writeOutputFile(
  path: string,
  data: string | Uint8Array,
  folder?: string,
): Promise<Result<void>> {
  try {
    if (folder !== undefined) {
      await mkdir(folder, { recursive: true });
    }
    await writeFile(path, data);
    return ok(undefined);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return err(
      new StackError(
        'CLI_OUTPUT_UNWRITABLE',
        `writing "${path}" failed: expected a writable path, found the error "${reason}".`,
        { cause: thrown },
      ),
    );
  }
}
