import { DownloadQuotaLimits, DownloadQuotaSetting, DownloadQuotaSettings, Uuid } from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.js';
import { requireRoles, userCtx } from '../../platform/http/request-context.js';

/** Daily download quotas per user (issue 4): a default and per-unit overrides, managed by administrators. */
export async function downloadQuotaRoutes(app: App): Promise<void> {
  const { downloadQuotas } = app.services;
  const tags = ['数据下载'];
  const admin = requireRoles('admin');
  const OrgParams = Type.Object({ orgId: Uuid });

  /** GET /api/sharing/download-quotas → {default, overrides: [{orgId, orgName, limitCount, limitBytes, …}]} */
  app.get(
    '/api/sharing/download-quotas',
    { schema: { tags, response: { 200: DownloadQuotaSettings } }, preHandler: admin },
    () => downloadQuotas.list(),
  );

  /** PUT /api/sharing/download-quotas/default {"limitCount":50,"limitBytes":21474836480} → the new default */
  app.put(
    '/api/sharing/download-quotas/default',
    { schema: { tags, body: DownloadQuotaLimits, response: { 200: DownloadQuotaSetting } }, preHandler: admin },
    (req) => downloadQuotas.setDefault(userCtx(req), req.body),
  );

  /** PUT /api/sharing/download-quotas/orgs/{orgId} {"limitCount":3,"limitBytes":1073741824} → the unit's override */
  app.put(
    '/api/sharing/download-quotas/orgs/:orgId',
    {
      schema: { tags, params: OrgParams, body: DownloadQuotaLimits, response: { 200: DownloadQuotaSetting } },
      preHandler: admin,
    },
    (req) => downloadQuotas.setOrg(userCtx(req), req.params.orgId, req.body),
  );

  /** DELETE /api/sharing/download-quotas/orgs/{orgId} → 204; the unit's users fall back to the default */
  app.delete(
    '/api/sharing/download-quotas/orgs/:orgId',
    { schema: { tags, params: OrgParams }, preHandler: admin },
    async (req, reply) => {
      await downloadQuotas.deleteOrg(userCtx(req), req.params.orgId);
      return reply.status(204).send();
    },
  );
}
