import {
  ApartmentOutlined,
  CalendarOutlined,
  CloudDownloadOutlined,
  FileSearchOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ModulePage } from '../modules/module-catalog';
import { AuditPage } from './audit/AuditPage';
import { CalendarPage } from './calendar/CalendarPage';
import { DownloadQuotasPage } from './download-quotas/DownloadQuotasPage';
import { OrgsPage } from './orgs/OrgsPage';
import { UsersPage } from './users/UsersPage';

const ADMIN: ModulePage['roles'] = ['admin'];

/** 系统管理 (admin role only), in menu order: drives both the submenu and the routes. */
export const ADMIN_PAGES: ModulePage[] = [
  { path: '/admin/users', title: '用户管理', icon: TeamOutlined, Page: UsersPage, roles: ADMIN },
  { path: '/admin/orgs', title: '机构管理', icon: ApartmentOutlined, Page: OrgsPage, roles: ADMIN },
  { path: '/admin/audit', title: '审计日志', icon: FileSearchOutlined, Page: AuditPage, roles: ADMIN },
  { path: '/admin/calendar', title: '工作日历', icon: CalendarOutlined, Page: CalendarPage, roles: ADMIN },
  {
    path: '/admin/download-quotas',
    title: '下载配额',
    icon: CloudDownloadOutlined,
    Page: DownloadQuotasPage,
    roles: ADMIN,
  },
];
