import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { redactText } from '@/lib/redaction';
import { errorMessage } from '@/lib/core/errorMessage';
import { operatorLog } from '@/lib/logging/operatorLog';

/** One failure record, as written (one JSON object per line) to the run's `errors.ndjson`. */
export const FailureRecordSchema = z.object({
  timestamp: z.string(),
  runId: z.string(),
  severity: z.enum(['warning', 'error', 'fatal']),
  classification: z.enum(['input', 'agent', 'computation', 'export', 'cancelled', 'internal']),
  actionTaken: z.enum(['aborted-run', 'skipped-stage', 'dropped-item', 'continued']),
  stage: z.string().optional(),
  agent: z.string().optional(),
  file: z.string().optional(),
  errorType: z.string().optional(),
  message: z.string().max(2000),
});
export type FailureRecord = z.infer<typeof FailureRecordSchema>;

/** Appends validated failure records for one run to `<dir>/errors.ndjson`; keeps them in memory for the summary. */
export class ErrorPersistence {
  readonly filePath: string;
  private readonly kept: FailureRecord[] = [];

  /** `onRecord` hears every record as written (the run's wide event counts the warnings). */
  constructor(
    private readonly runId: string,
    dir: string,
    private readonly onRecord?: (record: FailureRecord) => void,
  ) {
    this.filePath = path.join(dir, 'errors.ndjson');
  }

  /**
   * Validate and append one record, its message and file redacted (no e-mail, key or server path reaches the file).
   * A record that fails validation is rewritten as an internal error, never dropped.
   */
  record(input: Omit<FailureRecord, 'timestamp' | 'runId'>): FailureRecord {
    const candidate = {
      ...input,
      ...(input.file !== undefined ? { file: redactText(input.file) } : {}),
      message: redactText(input.message.slice(0, 2000)),
      timestamp: new Date().toISOString(),
      runId: this.runId,
    };
    const parsed = FailureRecordSchema.safeParse(candidate);
    const rec: FailureRecord = parsed.success
      ? parsed.data
      : {
          timestamp: candidate.timestamp,
          runId: this.runId,
          severity: 'error',
          classification: 'internal',
          actionTaken: 'continued',
          message: `invalid failure record: ${parsed.error.issues[0]?.message ?? 'unknown'}`,
        };
    this.kept.push(rec);
    try {
      this.onRecord?.(rec);
    } catch {
      // a listener never stops the record from being written
    }
    try {
      mkdirSync(path.dirname(this.filePath), { recursive: true });
      appendFileSync(this.filePath, JSON.stringify(rec) + '\n');
    } catch (err) {
      operatorLog('errors', `could not write ${this.filePath}: ${errorMessage(err)}`);
    }
    return rec;
  }

  /** Records written so far in this run. */
  records(): readonly FailureRecord[] {
    return this.kept;
  }
}
