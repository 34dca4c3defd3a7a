import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { canonicalJsonIn } from './canonicalLineText';

/** One line holding canonical JSON, and where it was read. */
export interface FoundLine {
  json: string;
  origin: string;
}

/** The file every run folder holds its canonical line in. */
export const WIDE_EVENT_FILE = 'wide-event.json';

/** Deepest folder level searched below a root: `<root>/<dataset or org>/<run-id>/` is level 2; `--out` folders may nest one deeper. */
const MAX_DEPTH = 3;

/** The canonical lines of a text stream (a log file, stdin), other lines ignored; origin `<name>:<line number>`. */
export async function* canonicalLinesOf(stream: NodeJS.ReadableStream, name: string): AsyncGenerator<FoundLine> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    const json = canonicalJsonIn(line);
    if (json !== undefined) yield { json, origin: `${name}:${lineNo}` };
  }
}

/** The canonical lines of one file. */
export function canonicalLinesOfFile(file: string, name = file): AsyncGenerator<FoundLine> {
  return canonicalLinesOf(createReadStream(file, { encoding: 'utf8' }), name);
}

/** Every `wide-event.json` under a folder (itself included), at most MAX_DEPTH levels down, in name order; symbolic links are not followed. */
export async function wideEventFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable folder below the root holds no readable run
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isFile() && entry.name === WIDE_EVENT_FILE) found.push(full);
      else if (entry.isDirectory() && depth < MAX_DEPTH && !entry.name.startsWith('.')) await walk(full, depth + 1);
    }
  };
  await walk(root, 0);
  return found;
}
