import { GlobalOutlined, SettingOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { ComponentType } from 'react';
import { Link } from 'react-router-dom';
import { ADMIN_PAGES } from '../admin/admin-pages';
import { MODULES } from '../modules/module-catalog';

type MenuItem = Required<MenuProps>['items'][number];

export const ADMIN_MENU_KEY = 'admin';

function linkItem(path: string, title: string, Icon: ComponentType): MenuItem {
  return { key: path, icon: <Icon />, label: <Link to={path}>{title}</Link> };
}

/** The side menu: 一张图, the business modules, then 系统管理 for admins. Keys are route paths. */
export function menuItems(isAdmin: boolean): MenuItem[] {
  const items = [linkItem('/map', '一张图', GlobalOutlined), ...MODULES.map((m) => linkItem(m.path, m.title, m.icon))];
  if (isAdmin) {
    items.push({
      key: ADMIN_MENU_KEY,
      icon: <SettingOutlined />,
      label: '系统管理',
      children: ADMIN_PAGES.map((p) => linkItem(p.path, p.title, p.icon)),
    });
  }
  return items;
}
