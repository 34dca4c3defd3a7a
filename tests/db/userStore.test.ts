import { expect, it } from 'vitest';
import { describeEachEngine } from './storeEngines';

describeEachEngine('UserStore', (stores) => {
  it('creates a user once per email (trimmed, lowercased), updating the role of the same org’s user', async () => {
    const { users } = await stores.fresh();
    const ana = await users.upsert({ orgId: 'acme', email: ' Ana@Acme.TEST ', role: 'analyst' });
    expect(ana).toMatchObject({ orgId: 'acme', email: 'ana@acme.test', role: 'analyst', createdAt: expect.any(Number) });
    const promoted = await users.upsert({ orgId: 'acme', email: 'ana@acme.test', role: 'admin' });
    expect(promoted).toEqual({ ...ana, role: 'admin' });
    expect(await users.get(ana.id)).toEqual(promoted);
    expect(await users.findByEmail('ANA@acme.test')).toEqual(promoted);
  });

  it('keeps an email unique across orgs', async () => {
    const { users } = await stores.fresh();
    const ana = await users.upsert({ orgId: 'acme', email: 'ana@acme.test', role: 'analyst' });
    await expect(users.upsert({ orgId: 'globex', email: 'ana@acme.test', role: 'admin' })).rejects.toThrow(/another org/);
    expect(await users.findByEmail('ana@acme.test')).toEqual(ana);
  });

  it('answers null for an unknown id or email', async () => {
    const { users } = await stores.fresh();
    expect(await users.get('nobody')).toBeNull();
    expect(await users.findByEmail('nobody@acme.test')).toBeNull();
  });

  it('makes one user when the same email is added five times at once', async () => {
    const config = await stores.freshConfig();
    const [a, b] = [await stores.open(config), await stores.open(config)];
    const made = await Promise.all(
      Array.from({ length: 5 }, (_, i) => (i % 2 ? a : b).users.upsert({ orgId: 'acme', email: 'ana@acme.test', role: 'viewer' })),
    );
    expect(new Set(made.map((u) => u.id)).size).toBe(1);
    expect(await a.users.findByEmail('ana@acme.test')).toMatchObject({ id: made[0]!.id, role: 'viewer' });
  });
});
