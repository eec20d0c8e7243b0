import { AuditEvent, AuditVerifyResult } from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../http/app-types.js';
import { requireRoles } from '../http/request-context.js';

const AuditQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
  action: Type.Optional(Type.String({ maxLength: 50 })),
  objectType: Type.Optional(Type.String({ maxLength: 50 })),
  objectId: Type.Optional(Type.String({ maxLength: 100 })),
});

/** ZS-25 audit trail: browse (newest first) and verify the SM3 chain. Admin only. */
export async function auditRoutes(app: App): Promise<void> {
  const { audit } = app.services;
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['审计'],
        querystring: AuditQuery,
        response: {
          200: Type.Object({ items: Type.Array(AuditEvent), nextBeforeId: Type.Union([Type.Integer(), Type.Null()]) }),
        },
      },
      preHandler: requireRoles('admin'),
    },
    async (req) => {
      const events = await audit.list(req.query);
      const items = events.map(({ prevHash: _prev, ...e }) => ({ ...e, at: e.at.toISOString() }));
      return { items, nextBeforeId: events.length === req.query.limit ? (events.at(-1)?.id ?? null) : null };
    },
  );
  app.post(
    '/api/audit/verify',
    { schema: { tags: ['审计'], response: { 200: AuditVerifyResult } }, preHandler: requireRoles('admin') },
    async () => {
      const r = await audit.verify();
      return r.ok
        ? { ok: true, checked: r.checked, firstBrokenId: null, reason: null }
        : { ok: false, checked: r.checked, firstBrokenId: r.firstBrokenId, reason: r.reason };
    },
  );
}
