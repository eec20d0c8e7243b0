/**
 * The one database port every repository uses. Two adapters implement it: embedded PGlite (+PostGIS) and a
 * PostgreSQL server through `pg`. SQL is PostgreSQL/PostGIS only; both adapters return the same JS types
 * (see `types.ts`): int8/numeric as number, date as 'YYYY-MM-DD', timestamptz as Date, jsonb parsed.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a multi-statement SQL script without parameters (migrations, truncation). */
  exec(sql: string): Promise<void>;
}

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
