import type { Readable } from 'node:stream';
import {
  type CollectionInput,
  type ItemPatch,
  PRODUCT_TYPE_LABELS,
  type ProductType,
  RESOLUTION_CLASSES,
} from '@geoshare/shared';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db/db.port.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { type ByteRange, checksumEtag, fileAnswer, type RangeRequest } from '../../platform/http/byte-range.rules.js';
import { reserveNumbers } from '../../platform/numbering/number-sequence.repository.js';
import type { Storage } from '../../platform/storage/storage.port.js';
import type { UsageService } from '../sharing/usage.service.js';
import {
  type ItemAccessFacts,
  isCatalogueKeeper,
  onlineAssetDenial,
  thumbnailAllowed,
  type Viewer,
} from './catalog.access.rules.js';
import { type CatalogueSheet, catalogueWorkbook } from './catalog.export.js';
import { ITEM_QUERYABLES } from './catalog.queryables.js';
import { catalogRepository, coverageQuery, exportRows, mosaicRepository } from './catalog.repository.js';
import { collectionRepository } from './collection.repository.js';
import { cql2ToSql } from './cql2.sql.js';
import { parseCql2Text } from './cql2.text.js';
import { type AssetDraft, ITEM_EDITABLE, type ItemDraft, itemRepository } from './item.repository.js';
import { toStacCollection } from './stac.collection.js';
import { applyFields, encodeToken, normaliseSearch, type SearchRequest } from './stac.search.rules.js';
import { toStacItem, type Urls } from './stac.serialize.js';

/** The online agreement check (MNR-16) the catalogue applies before handing out a data file (the sharing module's). */
export interface OnlineUseGate {
  assertSigned(ctx: RequestContext, collectionId: string): Promise<void>;
}

export const viewerOf = (ctx: RequestContext): Viewer =>
  ctx.actor
    ? {
        kind: 'user',
        userId: ctx.actor.userId,
        orgId: ctx.actor.orgId,
        roles: ctx.actor.roles,
        clearance: ctx.actor.clearance,
      }
    : { kind: 'anonymous' };

/** Uniform number (统一编号, MNR-9): product code, year of acquisition, gap-free sequence, e.g. DOM-2024-000042. */
const PRODUCT_CODES: Record<ProductType, string> = {
  primary: 'CJ',
  dom: 'DOM',
  fiscal: 'CZ',
  aerial: 'HS',
  result: 'CG',
};

const denialCode = {
  classified: 'ASSET_CLASSIFIED',
  notShared: 'ASSET_NOT_SHARED',
  offlineOnly: 'ASSET_OFFLINE_ONLY',
  applicationRequired: 'ASSET_APPLICATION_REQUIRED',
} as const;

/** What a mosaic shows: a STAC search without paging, sorting or fields (a mosaic always puts the newest on top). */
export type MosaicCriteria = Pick<
  SearchRequest,
  'bbox' | 'intersects' | 'datetime' | 'ids' | 'collections' | 'filter' | 'q'
>;
const MOSAIC_CRITERIA = ['bbox', 'intersects', 'datetime', 'ids', 'collections', 'filter', 'q'] as const;
const mosaicSearch = (c: MosaicCriteria): SearchRequest => ({ ...c, sortby: [], limit: 1, offset: 0 });

export type NewItem = Omit<ItemDraft, 'catalogueNo' | 'published' | 'secrecy'> & {
  secrecy: string | null;
  published?: boolean;
};

/** An entry of a bulk registration, with the files already stored for it (none for metadata-only entries). */
export type NewBulkItem = NewItem & { assets?: AssetDraft[] };

export class CatalogService {
  /** Told after a committed change that may change who sees an entry online (tile access caches drop it). */
  private readonly accessListeners: ((collectionId: string, itemId: string | null) => void)[] = [];

  /** `itemId` null: anything in the collection may have changed. */
  onAccessChange(listener: (collectionId: string, itemId: string | null) => void): void {
    this.accessListeners.push(listener);
  }

  private accessChanged(collectionId: string, itemId: string | null): void {
    for (const l of this.accessListeners) l(collectionId, itemId);
  }

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly storage: Storage,
    private readonly usage: UsageService,
    private readonly onlineUse: OnlineUseGate,
  ) {}

  private filterFor(r: SearchRequest) {
    for (const s of r.sortby) {
      if (!ITEM_QUERYABLES[s.field]?.sortable)
        throw new DomainError('STAC_PARAM_INVALID', { sortby: s.field }, `不支持按该字段排序：${s.field}`);
    }
    return (params: unknown[]) => (r.filter === undefined ? null : cql2ToSql(r.filter, ITEM_QUERYABLES, params));
  }

  /** STAC item search (BX-13, BX-20): visibility and secrecy rules are part of the query itself. */
  async search(ctx: RequestContext, raw: Record<string, unknown>, u: Urls, selfUrl: (token: string | null) => string) {
    const viewer = viewerOf(ctx);
    const r = normaliseSearch(raw, parseCql2Text);
    const { rows, matched } = await catalogRepository.search(this.db, viewer, r, this.filterFor(r));
    const features = rows.map((row) => applyFields(toStacItem(row, viewer, u), r.fields));
    const links: Record<string, unknown>[] = [{ rel: 'root', href: `${u.api}/stac`, type: 'application/json' }];
    if (r.offset + rows.length < matched)
      links.push({
        rel: 'next',
        href: selfUrl(encodeToken(r.offset + r.limit)),
        type: 'application/geo+json',
        method: 'GET',
      });
    if (r.offset > 0)
      links.push({
        rel: 'prev',
        href: selfUrl(encodeToken(Math.max(0, r.offset - r.limit))),
        type: 'application/geo+json',
        method: 'GET',
      });
    return {
      type: 'FeatureCollection',
      features,
      numberMatched: matched,
      numberReturned: features.length,
      links,
      request: r,
    };
  }

  async aggregate(ctx: RequestContext, raw: Record<string, unknown>) {
    const r = normaliseSearch(raw, parseCql2Text);
    return catalogRepository.aggregate(this.db, viewerOf(ctx), r, this.filterFor(r));
  }

  async item(ctx: RequestContext, collectionId: string, id: string, u: Urls) {
    const viewer = viewerOf(ctx);
    const row = await catalogRepository.item(this.db, viewer, collectionId, id);
    if (!row) throw new DomainError('CATALOG_ITEM_NOT_FOUND', { collectionId, id });
    return toStacItem(row, viewer, u);
  }

  async collections(
    ctx: RequestContext,
    f: { q?: string[]; bbox?: number[]; datetime?: { start: string | null; end: string | null } },
    u: Urls,
  ) {
    const viewer = viewerOf(ctx);
    const rows = await collectionRepository.list(this.db, { ...f, includeUnpublished: isCatalogueKeeper(viewer) });
    return rows.map((c) => toStacCollection(c, u));
  }

  async collection(ctx: RequestContext, id: string, u: Urls) {
    const c = await collectionRepository.get(this.db, id);
    if (!c || (!c.published && !isCatalogueKeeper(viewerOf(ctx))))
      throw new DomainError('CATALOG_COLLECTION_NOT_FOUND', { id });
    return toStacCollection(c, u);
  }

  /** BX-8 coverage of a district by a resolution class since a date (ellipsoidal areas, km²). */
  async coverage(ctx: RequestContext, f: { districtCode: string; resolution: string; since: string }) {
    const cls = RESOLUTION_CLASSES.find((c) => c.key === f.resolution);
    if (!cls) throw new DomainError('VALIDATION_FAILED', { resolution: f.resolution }, '分辨率等级不合法');
    const maxGsd = Number.isFinite(cls.maxGsd) ? cls.maxGsd : null;
    const r = await coverageQuery(this.db, viewerOf(ctx), { districtCode: f.districtCode, maxGsd, since: f.since });
    if (!r) throw new DomainError('NOT_FOUND', { district: f.districtCode }, '区县不存在');
    const covered = r.covered_km2 ?? 0;
    return {
      districtCode: f.districtCode,
      districtName: r.name,
      districtAreaKm2: Math.round(r.district_km2 * 100) / 100,
      coveredAreaKm2: Math.round(covered * 100) / 100,
      share: r.district_km2 > 0 ? Math.min(1, covered / r.district_km2) : 0,
      itemCount: r.n,
      covered: r.geojson ? JSON.parse(r.geojson) : null,
    };
  }

  /** MNR-9 / ZS-9 catalogue sheets as xlsx; the export itself is an audited data access. */
  async exportCatalogue(ctx: RequestContext, kind: CatalogueSheet, collections: string[] | null): Promise<Buffer> {
    const rows = await exportRows(this.db, viewerOf(ctx), collections);
    await this.audit.recordAlone(ctx, {
      action: 'catalog.export',
      objectType: 'catalogue',
      objectId: kind,
      summary: { rows: rows.length, collections },
    });
    return catalogueWorkbook(kind, rows, this.clock.now());
  }

  async collectionExists(id: string): Promise<boolean> {
    return (await collectionRepository.settings(this.db, id)) !== null;
  }

  private static checkSharing(sharingType: string, basis: string | null | undefined): void {
    // ZS-12: 不予共享 must name its legal basis.
    if (sharingType === 'none' && !basis?.trim()) throw new DomainError('CATALOG_SHARING_BASIS_REQUIRED');
  }

  createCollection(ctx: RequestContext, input: CollectionInput): Promise<void> {
    CatalogService.checkSharing(input.sharingType, input.sharingBasis);
    return this.db.transaction(async (tx) => {
      if (await collectionRepository.settings(tx, input.id))
        throw new DomainError('CATALOG_COLLECTION_EXISTS', { id: input.id });
      await collectionRepository.insert(tx, input, this.clock.now());
      await this.audit.record(tx, ctx, {
        action: 'catalog.collection.create',
        objectType: 'collection',
        objectId: input.id,
        summary: { after: input },
      });
    });
  }

  updateCollection(ctx: RequestContext, id: string, input: Omit<CollectionInput, 'id'>): Promise<void> {
    CatalogService.checkSharing(input.sharingType, input.sharingBasis);
    const done = this.db.transaction(async (tx) => {
      const before = await collectionRepository.settings(tx, id);
      if (!before) throw new DomainError('CATALOG_COLLECTION_NOT_FOUND', { id });
      await collectionRepository.update(tx, id, input, this.clock.now());
      await this.audit.record(tx, ctx, {
        action: 'catalog.collection.update',
        objectType: 'collection',
        objectId: id,
        summary: { before: { title: before.title, sharingType: before.sharing_type }, after: input },
      });
    });
    return done.then(() => this.accessChanged(id, null));
  }

  /** BX-13 / BX-20: the catalogue is published; unpublishing takes it off the portal at once. */
  publishCollection(ctx: RequestContext, id: string, published: boolean): Promise<void> {
    const done = this.db.transaction(async (tx) => {
      if (!(await collectionRepository.settings(tx, id))) throw new DomainError('CATALOG_COLLECTION_NOT_FOUND', { id });
      await collectionRepository.setPublished(tx, id, published, this.clock.now());
      await this.audit.record(tx, ctx, {
        action: published ? 'catalog.collection.publish' : 'catalog.collection.unpublish',
        objectType: 'collection',
        objectId: id,
      });
    });
    return done.then(() => this.accessChanged(id, null));
  }

  /**
   * Registers one entry with its assets (MNR-9: numbered and catalogued). No secrecy given → 待定密, never a silent
   * 非涉密. Runs inside the caller's transaction when one is passed (ingest writes files first, then this).
   */
  async createItem(
    ctx: RequestContext,
    draft: NewItem,
    assets: AssetDraft[],
    tx?: Queryable,
  ): Promise<{ catalogueNo: string }> {
    const run = async (q: Queryable) => {
      if (!(await collectionRepository.settings(q, draft.collectionId)))
        throw new DomainError('CATALOG_COLLECTION_NOT_FOUND', { id: draft.collectionId });
      if (await itemRepository.exists(q, draft.collectionId, draft.id))
        throw new DomainError('CATALOG_ITEM_EXISTS', { id: draft.id });
      if (draft.checksumSm3) {
        const dup = await itemRepository.byChecksum(q, draft.checksumSm3);
        if (dup)
          throw new DomainError(
            'INGEST_DUPLICATE',
            dup,
            `相同内容的文件已入库：${dup.collection_id}/${dup.id}（SM3 校验和重复）`,
          );
      }
      CatalogService.checkSharing(draft.sharingType, draft.sharingBasis);
      const secrecy = draft.secrecy ?? 'undetermined';
      const published = draft.published === true;
      if (published && secrecy === 'undetermined') throw new DomainError('CATALOG_SECRECY_UNDETERMINED');
      const [catalogueNo] = await this.insertItems(q, [{ ...draft, secrecy, published }]);
      await itemRepository.insertAssets(
        q,
        assets.map((a) => ({ ...a, collectionId: draft.collectionId, itemId: draft.id })),
      );
      await this.audit.record(q, ctx, {
        action: 'catalog.item.create',
        objectType: 'item',
        objectId: `${draft.collectionId}/${draft.id}`,
        summary: { catalogueNo, secrecy, sharingType: draft.sharingType, published, assets: assets.map((a) => a.key) },
      });
      return { catalogueNo: catalogueNo! };
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  /**
   * Numbers and inserts entries whose checks were done by the caller (one entry above; thousands per statement from
   * bulk ingest). Numbers are reserved per product type and year in blocks, gap-free. Returns the numbers in order.
   */
  private async insertItems(q: Queryable, drafts: Omit<ItemDraft, 'catalogueNo'>[]): Promise<string[]> {
    const scopeOf = (d: Omit<ItemDraft, 'catalogueNo'>) => `${d.productType}|${d.datetime.slice(0, 4)}`;
    const counts = new Map<string, number>();
    for (const d of drafts) counts.set(scopeOf(d), (counts.get(scopeOf(d)) ?? 0) + 1);
    const next = new Map<string, number>();
    for (const [scope, n] of counts) {
      const [type, year] = scope.split('|') as [string, string];
      next.set(scope, await reserveNumbers(q, `catalogue:${type}`, Number(year), n));
    }
    const numbered = drafts.map((d) => {
      const scope = scopeOf(d);
      const n = next.get(scope)!;
      next.set(scope, n + 1);
      const catalogueNo = `${PRODUCT_CODES[d.productType as ProductType]}-${d.datetime.slice(0, 4)}-${String(n).padStart(6, '0')}`;
      return { ...d, catalogueNo, productTypeLabel: PRODUCT_TYPE_LABELS[d.productType as ProductType] };
    });
    await itemRepository.insertMany(q, numbered, this.clock.now());
    return numbered.map((d) => d.catalogueNo);
  }

  /**
   * Bulk ingest (MNR-9) in one transaction with one audit row for the batch: every entry is validated the same way as a
   * single one; a batch with an invalid entry writes nothing. Entries and their assets go in one statement each.
   */
  bulkCreateItems(ctx: RequestContext, drafts: NewBulkItem[]): Promise<{ count: number }> {
    return this.db.transaction(async (q) => {
      const prepared = drafts.map(({ assets: _assets, ...d }) => {
        CatalogService.checkSharing(d.sharingType, d.sharingBasis);
        const secrecy = d.secrecy ?? 'undetermined';
        if (d.published && secrecy === 'undetermined')
          throw new DomainError('CATALOG_SECRECY_UNDETERMINED', { id: d.id });
        return { ...d, secrecy, published: d.published === true };
      });
      const numbers = await this.insertItems(q, prepared);
      const assets = drafts.flatMap((d) =>
        (d.assets ?? []).map((a) => ({ ...a, collectionId: d.collectionId, itemId: d.id })),
      );
      await itemRepository.insertAssets(q, assets);
      await this.audit.record(q, ctx, {
        action: 'catalog.item.bulk_create',
        objectType: 'collection',
        objectId: [...new Set(drafts.map((d) => d.collectionId))].join(','),
        summary: { count: drafts.length, assets: assets.length, first: numbers[0], last: numbers.at(-1) },
      });
      return { count: drafts.length };
    });
  }

  /** Catalogue upkeep (ZS-11): every change is audited with before/after. */
  updateItem(ctx: RequestContext, collectionId: string, id: string, patch: ItemPatch): Promise<void> {
    const done = this.db.transaction(async (tx) => {
      const before = await itemRepository.facts(tx, collectionId, id, true);
      if (!before) throw new DomainError('CATALOG_ITEM_NOT_FOUND', { collectionId, id });
      const set: Record<string, unknown> = {};
      const changed: Record<string, { before: unknown; after: unknown }> = {};
      for (const [k, col] of Object.entries(ITEM_EDITABLE)) {
        const v = (patch as Record<string, unknown>)[k];
        if (v === undefined || v === before[col]) continue;
        set[col] = v;
        changed[k] = { before: before[col], after: v };
      }
      const sharingType = (set.sharing_type ?? before.sharing_type) as string;
      CatalogService.checkSharing(sharingType, (set.sharing_basis ?? before.sharing_basis) as string | null);
      if (before.published && set.secrecy === 'undetermined') throw new DomainError('CATALOG_SECRECY_UNDETERMINED');
      await itemRepository.update(tx, collectionId, id, set, this.clock.now());
      await itemRepository.refreshDerived(
        tx,
        collectionId,
        id,
        PRODUCT_TYPE_LABELS[before.product_type as ProductType],
      );
      await this.audit.record(tx, ctx, {
        action: 'catalog.item.update',
        objectType: 'item',
        objectId: `${collectionId}/${id}`,
        summary: changed,
      });
    });
    return done.then(() => this.accessChanged(collectionId, id));
  }

  /** BX-13: publish or withdraw one entry; an entry still 待定密 cannot be published. */
  publishItem(ctx: RequestContext, collectionId: string, id: string, published: boolean): Promise<void> {
    const done = this.db.transaction(async (tx) => {
      const before = await itemRepository.facts(tx, collectionId, id, true);
      if (!before) throw new DomainError('CATALOG_ITEM_NOT_FOUND', { collectionId, id });
      if (published && before.secrecy === 'undetermined') throw new DomainError('CATALOG_SECRECY_UNDETERMINED');
      await itemRepository.setPublished(tx, collectionId, id, published, this.clock.now());
      await this.audit.record(tx, ctx, {
        action: published ? 'catalog.item.publish' : 'catalog.item.unpublish',
        objectType: 'item',
        objectId: `${collectionId}/${id}`,
      });
    });
    return done.then(() => this.accessChanged(collectionId, id));
  }

  /** The entry if `viewer` may see it (else CATALOG_ITEM_NOT_FOUND), with the facts the online-access rules read. */
  private async visibleItem(viewer: Viewer, collectionId: string, id: string) {
    const row = await catalogRepository.item(this.db, viewer, collectionId, id);
    if (!row) throw new DomainError('CATALOG_ITEM_NOT_FOUND', { collectionId, id });
    const facts = {
      secrecy: row.secrecy,
      sharingType: row.sharing_type,
      sharingMethod: row.sharing_method,
      custodianOrgId: row.custodian_org_id,
    };
    return { row, facts };
  }

  /**
   * ZS-21 / MNR-15: a conditional entry is online for a unit once an application of that unit naming it was approved
   * (classified entries never: BX-16 keeps them offline whatever was approved).
   */
  private async onlineDenial(viewer: Viewer, facts: ItemAccessFacts, collectionId: string, id: string) {
    const denial = onlineAssetDenial(viewer, facts);
    if (denial !== 'applicationRequired' || viewer.kind !== 'user') return denial;
    const approved = await catalogRepository.approvedForOrg(this.db, viewer.orgId, collectionId, id);
    return onlineAssetDenial(viewer, facts, approved);
  }

  /**
   * The data COG behind online tiles (BX-16): the same visibility and online-access rules as `openAsset` (classified →
   * ASSET_CLASSIFIED for every tile), without its audit rows — tiles come by the hundred per map view, so the sharing
   * module records their use per user, item and day instead. `public`: an anonymous caller could fetch it too (the
   * tiles may sit in shared caches).
   */
  async tileSource(ctx: RequestContext, collectionId: string, id: string) {
    const viewer = viewerOf(ctx);
    const { row, facts } = await this.visibleItem(viewer, collectionId, id);
    const denial = await this.onlineDenial(viewer, facts, collectionId, id);
    if (denial) throw new DomainError(denialCode[denial], { collectionId, id });
    const data = row.assets.find((a) => a.roles.includes('data') && a.media_type.startsWith('image/tiff'));
    const asset = data ? await itemRepository.asset(this.db, collectionId, id, data.key) : null;
    if (!data || !asset) throw new DomainError('ASSET_NOT_FOUND', { collectionId, id, role: 'data' });
    const shape = row.properties['proj:shape'];
    const overviews = row.properties['geoshare:overviews'];
    return {
      storageKey: asset.storage_key,
      version: row.checksum_sm3 ?? data.checksum_sm3 ?? `t${row.updated_at.getTime()}`,
      title: row.title,
      bbox: row.bbox,
      gsd: row.gsd,
      shape: Array.isArray(shape) ? { height: Number(shape[0]), width: Number(shape[1]) } : null,
      /** overview levels in the file, when ingest recorded them (TileJSON keeps clients within the read limit) */
      overviews: typeof overviews === 'number' ? overviews : null,
      public:
        viewer.kind === 'anonymous' ||
        (await catalogRepository.item(this.db, { kind: 'anonymous' }, collectionId, id)) !== null,
    };
  }

  /**
   * A file of an entry behind a signed download link (BX-16): every kind of download (asset, area clip, watermarked
   * preview) is online use of the entry, so the tile rules apply — visible to the caller, not classified, shared
   * online. No audit row or usage count here: the sharing module audits the link and counts each fetch.
   * `pick`: an asset key, or the first asset holding one of `roles` (in order of preference).
   */
  async downloadSource(
    ctx: RequestContext,
    collectionId: string,
    id: string,
    pick: { key: string } | { roles: string[] },
  ) {
    const viewer = viewerOf(ctx);
    const { row, facts } = await this.visibleItem(viewer, collectionId, id);
    const denial = await this.onlineDenial(viewer, facts, collectionId, id);
    if (denial) throw new DomainError(denialCode[denial], { collectionId, id });
    const key =
      'key' in pick
        ? pick.key
        : pick.roles.map((r) => row.assets.find((a) => a.roles.includes(r))?.key).find((k) => k !== undefined);
    const asset = key === undefined ? null : await itemRepository.asset(this.db, collectionId, id, key);
    if (key === undefined || !asset) throw new DomainError('ASSET_NOT_FOUND', { collectionId, id, ...pick });
    return {
      key,
      storageKey: asset.storage_key,
      mediaType: asset.media_type,
      size: asset.size,
      /** the SM3 checksum ingest recorded (null: none); files are stored once per entry, so it names their bytes */
      checksumSm3: asset.checksum_sm3,
      title: row.title,
      /** footprint, GeoJSON in EPSG:4490 */
      geometry: row.geojson,
    };
  }

  /**
   * A STAC search body as mosaic criteria (BX-16): normalised as `search` does it (the same body finds the same
   * entries) and checked once — a filter that does not compile fails here, not on every tile.
   */
  mosaicCriteria(raw: Record<string, unknown>): MosaicCriteria {
    const r = normaliseSearch(
      Object.fromEntries(
        Object.entries(raw).filter(([k]) => (MOSAIC_CRITERIA as readonly string[]).includes(k) || k === 'filter-lang'),
      ),
      parseCql2Text,
    );
    this.filterFor(r)([]);
    return Object.fromEntries(
      MOSAIC_CRITERIA.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]),
    ) as MosaicCriteria;
  }

  /**
   * The data COGs a mosaic tile shows (BX-16): entries matching `criteria` that the caller may see and use online —
   * never classified, not-shared or offline-only ones — touching `bbox` (lon/lat), newest first, at most `limit`.
   */
  async mosaicSources(
    ctx: RequestContext,
    criteria: MosaicCriteria,
    bbox: readonly [number, number, number, number],
    limit: number,
  ) {
    const r = mosaicSearch(criteria);
    const rows = await mosaicRepository.items(this.db, viewerOf(ctx), r, this.filterFor(r), bbox, limit);
    return rows.map((row) => ({
      collectionId: row.collection_id,
      itemId: row.id,
      storageKey: row.storage_key,
      version: row.version,
      bbox: row.bbox,
    }));
  }

  /** Extent (lon/lat, null when empty), finest GSD (metres) and number of the entries a mosaic can show the caller. */
  async mosaicExtent(ctx: RequestContext, criteria: MosaicCriteria) {
    const r = mosaicSearch(criteria);
    const e = await mosaicRepository.extent(this.db, viewerOf(ctx), r, this.filterFor(r));
    const bbox = e.bbox[0] === null ? null : (e.bbox as [number, number, number, number]);
    return { bbox, gsd: e.gsd, count: e.n };
  }

  /** Collections with entries the caller may see online, with their extent (lon/lat): one mosaic layer each. */
  mosaicCollections(ctx: RequestContext) {
    return mosaicRepository.collections(this.db, viewerOf(ctx));
  }

  /**
   * Opens an asset for download (BX-16, MNR-16): the entry must be visible, and data files only of non-classified,
   * shareable, online items. Every access is recorded in the audit trail.
   * `request`: one byte range (RFC 9110), when the asset's size is known; all checks apply to every range, but a
   * download is recorded (audit, usage) once — for the whole file or a range from byte 0, not for its continuations.
   * An unsatisfiable range → RANGE_NOT_SATISFIABLE (416), not recorded as a download.
   */
  async openAsset(
    ctx: RequestContext,
    collectionId: string,
    id: string,
    key: string,
    request?: RangeRequest,
  ): Promise<{
    /** null when the client's copy is current (`notModified`) */
    stream: Readable | null;
    mediaType: string;
    size: number | null;
    /** the byte range requested (206), null for the whole file */
    range: ByteRange | null;
    /** strong ETag (the stored SM3 checksum) for `If-Range` and `If-None-Match`, null when unknown */
    etag: string | null;
    /** `If-None-Match` holds: 304, nothing read, no download recorded */
    notModified: boolean;
  }> {
    const viewer = viewerOf(ctx);
    const { facts } = await this.visibleItem(viewer, collectionId, id);
    const asset = await itemRepository.asset(this.db, collectionId, id, key);
    if (!asset) throw new DomainError('ASSET_NOT_FOUND', { key });
    const isThumb = asset.roles.includes('thumbnail') || asset.roles.includes('overview');
    const denial = isThumb
      ? thumbnailAllowed(facts)
        ? null
        : 'classified'
      : await this.onlineDenial(viewer, facts, collectionId, id);
    if (denial) {
      await this.audit.recordAlone(ctx, {
        action: 'asset.denied',
        objectType: 'asset',
        objectId: `${collectionId}/${id}/${key}`,
        summary: { reason: denial },
      });
      throw new DomainError(denialCode[denial], { collectionId, id, key });
    }
    // MNR-16: a signed-in user's first online use of a collection needs its online agreement (428 until signed)
    if (!isThumb) await this.onlineUse.assertSigned(ctx, collectionId);
    const etag = asset.checksum_sm3 ? checksumEtag(asset.checksum_sm3) : null;
    const base = { mediaType: asset.media_type, size: asset.size, etag };
    const answer = fileAnswer(request, asset.size, etag);
    if (answer.notModified) return { ...base, stream: null, range: null, notModified: true };
    const { range } = answer;
    if (!isThumb && answer.download) {
      await this.audit.recordAlone(ctx, {
        action: 'asset.download',
        objectType: 'asset',
        objectId: `${collectionId}/${id}/${key}`,
        summary: range ? { size: asset.size, range } : { size: asset.size },
      });
      this.usage.count(ctx, collectionId, id, 'download', asset.size ?? 0);
    }
    return {
      ...base,
      stream: await this.storage.read(asset.storage_key, range ?? undefined),
      range,
      notModified: false,
    };
  }
}
