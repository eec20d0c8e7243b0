import type { CalendarYear } from '@geoshare/shared';
import { App, Button, Card, Popconfirm, Table, type TableColumnsType, Tag } from 'antd';
import { useNotifyError } from '../../api/useNotifyError';
import { calendarApi } from './calendar.api';

const STATUS_TAGS: Record<CalendarYear['status'], { label: string; color: string }> = {
  published: { label: '已发布', color: 'green' },
  confirmed: { label: '管理员已确认', color: 'blue' },
  unpublished: { label: '未发布', color: 'orange' },
};

interface YearsCardProps {
  years: CalendarYear[];
  loading: boolean;
  selected: number;
  onSelect: (year: number) => void;
  onConfirmed: () => void;
}

/** The calendar years; a year without the State Council arrangement can be confirmed by an admin. */
export function YearsCard({ years, loading, selected, onSelect, onConfirmed }: YearsCardProps) {
  const { message } = App.useApp();
  const notifyError = useNotifyError();

  const confirm = (year: number) =>
    calendarApi.confirmYear(year).then(() => {
      message.success(`${year} 年度已确认`);
      onConfirmed();
    }, notifyError);

  const columns: TableColumnsType<CalendarYear> = [
    { title: '年份', dataIndex: 'year' },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: CalendarYear['status']) => <Tag color={STATUS_TAGS[s].color}>{STATUS_TAGS[s].label}</Tag>,
    },
    { title: '覆盖条数', dataIndex: 'overrides' },
    {
      title: '操作',
      key: 'actions',
      render: (_, y) =>
        y.status === 'unpublished' && (
          <Popconfirm
            title={`确认 ${y.year} 年度工作日历？`}
            description={
              <div className="popconfirm-text">
                该年度的法定节假日安排尚未发布。确认后，该年度的工作日期限将只按周末计算，并叠加管理员设置的调整日。
              </div>
            }
            onConfirm={() => confirm(y.year)}
          >
            <Button
              type="link"
              size="small"
              onClick={(e) => e.stopPropagation()}
              data-testid={`calendar-confirm-${y.year}`}
            >
              确认
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card title="年度" size="small">
      <Table<CalendarYear>
        rowKey="year"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={years}
        loading={loading}
        rowClassName={(y) => (y.year === selected ? 'row-selected' : 'row-clickable')}
        onRow={(y) => ({ onClick: () => onSelect(y.year) })}
        data-testid="calendar-years"
      />
    </Card>
  );
}
