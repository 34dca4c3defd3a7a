import path from 'node:path';
import { errorMessage } from '@/lib/core/errorMessage';
import { writeFileAtomic } from '@/lib/fs/writeFileAtomic';
import type { LineSink } from '@/lib/observability';

/** The run folder's copy of the line: `wide-event.json`, written atomically; a failure is one progress line. */
export function runFolderSink(outputDir: string, progress: (line: string) => void): LineSink {
  return (finished) =>
    writeFileAtomic(path.join(outputDir, 'wide-event.json'), `${finished.text}\n`).catch((err: unknown) => {
      progress(`! could not write wide-event.json: ${errorMessage(err)}`);
    });
}
