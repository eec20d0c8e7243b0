import type { LoginBody, Me, Role } from '@geoshare/shared';
import { createContext, useContext } from 'react';

export interface Session {
  /** `loading` until GET /api/auth/me has answered once */
  status: 'loading' | 'ready';
  me: Me | null;
  csrfToken: string | null;
  login: (credentials: LoginBody) => Promise<Me>;
  logout: () => Promise<void>;
  hasRole: (role: Role) => boolean;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}
