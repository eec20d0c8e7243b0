import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resetDb, testApp, testDb } from '../../../../test/harness.js';
import type { Db } from '../../../platform/db/db.port.js';
import { givenCatalog } from './catalog.fixtures.js';

const SCHEMAS = new URL('../../../../../../../shared/data/stac-schemas/v1.0.0/', import.meta.url).pathname;
const GEOJSON = new URL('../../../../../../node_modules/geojson-schema/', import.meta.url).pathname;

/** The official STAC 1.0.0 JSON Schemas, loaded offline under their published `$id`s. */
function stacValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const spec of ['item-spec', 'collection-spec', 'catalog-spec']) {
    const dir = join(SCHEMAS, spec, 'json-schema');
    for (const f of readdirSync(dir)) {
      const schema = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      ajv.addSchema(schema, schema.$id ?? `https://schemas.stacspec.org/v1.0.0/${spec}/json-schema/${f}`);
    }
  }
  for (const f of readdirSync(GEOJSON).filter((x) => x.endsWith('.json') && x !== 'package.json')) {
    const schema = JSON.parse(readFileSync(join(GEOJSON, f), 'utf8'));
    ajv.addSchema(schema, `https://geojson.org/schema/${f}`);
  }
  const check = (id: string) => (doc: unknown) => {
    const validate = ajv.getSchema(id)!;
    return validate(doc) ? [] : validate.errors;
  };
  return {
    item: check('https://schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json#'),
    collection: check('https://schemas.stacspec.org/v1.0.0/collection-spec/json-schema/collection.json#'),
    catalog: check('https://schemas.stacspec.org/v1.0.0/catalog-spec/json-schema/catalog.json#'),
  };
}

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];

describe.skipIf(!existsSync(SCHEMAS))('BX-20 the catalogue validates against the official STAC 1.0.0 schemas', () => {
  beforeAll(async () => {
    db = await testDb();
    ({ app } = await testApp(db));
    await resetDb(db);
    await givenCatalog(app.services);
  });
  afterAll(() => app.close());

  test('BX-20 items, collections and the landing catalog are valid STAC', async () => {
    const v = stacValidator();
    const items = (await app.inject({ method: 'GET', url: '/api/stac/search?limit=100' })).json().features;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(v.item(item)).toEqual([]);
    for (const c of (await app.inject({ method: 'GET', url: '/api/stac/collections' })).json().collections)
      expect(v.collection(c)).toEqual([]);
    const landing = (await app.inject({ method: 'GET', url: '/api/stac' })).json();
    expect(v.catalog(landing)).toEqual([]);
  });
});
