import type { Kysely } from 'kysely';
import { FINISHED_STATUSES, type RunRecord, type RunStatus } from './RunRecord';
import type { Database } from './schema';
import { newRunRow, patchColumns, toRecord, type NewRun, type RunPatch } from './runRows';

export type { NewRun, RunPatch } from './runRows';

/** Statuses from which a run can still be finished. */
const UNFINISHED: RunStatus[] = ['queued', 'running'];

/**
 * Run records on SQLite or Postgres: create, read (always scoped to an org), update, restart recovery, and the
 * attempts and leases of workers in other processes. Every change is one statement, so concurrent callers (other
 * processes included) see each other's changes whole, and a conditional change is decided by the database.
 */
export class RunStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Insert a new run in status `queued`. Throws if a run with that id exists. */
  async create(run: NewRun): Promise<RunRecord> {
    const row = await this.db.insertInto('runs').values(newRunRow(run, this.now())).returningAll().executeTakeFirstOrThrow();
    return toRecord(row);
  }

  /**
   * Insert a new run unless one with that id exists (a retried request): returns the stored run and whether this call
   * created it. Throws if the existing run belongs to another org.
   */
  async createIfAbsent(run: NewRun): Promise<{ record: RunRecord; created: boolean }> {
    const inserted = await this.db
      .insertInto('runs')
      .values(newRunRow(run, this.now()))
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { record: toRecord(inserted), created: true };
    const existing = await this.getById(run.id);
    if (!existing) throw new Error(`Run ${run.id} was neither inserted nor found`);
    if (existing.orgId !== run.orgId) throw new Error(`Run ${run.id} already exists in another org`);
    return { record: existing, created: false };
  }

  /** The run with this id if it belongs to `orgId`; null otherwise (another org's run is indistinguishable from a missing one). */
  async get(id: string, orgId: string): Promise<RunRecord | null> {
    const row = await this.db.selectFrom('runs').selectAll().where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The run with this id regardless of org (server-internal use only). */
  async getById(id: string): Promise<RunRecord | null> {
    const row = await this.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The org's runs, newest first (runs created in the same millisecond: the larger id first; run ids sort by time). */
  async list(orgId: string, limit = 200): Promise<RunRecord[]> {
    const rows = await this.db
      .selectFrom('runs')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /** Apply a partial update; returns the updated record (null if the run does not exist). */
  async update(id: string, patch: RunPatch): Promise<RunRecord | null> {
    const set = patchColumns(patch);
    if (Object.keys(set).length === 0) return this.getById(id);
    const row = await this.db.updateTable('runs').set(set).where('id', '=', id).returningAll().executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /**
   * Mark every run still queued or running as failed (interrupted); returns how many were marked. The embedded
   * server calls it once when it starts: no other process can be running its runs.
   */
  async failInterrupted(now = this.now()): Promise<number> {
    const result = await this.db
      .updateTable('runs')
      .set((eb) => ({
        status: 'error',
        outcome: 'error',
        finished_at: now,
        error_type: 'Interrupted',
        error_message: 'The server restarted while this run was in progress.',
        error_stage: eb.ref('stage'),
      }))
      .where('status', 'in', UNFINISHED)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Start the next attempt of a queued run: running, attempt + 1, held by `worker` until `now + leaseMs`, started now
   * (unless it had started before). Returns the new attempt, or null when the run is not queued (already running,
   * finished or cancelled): then this worker must not run it.
   */
  async startAttempt(id: string, worker: string, leaseMs: number, now: number): Promise<number | null> {
    const row = await this.db
      .updateTable('runs')
      .set((eb) => ({
        status: 'running',
        attempt: eb('attempt', '+', 1),
        worker,
        lease_expires_at: now + leaseMs,
        started_at: eb.fn.coalesce('started_at', eb.val(now)),
      }))
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .returning('attempt')
      .executeTakeFirst();
    return row ? row.attempt : null;
  }

  /** Extend the lease of a running attempt to `now + leaseMs`; false when that attempt of that worker no longer holds the run. */
  async renewLease(id: string, attempt: number, worker: string, leaseMs: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('runs')
      .set({ lease_expires_at: now + leaseMs })
      .where('id', '=', id)
      .where('attempt', '=', attempt)
      .where('worker', '=', worker)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > BigInt(0);
  }

  /**
   * Finish attempt `attempt` of a run with `patch` (which sets a finished status), only if the run is still that
   * attempt and not finished. Returns the finished record when this call finished the run, null when it had already
   * been finished (by another attempt, a cancel or a concurrent call): exactly one finisher wins.
   */
  async finishAttempt(id: string, attempt: number, patch: RunPatch): Promise<RunRecord | null> {
    if (patch.status === undefined || !FINISHED_STATUSES.includes(patch.status)) {
      throw new Error(`finishAttempt needs a finished status (${FINISHED_STATUSES.join(', ')}), got ${String(patch.status)}`);
    }
    const row = await this.db
      .updateTable('runs')
      .set(patchColumns(patch))
      .where('id', '=', id)
      .where('attempt', '=', attempt)
      .where('status', 'in', UNFINISHED)
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Running runs whose lease ended at or before `now` (their worker is gone), the longest expired first. */
  async expiredLeases(now: number, limit = 100): Promise<RunRecord[]> {
    const rows = await this.db
      .selectFrom('runs')
      .selectAll()
      .where('status', '=', 'running')
      .where('lease_expires_at', '<=', now)
      .orderBy('lease_expires_at', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }
}
