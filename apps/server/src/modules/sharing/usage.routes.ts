import { IsoDate } from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { requireRoles } from '../../platform/http/request-context.js';

/** GET /api/usage/stats?from=2026-11-01&to=2026-11-30&groupBy=org — online use by department, collection, item or month (MNR-16). */
export async function usageRoutes(app: App): Promise<void> {
  app.get(
    '/api/usage/stats',
    {
      schema: {
        tags: ['使用统计'],
        querystring: Type.Object({
          from: IsoDate,
          to: IsoDate,
          groupBy: Type.Union(
            [Type.Literal('org'), Type.Literal('collection'), Type.Literal('item'), Type.Literal('month')],
            { default: 'org' },
          ),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                key: Type.String(),
                kind: Type.String(),
                count: Type.Integer(),
                bytes: Type.Integer(),
                users: Type.Integer(),
              }),
            ),
          }),
        },
      },
      preHandler: requireRoles('admin', 'custodian', 'leader', 'catalogueManager'),
    },
    async (req) => ({ items: await app.services.usage.stats(req.query) }),
  );
}
