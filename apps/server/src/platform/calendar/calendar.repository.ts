import type { Queryable } from '../db/db.port.js';

export const calendarRepository = {
  async overrides(q: Queryable, year?: number) {
    const { rows } = await q.query<{ day: string; working: boolean; note: string }>(
      `SELECT day, working, note FROM calendar_override
       WHERE $1::int IS NULL OR extract(year FROM day) = $1 ORDER BY day`,
      [year ?? null],
    );
    return rows.map((r) => ({ date: r.day, working: r.working, note: r.note }));
  },

  async confirmations(q: Queryable) {
    const { rows } = await q.query<{
      year: number;
      confirmed_by: string | null;
      confirmed_at: Date;
      name: string | null;
    }>(
      `SELECT c.year, c.confirmed_by, c.confirmed_at, u.display_name AS name
       FROM calendar_year_confirmation c LEFT JOIN app_user u ON u.id = c.confirmed_by ORDER BY c.year`,
    );
    return rows;
  },

  async confirmYear(q: Queryable, year: number, userId: string | null, at: Date) {
    await q.query(
      `INSERT INTO calendar_year_confirmation (year, confirmed_by, confirmed_at) VALUES ($1, $2, $3)
       ON CONFLICT (year) DO NOTHING`,
      [year, userId, at],
    );
  },

  async upsertOverride(q: Queryable, o: { date: string; working: boolean; note: string }, userId: string | null) {
    const { rows } = await q.query<{ working: boolean; note: string }>(
      'SELECT working, note FROM calendar_override WHERE day = $1',
      [o.date],
    );
    await q.query(
      `INSERT INTO calendar_override (day, working, note, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (day) DO UPDATE SET working = excluded.working, note = excluded.note, created_by = excluded.created_by`,
      [o.date, o.working, o.note, userId],
    );
    return rows[0] ?? null;
  },

  async deleteOverride(q: Queryable, date: string) {
    const { rows } = await q.query<{ working: boolean; note: string }>(
      'DELETE FROM calendar_override WHERE day = $1 RETURNING working, note',
      [date],
    );
    return rows[0] ?? null;
  },
};
