import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from './schema';

/** Roles a user can hold in their org. */
export const USER_ROLES = ['admin', 'analyst', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A user as stored. */
export interface UserRecord {
  id: string;
  orgId: string;
  email: string;
  role: UserRole;
  createdAt: number;
}

const toUser = (r: Selectable<UsersTable>): UserRecord => ({ id: r.id, orgId: r.org_id, email: r.email, role: r.role, createdAt: r.created_at });

const normalEmail = (email: string) => email.trim().toLowerCase();

/** Users: each belongs to exactly one org; an email is unique across orgs. */
export class UserStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Create a user, or return the existing one with that email in the same org (its role updated). Throws if the email belongs to another org. */
  async upsert(input: { orgId: string; email: string; role: UserRole }): Promise<UserRecord> {
    const email = normalEmail(input.email);
    const existing = await this.findByEmail(email);
    if (existing) return this.updateRole(existing, input.orgId, input.role);
    const user: UserRecord = { id: randomUUID(), orgId: input.orgId, email, role: input.role, createdAt: Date.now() };
    const inserted = await this.db
      .insertInto('users')
      .values({ id: user.id, org_id: user.orgId, email: user.email, role: user.role, created_at: user.createdAt })
      .onConflict((oc) => oc.column('email').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return toUser(inserted);
    // Another process created the same email between the read and the insert: that user is the one to update.
    const raced = await this.findByEmail(email);
    if (!raced) throw new Error('A user with that email was neither inserted nor found');
    return this.updateRole(raced, input.orgId, input.role);
  }

  /** The user with this id, or null. */
  async get(id: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  /** The user with this email (compared trimmed and lowercased), or null. */
  async findByEmail(email: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', normalEmail(email)).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  private async updateRole(existing: UserRecord, orgId: string, role: UserRole): Promise<UserRecord> {
    if (existing.orgId !== orgId) throw new Error(`A user with that email already exists in another org`);
    await this.db.updateTable('users').set({ role }).where('id', '=', existing.id).execute();
    return { ...existing, role };
  }
}
