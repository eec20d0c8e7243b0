import { Flex, Layout, Menu } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { BasketButton } from '../catalogue/BasketButton';
import { useSession } from '../session/session-context';
import { NotificationBell } from './NotificationBell';
import { groupKeyOf, menuItems } from './nav';
import { UserBar } from './UserBar';

/** The signed-in frame: side menu, header with the request basket and the user, and the routed page. */
export function MainLayout() {
  const { hasRole } = useSession();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const items = useMemo(() => menuItems(hasRole), [hasRole]);
  const openGroup = groupKeyOf(pathname);

  return (
    <Layout className="app-shell">
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208}>
        <div className="app-logo">{collapsed ? 'GS' : 'GeoShare'}</div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={[pathname]}
          defaultOpenKeys={openGroup ? [openGroup] : []}
          data-testid="main-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <span className="app-title">遥感影像统筹共享与监测监管平台</span>
          <Flex align="center" gap={12}>
            <NotificationBell />
            <BasketButton />
            <UserBar />
          </Flex>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
