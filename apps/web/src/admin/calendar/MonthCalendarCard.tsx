import type { CalendarDay } from '@geoshare/shared';
import { Calendar, Card, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { isoDate } from '../../common/format';

const isWeekend = (d: Dayjs) => d.day() === 0 || d.day() === 6;

/** A day worth marking: 休 for a day off on a weekday (holiday), 班 for a working weekend day (调休). */
function DayMark({ date, day }: { date: Dayjs; day: CalendarDay | undefined }) {
  if (!day || day.working === !isWeekend(date)) return null;
  return (
    <Typography.Text type="secondary" className="day-mark" title={day.reason}>
      <Tag color={day.working ? 'blue' : 'red'}>{day.working ? '班' : '休'}</Tag>
      {day.reason}
    </Typography.Text>
  );
}

/** The month view of the official calendar with holidays and make-up working days marked. */
export function MonthCalendarCard({ days, onMonthChange }: { days: CalendarDay[]; onMonthChange: (m: Dayjs) => void }) {
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  return (
    <Card title="月历" size="small" data-testid="calendar-month">
      <Calendar
        cellRender={(date, info) => info.type === 'date' && <DayMark date={date} day={byDate.get(isoDate(date))} />}
        onPanelChange={(date) => onMonthChange(date.startOf('month'))}
      />
    </Card>
  );
}
