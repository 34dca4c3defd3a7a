import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

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

interface UserRow {
  id: string;
  org_id: string;
  email: string;
  role: UserRole;
  created_at: number;
}

const toUser = (r: UserRow): UserRecord => ({ id: r.id, orgId: r.org_id, email: r.email, role: r.role, createdAt: r.created_at });

/** Users: each belongs to exactly one org. */
export class UserStore {
  constructor(private readonly db: Database.Database) {}

  /** Create a user, or return the existing one with that email in the same org (its role updated). Throws if the email belongs to another org. */
  upsert(input: { orgId: string; email: string; role: UserRole }): UserRecord {
    const email = input.email.trim().toLowerCase();
    const existing = this.findByEmail(email);
    if (existing) {
      if (existing.orgId !== input.orgId) throw new Error(`A user with that email already exists in another org`);
      this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(input.role, existing.id);
      return { ...existing, role: input.role };
    }
    const user: UserRecord = { id: randomUUID(), orgId: input.orgId, email, role: input.role, createdAt: Date.now() };
    this.db
      .prepare('INSERT INTO users (id, org_id, email, role, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(user.id, user.orgId, user.email, user.role, user.createdAt);
    return user;
  }

  /** The user with this id, or null. */
  get(id: string): UserRecord | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  /** The user with this email, or null. */
  findByEmail(email: string): UserRecord | null {
    const row = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email.trim().toLowerCase()) as UserRow | undefined;
    return row ? toUser(row) : null;
  }
}
