import type { CalendarDay, CalendarOverride, CalendarYear } from '@geoshare/shared';
import { api } from '../../api/client';

export const calendarApi = {
  years: (signal: AbortSignal) => api.get<{ items: CalendarYear[] }>('/api/calendar/years', undefined, signal),
  confirmYear: (year: number) => api.post<CalendarYear>(`/api/calendar/years/${year}/confirm`),
  overrides: (year: number, signal: AbortSignal) =>
    api.get<{ items: CalendarOverride[] }>('/api/calendar/overrides', { year }, signal),
  setOverride: ({ date, working, note }: CalendarOverride) =>
    api.put<CalendarOverride>(`/api/calendar/overrides/${date}`, { working, note }),
  deleteOverride: (date: string) => api.delete(`/api/calendar/overrides/${date}`),
  /** every day of [from, to] (at most 400 days) with whether it is a working day and why */
  days: (from: string, to: string, signal: AbortSignal) =>
    api.get<{ items: CalendarDay[] }>('/api/calendar/days', { from, to }, signal),
  deadline: (from: string, days: number) =>
    api.get<{ from: string; days: number; deadline: string }>('/api/calendar/deadline', { from, days }),
};
