import type { Queryable } from '../db/db.port.js';
import { formatFormNumber } from './form-number.rules.js';

/**
 * Next number in a gap-free yearly sequence (统一编号, SQB-YYYY-NNN, YJD-YYYY-NNN). The upsert locks the row until the
 * caller's transaction ends, so concurrent issuers queue and a rolled-back use case gives its number back.
 */
export async function nextNumber(tx: Queryable, scope: string, year: number): Promise<number> {
  return reserveNumbers(tx, scope, year, 1);
}

/** Reserves `count` consecutive numbers at once (bulk ingest); returns the first of them. */
export async function reserveNumbers(tx: Queryable, scope: string, year: number, count: number): Promise<number> {
  const { rows } = await tx.query<{ last: number }>(
    `INSERT INTO number_sequence (scope, year, last) VALUES ($1, $2, $3)
     ON CONFLICT (scope, year) DO UPDATE SET last = number_sequence.last + $3 RETURNING last`,
    [scope, year, count],
  );
  return rows[0]!.last - count + 1;
}

/** The next official form number of `prefix` in `year` (gap-free: the number is the sequence's, see nextNumber). */
export async function nextFormNumber(tx: Queryable, prefix: string, year: number): Promise<string> {
  return formatFormNumber(prefix, year, await nextNumber(tx, prefix, year));
}
