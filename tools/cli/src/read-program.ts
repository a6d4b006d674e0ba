import { readFile } from 'node:fs/promises';
import { err, StackError, type Result } from '@vyre/foundation';
import { parseProgram, type Program } from '@vyre/ir';

/** Reads and parses a program from a file, or from standard input when `path` is `-`. */
export async function readProgram(
  path: string,
): Promise<Result<Program, StackError>> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return err(
      new StackError(
        'CLI_INPUT_UNREADABLE',
        `reading ${path === '-' ? 'standard input' : `"${path}"`} failed: expected a readable program file, found the error "${reason}".`,
        { cause: thrown },
      ),
    );
  }
  return parseProgram(text);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(
      typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer),
    );
  }
  return Buffer.concat(chunks).toString('utf8');
}
