import { CloudServerOutlined, GlobalOutlined, SafetyCertificateOutlined, SettingOutlined } from '@ant-design/icons';
import type { Role } from '@geoshare/shared';
import type { MenuProps } from 'antd';
import type { ComponentType } from 'react';
import { Link } from 'react-router-dom';
import { ADMIN_PAGES } from '../admin/admin-pages';
import { FEEDBACK_PAGES } from '../feedback/feedback-pages';
import { MODULES, type ModuleInfo, type ModulePage } from '../modules/module-catalog';
import { PUBLICATION_PAGES } from '../publication/publication-pages';
import { SHARING_PAGES } from '../sharing/sharing-pages';

type MenuItem = Required<MenuProps>['items'][number];

interface MenuGroup {
  key: string;
  title: string;
  icon: ComponentType;
  pages: ModulePage[];
}

const ADMIN_GROUP: MenuGroup = { key: 'admin', title: '系统管理', icon: SettingOutlined, pages: ADMIN_PAGES };
/** Online sharing: personal API tokens (everyone signed in) and usage statistics. */
const ONLINE_GROUP: MenuGroup = { key: 'online', title: '在线服务', icon: CloudServerOutlined, pages: SHARING_PAGES };
/** Use of results: problem feedback (MNR-19) and publication review (BX-18); every signed-in user. */
const RESULT_USE_GROUP: MenuGroup = {
  key: 'result-use',
  title: '成果使用',
  icon: SafetyCertificateOutlined,
  pages: [...FEEDBACK_PAGES, ...PUBLICATION_PAGES],
};

/** A built module's submenu (null while the module is only introduced). */
const moduleGroup = (m: ModuleInfo): MenuGroup | null =>
  m.pages ? { key: `module:${m.path}`, title: m.title, icon: m.icon, pages: m.pages } : null;

function linkItem(path: string, title: string, Icon: ComponentType): MenuItem {
  return { key: path, icon: <Icon />, label: <Link to={path}>{title}</Link> };
}

/** Whether a user with these roles may open `page`. */
const mayOpen = (page: ModulePage, hasRole: (role: Role) => boolean): boolean =>
  !page.roles || page.roles.some(hasRole);

/**
 * The side menu: 一张图, the business modules (a built one as a submenu of the pages the user may open), then
 * 系统管理 when the user may open any of it. Keys of entries are route paths.
 */
export function menuItems(hasRole: (role: Role) => boolean): MenuItem[] {
  const groupItem = ({ key, title, icon: Icon, pages }: MenuGroup): MenuItem[] => {
    const shown = pages.filter((p) => mayOpen(p, hasRole));
    if (shown.length === 0) return [];
    return [{ key, icon: <Icon />, label: title, children: shown.map((p) => linkItem(p.path, p.title, p.icon)) }];
  };
  return [
    linkItem('/map', '一张图', GlobalOutlined),
    ...MODULES.flatMap((m) => {
      const group = moduleGroup(m);
      return group ? groupItem(group) : [linkItem(m.path, m.title, m.icon)];
    }),
    ...groupItem(ONLINE_GROUP),
    ...groupItem(RESULT_USE_GROUP),
    ...groupItem(ADMIN_GROUP),
  ];
}

/** The submenu holding the page at `pathname`, to open it on arrival. */
export function groupKeyOf(pathname: string): string | undefined {
  const groups = [...MODULES.map(moduleGroup), ONLINE_GROUP, RESULT_USE_GROUP, ADMIN_GROUP];
  return groups.find((g) => g?.pages.some((p) => p.path === pathname))?.key;
}
