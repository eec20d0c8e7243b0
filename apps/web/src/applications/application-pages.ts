import {
  AuditOutlined,
  FileAddOutlined,
  FileTextOutlined,
  HistoryOutlined,
  InboxOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Role } from '@geoshare/shared';
import type { ModulePage } from '../modules/module-catalog';
import { NegotiationsPage } from '../negotiation/NegotiationsPage';
import { HoldsPage } from './HoldsPage';
import { MyApplicationsPage } from './MyApplicationsPage';
import { NewApplicationPage } from './NewApplicationPage';
import { ProvisionListPage } from './ProvisionListPage';
import { ProvisionRecordsPage } from './ProvisionRecordsPage';
import { ReviewListPage } from './ReviewListPage';

export { ApplicationDetailPage } from './ApplicationDetailPage';

/** Who may list what (as GET /api/applications, /api/provisions and /api/submission-holds allow). */
const REVIEWERS: readonly Role[] = ['reviewer', 'leader', 'admin'];
const CUSTODIANS: readonly Role[] = ['custodian', 'leader', 'admin'];
const TRACERS: readonly Role[] = ['custodian', 'leader', 'admin', 'reviewer'];
const HOLD_KEEPERS: readonly Role[] = ['admin', 'custodian'];

/** 共享申请 (BX-22), in menu order: drives both its submenu and its routes; the detail page is /applications/:id. */
export const APPLICATION_PAGES: ModulePage[] = [
  { path: '/sharing', title: '我的申请', icon: FileTextOutlined, Page: MyApplicationsPage },
  { path: '/sharing/new', title: '新建申请', icon: FileAddOutlined, Page: NewApplicationPage },
  { path: '/sharing/review', title: '待审核', icon: AuditOutlined, Page: ReviewListPage, roles: REVIEWERS },
  {
    path: '/sharing/provision',
    title: '待提供/待移交',
    icon: InboxOutlined,
    Page: ProvisionListPage,
    roles: CUSTODIANS,
  },
  { path: '/sharing/provisions', title: '提供记录', icon: HistoryOutlined, Page: ProvisionRecordsPage, roles: TRACERS },
  { path: '/sharing/holds', title: '未汇交限制', icon: StopOutlined, Page: HoldsPage, roles: HOLD_KEEPERS },
  { path: '/sharing/negotiations', title: '共享协商', icon: TeamOutlined, Page: NegotiationsPage },
];
