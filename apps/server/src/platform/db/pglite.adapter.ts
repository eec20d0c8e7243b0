import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Db, Queryable, QueryResult } from './db.port.js';
import { PG_OID, parseDate, parseNumber } from './types.js';

const parsers = { [PG_OID.int8]: parseNumber, [PG_OID.numeric]: parseNumber, [PG_OID.date]: parseDate };

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    exec: async (sql) => {
      await q.exec(sql);
    },
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
  };
}

export interface PgliteOptions {
  /** Folder of the data directory; omitted = in memory. One process per folder. */
  dataDir?: string;
  /** A gzip'd data directory (from `dumpDataDir`) to start from: a migrated template clones in ~3 s. */
  loadDataDir?: Blob;
}

export async function openPglite(opts: PgliteOptions = {}): Promise<Db & { dump(): Promise<Blob> }> {
  const pg = await PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: { postgis },
    parsers,
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
    dump: async () => pg.dumpDataDir('gzip'),
  };
}
