import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { logLines } from './logLines';
import { MAX_LINE_BYTES } from './readLimits';

/** One line holding canonical JSON (or too long to read), and where it was read. */
export type FoundLine = { json: string; origin: string } | { tooLong: true; origin: string };

/** The file every run folder holds its canonical line in. */
export const WIDE_EVENT_FILE = 'wide-event.json';

/** Deepest folder level searched below a root: `<root>/<dataset or org>/<run-id>/` is level 2; `--out` folders may nest one deeper. */
const MAX_DEPTH = 3;

/** Bytes read from a file at a time. */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * The canonical lines of a byte stream (a log file, stdin), other lines ignored, each line held at most MAX_LINE_BYTES;
 * origin `<name>:<line number>`.
 */
export async function* canonicalLinesOf(stream: NodeJS.ReadableStream, name: string): AsyncGenerator<FoundLine> {
  for await (const line of logLines(stream as AsyncIterable<Buffer | string>, MAX_LINE_BYTES)) {
    const origin = `${name}:${line.lineNo}`;
    yield line.kind === 'canonical' ? { json: line.json, origin } : { tooLong: true, origin };
  }
}

/** The canonical lines of one file. */
export function canonicalLinesOfFile(file: string, name = file): AsyncGenerator<FoundLine> {
  return canonicalLinesOf(createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), name);
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
