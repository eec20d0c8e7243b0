import type { Role } from '@geoshare/shared';
import { Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from './session-context';

/** Where /login sends the user back to after signing in. */
export interface LoginRedirectState {
  from?: string;
}

/**
 * Renders `children` for a signed-in user (holding any of `roles`, when given); otherwise redirects to /login.
 */
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { status, me, hasRole } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Spin fullscreen description="加载中…" />;
  if (!me) {
    const state: LoginRedirectState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  if (roles && !roles.some(hasRole)) return <Result status="403" title="无权访问" subTitle="当前账号无权访问此页面" />;
  return children;
}
