import pg from 'pg';
import type { Db, Queryable, QueryResult } from './db.port.js';
import { PG_OID, parseDate, parseNumber } from './types.js';

const types = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === PG_OID.int8 || oid === PG_OID.numeric) return parseNumber;
    if (oid === PG_OID.date) return parseDate;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

function wrap(c: pg.Pool | pg.PoolClient): Queryable {
  return {
    exec: async (sql) => {
      await c.query(sql);
    },
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await c.query({ text: sql, values: params as unknown[], types });
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
  };
}

export async function openPostgres(connectionString: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max });
  // Fail at start, not at the first request, when the server is unreachable.
  await pool.query('SELECT 1');
  const base = wrap(pool);
  return {
    kind: 'postgres',
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
