import type { CollectionRow } from './collection.repository.js';
import { STAC_VERSION, stacRoot, type Urls } from './stac.serialize.js';

/** A catalogue collection as a STAC Collection; extent from its items (bbox in lon/lat degrees, EPSG:4490). */
export function toStacCollection(c: CollectionRow, u: Urls): Record<string, unknown> {
  const self = `${stacRoot(u)}/collections/${encodeURIComponent(c.id)}`;
  const providers = [
    c.custodian_name ? { name: c.custodian_name, roles: ['host', 'processor'] } : null,
    c.provider_name ? { name: c.provider_name, roles: ['producer', 'licensor'] } : null,
  ].filter(Boolean);
  return {
    type: 'Collection',
    stac_version: STAC_VERSION,
    stac_extensions: [],
    id: c.id,
    title: c.title,
    description: c.description,
    keywords: c.keywords,
    license: c.license,
    providers,
    extent: {
      spatial: { bbox: [c.extent_bbox ?? [-180, -90, 180, 90]] },
      temporal: { interval: [[c.extent_start?.toISOString() ?? null, c.extent_end?.toISOString() ?? null]] },
    },
    summaries: {},
    'geoshare:product_type': c.product_type,
    ...(c.custodian_org_id ? { 'geoshare:custodian_id': c.custodian_org_id } : {}),
    ...(c.provider_org_id ? { 'geoshare:provider_id': c.provider_org_id } : {}),
    'geoshare:update_frequency': c.update_frequency,
    'geoshare:sharing_type': c.sharing_type,
    ...(c.sharing_basis ? { 'geoshare:sharing_basis': c.sharing_basis } : {}),
    'geoshare:sharing_method': c.sharing_method,
    ...(c.usage_requirements ? { 'geoshare:usage_requirements': c.usage_requirements } : {}),
    'geoshare:published': c.published,
    'geoshare:item_count': c.item_count,
    links: [
      { rel: 'self', href: self, type: 'application/json' },
      { rel: 'root', href: stacRoot(u), type: 'application/json' },
      { rel: 'parent', href: stacRoot(u), type: 'application/json' },
      { rel: 'items', href: `${self}/items`, type: 'application/geo+json' },
      {
        rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables',
        href: `${self}/queryables`,
        type: 'application/schema+json',
      },
    ],
  };
}
