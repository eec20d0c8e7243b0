import { Col, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { useApiData } from '../../api/useApiData';
import { isoDate } from '../../common/format';
import { PageContainer } from '../../layout/PageContainer';
import { calendarApi } from './calendar.api';
import { DeadlineCard } from './DeadlineCard';
import { MonthCalendarCard } from './MonthCalendarCard';
import { OverridesCard } from './OverridesCard';
import { YearsCard } from './YearsCard';

const loadYears = (signal: AbortSignal) => calendarApi.years(signal).then((r) => r.items);

/** The six weeks an antd month panel shows. */
function visibleRange(month: Dayjs): [string, string] {
  const first = month.startOf('month').startOf('week');
  return [isoDate(first), isoDate(first.add(41, 'day'))];
}

/** 工作日历 (YQ-22): published and confirmed years, admin overrides, a month view and the deadline calculator. */
export function CalendarPage() {
  const [year, setYear] = useState(() => dayjs().year());
  const [month, setMonth] = useState(() => dayjs().startOf('month'));

  const years = useApiData(loadYears);
  const loadOverrides = useCallback(
    (signal: AbortSignal) => calendarApi.overrides(year, signal).then((r) => r.items),
    [year],
  );
  const overrides = useApiData(loadOverrides);
  const loadDays = useCallback(
    (signal: AbortSignal) => calendarApi.days(...visibleRange(month), signal).then((r) => r.items),
    [month],
  );
  const days = useApiData(loadDays);

  const refresh = () => {
    years.reload();
    overrides.reload();
    days.reload();
  };

  return (
    <PageContainer title="工作日历">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <YearsCard
            years={years.data ?? []}
            loading={years.loading}
            selected={year}
            onSelect={setYear}
            onConfirmed={refresh}
          />
        </Col>
        <Col xs={24} xl={14}>
          <OverridesCard year={year} overrides={overrides.data ?? []} loading={overrides.loading} onChanged={refresh} />
        </Col>
        <Col xs={24} xl={10}>
          <DeadlineCard />
        </Col>
        <Col xs={24} xl={14}>
          <MonthCalendarCard days={days.data ?? []} onMonthChange={setMonth} />
        </Col>
      </Row>
    </PageContainer>
  );
}
