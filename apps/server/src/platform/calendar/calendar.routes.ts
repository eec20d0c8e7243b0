import { CalendarDay, CalendarOverride, CalendarYear, IsoDate } from '@geoshare/shared';
import { Type } from 'typebox';
import type { App } from '../http/app-types.js';
import { requireRoles, requireUser } from '../http/request-context.js';

/** Working-day calendar (YQ-22): read by everyone, changed by admins. */
export async function calendarRoutes(app: App): Promise<void> {
  const { calendar } = app.services;
  const tags = ['工作日历'];

  app.get(
    '/api/calendar/years',
    { schema: { tags, response: { 200: Type.Object({ items: Type.Array(CalendarYear) }) } }, preHandler: requireUser },
    async () => ({
      items: await calendar.years(),
    }),
  );
  app.post(
    '/api/calendar/years/:year/confirm',
    {
      schema: {
        tags,
        params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        response: { 200: CalendarYear },
      },
      preHandler: requireRoles('admin'),
    },
    (req) => calendar.confirmYear(req.ctx, req.params.year),
  );
  app.get(
    '/api/calendar/overrides',
    {
      schema: {
        tags,
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
        response: { 200: Type.Object({ items: Type.Array(CalendarOverride) }) },
      },
      preHandler: requireUser,
    },
    async (req) => ({ items: await calendar.overrides(req.query.year) }),
  );
  app.put(
    '/api/calendar/overrides/:date',
    {
      schema: {
        tags,
        params: Type.Object({ date: IsoDate }),
        body: Type.Object({ working: Type.Boolean(), note: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: CalendarOverride },
      },
      preHandler: requireRoles('admin'),
    },
    (req) => calendar.setOverride(req.ctx, { date: req.params.date, ...req.body }),
  );
  app.delete(
    '/api/calendar/overrides/:date',
    { schema: { tags, params: Type.Object({ date: IsoDate }) }, preHandler: requireRoles('admin') },
    async (req, reply) => {
      await calendar.deleteOverride(req.ctx, req.params.date);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/calendar/days',
    {
      schema: {
        tags,
        querystring: Type.Object({ from: IsoDate, to: IsoDate }),
        response: { 200: Type.Object({ items: Type.Array(CalendarDay) }) },
      },
      preHandler: requireUser,
    },
    async (req) => ({ items: await calendar.days(req.query.from, req.query.to) }),
  );
  /** GET /api/calendar/deadline?from=2026-09-28&days=5 → {"deadline":"2026-10-10"} */
  app.get(
    '/api/calendar/deadline',
    {
      schema: {
        tags,
        querystring: Type.Object({ from: IsoDate, days: Type.Integer({ minimum: 1, maximum: 366 }) }),
        response: { 200: Type.Object({ from: IsoDate, days: Type.Integer(), deadline: IsoDate }) },
      },
      preHandler: requireUser,
    },
    async (req) => ({ ...req.query, deadline: await calendar.addWorkingDays(req.query.from, req.query.days) }),
  );
}
