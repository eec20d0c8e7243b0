import type { Queryable } from '../../platform/db/db.port.js';
import type { MosaicCriteria } from '../catalog/catalog.service.js';

/** Registered mosaic searches (migration 0007). */
export const mosaicSearchRepository = {
  /** Stores the criteria under their id; registering the same search again changes nothing. */
  async save(q: Queryable, id: string, criteria: MosaicCriteria, at: Date): Promise<void> {
    await q.query(
      'INSERT INTO mosaic_search (id, criteria, created_at) VALUES ($1, $2::jsonb, $3) ON CONFLICT (id) DO NOTHING',
      [id, JSON.stringify(criteria), at],
    );
  },

  async criteria(q: Queryable, id: string): Promise<MosaicCriteria | null> {
    const { rows } = await q.query<{ criteria: MosaicCriteria }>('SELECT criteria FROM mosaic_search WHERE id = $1', [
      id,
    ]);
    return rows[0]?.criteria ?? null;
  },
};
