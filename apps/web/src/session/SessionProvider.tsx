import type { LoginBody, Role, SessionInfo } from '@geoshare/shared';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { isAbort, onAuthRequired, setCsrfToken } from '../api/client';
import { authApi } from './auth.api';
import { type Session, SessionContext } from './session-context';

type SessionState = Pick<Session, 'status' | 'me' | 'csrfToken'>;

/** Holds who is signed in: asks GET /api/auth/me once, and drops the session on any 401 AUTH_REQUIRED. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading', me: null, csrfToken: null });

  const apply = useCallback((info: SessionInfo | null) => {
    setCsrfToken(info?.csrfToken ?? null);
    setState({ status: 'ready', me: info?.user ?? null, csrfToken: info?.csrfToken ?? null });
  }, []);

  useEffect(() => {
    const ctl = new AbortController();
    authApi.me(ctl.signal).then(apply, (err: unknown) => {
      if (!isAbort(err)) apply(null);
    });
    return () => ctl.abort();
  }, [apply]);

  // Any request finding the session gone signs the user out; <RequireAuth> then redirects to /login.
  useEffect(() => onAuthRequired(() => apply(null)), [apply]);

  const login = useCallback(
    async (credentials: LoginBody) => {
      const info = await authApi.login(credentials);
      apply(info);
      return info.user;
    },
    [apply],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      apply(null);
    }
  }, [apply]);

  const session = useMemo<Session>(
    () => ({ ...state, login, logout, hasRole: (role: Role) => state.me?.roles.includes(role) ?? false }),
    [state, login, logout],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}
