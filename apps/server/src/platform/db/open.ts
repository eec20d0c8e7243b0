import type { Db } from './db.port.js';
import { openPostgres } from './pg.adapter.js';
import { openPglite } from './pglite.adapter.js';

/** The server's choice of adapter: a PostgreSQL URL when given, else embedded PGlite in `dataDir`. */
export async function openDatabase(opts: { databaseUrl?: string; pgliteDir: string }): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite({ dataDir: opts.pgliteDir });
}
