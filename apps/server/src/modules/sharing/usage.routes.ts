import { IsoDate } from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { requireRoles } from '../../platform/http/request-context.js';
import { contentDisposition } from './download.rules.js';

const StatsQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  groupBy: Type.Union([Type.Literal('org'), Type.Literal('collection'), Type.Literal('item'), Type.Literal('month')], {
    default: 'org',
  }),
});
const statsReaders = requireRoles('admin', 'custodian', 'leader', 'catalogueManager');

/** Online use by department, collection, item or month (MNR-16, BX-21). */
export async function usageRoutes(app: App): Promise<void> {
  const tags = ['使用统计'];

  /**
   * GET /api/usage/stats?from=2026-11-01&to=2026-11-30&groupBy=org — `key` identifies the group, `label` names it
   * (org name, collection title, item title, month).
   */
  app.get(
    '/api/usage/stats',
    {
      schema: {
        tags,
        querystring: StatsQuery,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                key: Type.String(),
                label: Type.String(),
                kind: Type.String(),
                count: Type.Integer(),
                bytes: Type.Integer(),
                users: Type.Integer(),
              }),
            ),
          }),
        },
      },
      preHandler: statsReaders,
    },
    async (req) => ({ items: await app.services.usage.stats(req.query) }),
  );

  /** GET /api/usage/stats.xlsx?from=2026-11-01&to=2026-11-30&groupBy=collection — the same as a workbook */
  app.get(
    '/api/usage/stats.xlsx',
    { schema: { tags, querystring: StatsQuery }, preHandler: statsReaders },
    async (req, reply) => {
      const xlsx = await app.services.usage.workbook(req.query);
      const { from, to } = req.query;
      reply.header(
        'content-disposition',
        contentDisposition(`使用统计_${from}_${to}.xlsx`, `usage-${from}-${to}.xlsx`),
      );
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx);
    },
  );
}
