import { AimOutlined, CloudUploadOutlined, EditOutlined, SearchOutlined } from '@ant-design/icons';
import type { Role } from '@geoshare/shared';
import { lazy } from 'react';
import type { ModulePage } from '../modules/module-catalog';

/** Who keeps the catalogue (目录管理, 数据入库). */
const KEEPERS: readonly Role[] = ['catalogueManager', 'admin'];

// The map pages carry MapLibre: each loads as its own chunk, like 一张图.
export const CatalogueSearchPage = lazy(() =>
  import('./search/CatalogueSearchPage').then((m) => ({ default: m.CatalogueSearchPage })),
);
const CoveragePage = lazy(() => import('./coverage/CoveragePage').then((m) => ({ default: m.CoveragePage })));
const CatalogueManagePage = lazy(() =>
  import('./manage/CatalogueManagePage').then((m) => ({ default: m.CatalogueManagePage })),
);
const IngestPage = lazy(() => import('./ingest/IngestPage').then((m) => ({ default: m.IngestPage })));

/** 资源目录, in menu order: drives both its submenu and its routes. */
export const CATALOGUE_PAGES: ModulePage[] = [
  { path: '/catalogue', title: '目录检索', icon: SearchOutlined, Page: CatalogueSearchPage },
  { path: '/catalogue/coverage', title: '覆盖分析', icon: AimOutlined, Page: CoveragePage },
  { path: '/catalogue/manage', title: '目录管理', icon: EditOutlined, Page: CatalogueManagePage, roles: KEEPERS },
  { path: '/catalogue/ingest', title: '数据入库', icon: CloudUploadOutlined, Page: IngestPage, roles: KEEPERS },
];
