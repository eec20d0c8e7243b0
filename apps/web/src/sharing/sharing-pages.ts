import { ApiOutlined, LineChartOutlined } from '@ant-design/icons';
import type { Role } from '@geoshare/shared';
import type { ModulePage } from '../modules/module-catalog';
import { TokensPage } from './tokens/TokensPage';
import { UsagePage } from './usage/UsagePage';

/** Who reads the usage statistics (as GET /api/usage/stats allows). */
const USAGE_READERS: readonly Role[] = ['admin', 'custodian', 'leader', 'catalogueManager'];

/** 在线服务, in menu order: drives both its submenu and its routes. 我的令牌 is every signed-in user's. */
export const SHARING_PAGES: ModulePage[] = [
  { path: '/me/tokens', title: '我的令牌', icon: ApiOutlined, Page: TokensPage },
  { path: '/sharing/usage', title: '使用统计', icon: LineChartOutlined, Page: UsagePage, roles: USAGE_READERS },
];
