import type { ApiTokenView, TokenScope } from '@geoshare/shared';

export const SCOPE_LABELS: Record<TokenScope, string> = {
  stac: 'STAC 检索',
  tiles: '瓦片服务',
  downloads: '数据下载',
};

export type TokenStatus = 'active' | 'expired' | 'revoked';

export const STATUS_TAGS: Record<TokenStatus, { label: string; color: string }> = {
  active: { label: '有效', color: 'green' },
  expired: { label: '已过期', color: 'default' },
  revoked: { label: '已撤销', color: 'red' },
};

/** Whether a token is still accepted at `now`. */
export function tokenStatus(token: Pick<ApiTokenView, 'expiresAt' | 'revokedAt'>, now: Date): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt) <= now) return 'expired';
  return 'active';
}
