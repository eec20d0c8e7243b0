import type { AdminAreaFeature } from '@geoshare/shared';
import type { Db } from '../../platform/db/db.port.js';
import { adminAreaRepository } from './admin-area.repository.js';

export class AdminAreaService {
  constructor(private readonly db: Db) {}

  async featureCollection(): Promise<{ type: 'FeatureCollection'; features: AdminAreaFeature[] }> {
    return { type: 'FeatureCollection', features: await adminAreaRepository.features(this.db) };
  }
}
