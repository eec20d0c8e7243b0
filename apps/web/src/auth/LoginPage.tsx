import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody } from '@geoshare/shared';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { errorMessage } from '../api/client';
import type { LoginRedirectState } from '../session/RequireAuth';
import { useSession } from '../session/session-context';

/** 登录: on success back to the page the user came from, else 一张图. */
export function LoginPage() {
  const { me, login } = useSession();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const target = (location.state as LoginRedirectState | null)?.from ?? '/map';

  if (me) return <Navigate to={target} replace />;

  const submit = async (values: LoginBody) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values); // re-rendered with `me` set, the page navigates to `target`
    } catch (err) {
      setError(errorMessage(err));
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <Card className="login-card">
        <Typography.Title level={3} className="login-title">
          GeoShare
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="login-subtitle">
          遥感影像统筹共享与监测监管平台
        </Typography.Paragraph>
        <Form<LoginBody> layout="vertical" size="large" onFinish={submit} onValuesChange={() => setError(null)}>
          <Form.Item name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input
              prefix={<UserOutlined />}
              placeholder="用户名"
              autoComplete="username"
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              prefix={<LockOutlined />}
              placeholder="密码"
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} className="login-error" data-testid="login-error" />}
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            登录
          </Button>
        </Form>
        <div className="login-public">
          <Link to="/public/catalogue" data-testid="login-public-catalogue">
            公开目录（免登录）
          </Link>
        </div>
      </Card>
    </div>
  );
}
