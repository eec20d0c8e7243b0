/**
 * The properties a STAC filter (CQL2), sort or aggregation may use, each with the SQL expression over `i`
 * (catalog_item) it maps to and the JSON schema `/queryables` publishes. One table: filter, sort and docs agree.
 */
export interface Queryable {
  sql: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'datetime' | 'geometry' | 'array';
  title: string;
  schema: Record<string, unknown>;
  /** may be used in sortby */
  sortable?: boolean;
  /** the column is NOT NULL: sorted without NULLS LAST, so the planner can walk its b-tree index */
  required?: boolean;
}

const enumOf = (values: readonly string[]) => ({ type: 'string', enum: [...values] });

export const ITEM_QUERYABLES: Record<string, Queryable> = {
  id: { sql: 'i.id', type: 'string', title: '条目标识', schema: { type: 'string' }, sortable: true, required: true },
  collection: {
    sql: 'i.collection_id',
    type: 'string',
    title: '数据集',
    schema: { type: 'string' },
    sortable: true,
    required: true,
  },
  geometry: {
    sql: 'i.geom',
    type: 'geometry',
    title: '覆盖范围',
    schema: { $ref: 'https://geojson.org/schema/Geometry.json' },
  },
  datetime: {
    sql: 'i.datetime',
    type: 'datetime',
    title: '获取时间',
    schema: { type: 'string', format: 'date-time' },
    sortable: true,
    required: true,
  },
  title: { sql: 'i.title', type: 'string', title: '名称', schema: { type: 'string' }, sortable: true, required: true },
  gsd: { sql: 'i.gsd', type: 'number', title: '分辨率（米）', schema: { type: 'number', minimum: 0 }, sortable: true },
  platform: { sql: 'i.platform', type: 'string', title: '卫星/平台', schema: { type: 'string' }, sortable: true },
  instruments: {
    sql: 'i.instruments',
    type: 'array',
    title: '传感器',
    schema: { type: 'array', items: { type: 'string' } },
  },
  'eo:cloud_cover': {
    sql: 'i.cloud_cover',
    type: 'number',
    title: '云量（%）',
    schema: { type: 'number', minimum: 0, maximum: 100 },
    sortable: true,
  },
  created: {
    sql: 'i.created_at',
    type: 'datetime',
    title: '入库时间',
    schema: { type: 'string', format: 'date-time' },
    sortable: true,
    required: true,
  },
  updated: {
    sql: 'i.updated_at',
    type: 'datetime',
    title: '更新时间',
    schema: { type: 'string', format: 'date-time' },
    sortable: true,
    required: true,
  },
  'geoshare:catalogue_no': {
    sql: 'i.catalogue_no',
    type: 'string',
    title: '统一编号',
    schema: { type: 'string' },
    sortable: true,
    required: true,
  },
  'geoshare:product_type': {
    sql: 'i.product_type',
    type: 'string',
    title: '产品类型',
    schema: enumOf(['primary', 'dom', 'fiscal', 'aerial', 'result']),
    sortable: true,
    required: true,
  },
  'geoshare:secrecy': {
    sql: 'i.secrecy',
    type: 'string',
    title: '密级',
    schema: enumOf(['public', 'secret', 'confidential', 'undetermined']),
    sortable: true,
    required: true,
  },
  'geoshare:sharing_type': {
    sql: 'i.sharing_type',
    type: 'string',
    title: '共享类型',
    schema: enumOf(['unconditional', 'conditional', 'none']),
    sortable: true,
    required: true,
  },
  'geoshare:sharing_method': {
    sql: 'i.sharing_method',
    type: 'string',
    title: '共享方式',
    schema: enumOf(['online', 'offline']),
  },
  'geoshare:funding_source': {
    sql: 'i.funding_source',
    type: 'string',
    title: '资金来源',
    schema: enumOf(['provincial', 'municipal', 'other']),
  },
  'geoshare:format': { sql: 'i.format', type: 'string', title: '数据格式', schema: { type: 'string' } },
  'geoshare:districts': {
    sql: 'i.district_codes',
    type: 'array',
    title: '所在区县（行政区划代码）',
    schema: { type: 'array', items: { type: 'string' } },
  },
  'geoshare:published': { sql: 'i.published', type: 'boolean', title: '已发布', schema: { type: 'boolean' } },
};
