import { ApartmentOutlined, CalendarOutlined, FileSearchOutlined, TeamOutlined } from '@ant-design/icons';
import type { ComponentType } from 'react';
import { AuditPage } from './audit/AuditPage';
import { CalendarPage } from './calendar/CalendarPage';
import { OrgsPage } from './orgs/OrgsPage';
import { UsersPage } from './users/UsersPage';

export interface AdminPage {
  path: string;
  title: string;
  icon: ComponentType;
  Page: ComponentType;
}

/** 系统管理 (admin role only), in menu order: drives both the submenu and the routes. */
export const ADMIN_PAGES: AdminPage[] = [
  { path: '/admin/users', title: '用户管理', icon: TeamOutlined, Page: UsersPage },
  { path: '/admin/orgs', title: '机构管理', icon: ApartmentOutlined, Page: OrgsPage },
  { path: '/admin/audit', title: '审计日志', icon: FileSearchOutlined, Page: AuditPage },
  { path: '/admin/calendar', title: '工作日历', icon: CalendarOutlined, Page: CalendarPage },
];
