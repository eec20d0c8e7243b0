import { LoginOutlined } from '@ant-design/icons';
import { Button, Layout } from 'antd';
import { Outlet, useNavigate } from 'react-router-dom';

/** The frame of pages open without login: the platform name and 登录, then the page. */
export function PublicLayout() {
  const navigate = useNavigate();
  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header">
        <span className="app-title">遥感影像统筹共享与监测监管平台</span>
        <Button type="primary" icon={<LoginOutlined />} onClick={() => navigate('/login')} data-testid="public-login">
          登录
        </Button>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
