import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { resetDb, testDb, testServices } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../auth/actor.js';
import type { Db } from '../../db/db.port.js';

let db: Db;
let s: ReturnType<typeof testServices>;
beforeAll(async () => {
  db = await testDb();
  s = testServices(db);
});
beforeEach(() => resetDb(db));

/** Tampering needs the append-only trigger out of the way — exactly what an attacker with DB access would do. */
async function tamper(sql: string): Promise<void> {
  await db.exec(
    `ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update; ${sql}; ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;`,
  );
}

async function fiveEvents(): Promise<void> {
  for (let i = 1; i <= 5; i++)
    await s.audit.recordAlone(
      { actor: null, ip: '10.0.0.1' },
      { action: 'test.event', objectType: 'test', objectId: String(i), summary: { i, note: '测试' } },
    );
}

describe('ZS-25 audit trail on the database', () => {
  test('ZS-25 an untouched chain verifies', async () => {
    await fiveEvents();
    expect(await s.audit.verify()).toEqual({ ok: true, checked: 5 });
  });

  test('ZS-25 audit rows cannot be updated or deleted through SQL while the trigger stands', async () => {
    await fiveEvents();
    await expect(db.query("UPDATE audit_event SET action = 'x' WHERE id = 2")).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_event WHERE id = 2')).rejects.toThrow(/append-only/);
  });

  test('ZS-25 a row edited in SQL is detected at that row', async () => {
    await fiveEvents();
    await tamper(`UPDATE audit_event SET summary = '{"i": 3, "note": "改过"}' WHERE id = 3`);
    expect(await s.audit.verify()).toMatchObject({ ok: false, firstBrokenId: 3 });
  });

  test('ZS-25 a row deleted in the middle is detected', async () => {
    await fiveEvents();
    await tamper('DELETE FROM audit_event WHERE id = 2');
    expect(await s.audit.verify()).toMatchObject({ ok: false, firstBrokenId: 3 });
  });

  test('ZS-25 the newest row deleted is detected through the chain head', async () => {
    await fiveEvents();
    await tamper('DELETE FROM audit_event WHERE id = 5');
    expect(await s.audit.verify()).toMatchObject({ ok: false, firstBrokenId: 5 });
  });

  test('ZS-25 a state change and its audit row commit together or not at all', async () => {
    await expect(
      db.transaction(async (tx) => {
        await s.audit.record(tx, SYSTEM_CONTEXT, { action: 'test.rollback', objectType: 'test' });
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    expect((await db.query('SELECT count(*)::int AS n FROM audit_event')).rows[0]).toEqual({ n: 0 });
    await fiveEvents();
    expect(await s.audit.verify()).toEqual({ ok: true, checked: 5 });
  });

  test('ZS-25 concurrent writers keep ids gap-free and the chain intact', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.audit.recordAlone(SYSTEM_CONTEXT, { action: 'test.parallel', objectType: 'test', objectId: String(i) }),
      ),
    );
    const { rows } = await db.query<{ id: number }>('SELECT id FROM audit_event ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await s.audit.verify()).toEqual({ ok: true, checked: 20 });
  });
});
