/** Catalogue vocabularies and their Chinese labels (no schema code: safe for the smallest web bundle). */
/** BX-19 product types; `result` = survey results (MNR). */
export const PRODUCT_TYPES = ['primary', 'dom', 'fiscal', 'aerial', 'result'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];
export const PRODUCT_TYPE_LABELS: Record<ProductType, string> = {
  primary: '初级产品',
  dom: '数字正射影像（DOM）',
  fiscal: '其他财政资金购置影像',
  aerial: '航空摄影',
  result: '调查监测成果',
};

/** Secrecy level of an item (MNR-5). `undetermined` (待定密) is treated as classified until decided. */
export const SECRECY_LEVELS = ['public', 'secret', 'confidential', 'undetermined'] as const;
export type Secrecy = (typeof SECRECY_LEVELS)[number];
export const SECRECY_LABELS: Record<Secrecy, string> = {
  public: '非涉密',
  secret: '秘密',
  confidential: '机密',
  undetermined: '待定密',
};

export const SHARING_TYPES = ['unconditional', 'conditional', 'none'] as const;
export type SharingType = (typeof SHARING_TYPES)[number];
export const SHARING_TYPE_LABELS: Record<SharingType, string> = {
  unconditional: '无条件共享',
  conditional: '有条件共享',
  none: '不予共享',
};

export const SHARING_METHODS = ['online', 'offline'] as const;
export type SharingMethod = (typeof SHARING_METHODS)[number];
export const SHARING_METHOD_LABELS: Record<SharingMethod, string> = { online: '在线', offline: '离线' };

export const FUNDING_SOURCES = ['provincial', 'municipal', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = {
  provincial: '省级财政',
  municipal: '市级财政',
  other: '其他',
};

export const UPDATE_FREQUENCIES = ['realtime', 'monthly', 'quarterly', 'yearly', 'irregular'] as const;
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];
export const UPDATE_FREQUENCY_LABELS: Record<UpdateFrequency, string> = {
  realtime: '实时',
  monthly: '每月',
  quarterly: '每季度',
  yearly: '每年',
  irregular: '不定期',
};

/** BX-8 resolution classes used by filters and coverage: ≤0.5 m, ≤1 m, ≤2 m, coarser. */
export const RESOLUTION_CLASSES = [
  { key: 'sub05', label: '≤0.5 米', maxGsd: 0.5 },
  { key: 'sub1', label: '≤1 米', maxGsd: 1 },
  { key: 'sub2', label: '≤2 米', maxGsd: 2 },
  { key: 'coarse', label: '>2 米', maxGsd: Number.POSITIVE_INFINITY },
] as const;
