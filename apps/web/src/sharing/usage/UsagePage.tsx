import { chinaDate } from '@geoshare/shared';
import '../sharing.css';
import { FileExcelOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Segmented, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useApiData } from '../../api/useApiData';
import { useNotifyError } from '../../api/useNotifyError';
import { saveDownload } from '../../common/download';
import { formatBytes, formatNumber, isoDate } from '../../common/format';
import { PageContainer } from '../../layout/PageContainer';
import { sharingApi, USAGE_XLSX_PATH, type UsageGroupBy, type UsageQuery, type UsageRow } from '../sharing.api';
import { barShare, totalsByKind, USAGE_KINDS } from './usage-stats';

const GROUPS: { value: UsageGroupBy; label: string }[] = [
  { value: 'org', label: '单位' },
  { value: 'collection', label: '数据集' },
  { value: 'item', label: '数据项' },
  { value: 'month', label: '月份' },
];

const KIND_OF = Object.fromEntries(USAGE_KINDS.map((k) => [k.kind, k]));

/** This month (China time, as usage is counted): the default period. */
function thisMonth(): [Dayjs, Dayjs] {
  // Usage is counted in China days (UTC+8), whatever the browser's zone.
  const today = dayjs(chinaDate(new Date()));
  return [today.startOf('month'), today.endOf('month')];
}

/**
 * 使用统计 (MNR-16, BX-21): online use recorded automatically — map tiles, downloads, API calls — over a period, by
 * department, collection, item or month, with totals and a bar per row; 导出 Excel gives the same table.
 */
export function UsagePage() {
  const notifyError = useNotifyError();
  const [[from, to], setPeriod] = useState(thisMonth);
  const [groupBy, setGroupBy] = useState<UsageGroupBy>('org');
  const [exporting, setExporting] = useState(false);
  const query = useMemo((): UsageQuery => ({ from: isoDate(from), to: isoDate(to), groupBy }), [from, to, groupBy]);

  const { data: rows = [], loading } = useApiData(
    useCallback((signal: AbortSignal) => sharingApi.usage(query, signal), [query]),
  );
  const totals = useMemo(() => totalsByKind(rows), [rows]);

  const exportXlsx = () => {
    setExporting(true);
    saveDownload(USAGE_XLSX_PATH, `使用统计_${query.from}_${query.to}.xlsx`, { ...query })
      .catch(notifyError)
      .finally(() => setExporting(false));
  };

  const columns: TableColumnsType<UsageRow> = [
    {
      title: GROUPS.find((g) => g.value === groupBy)?.label,
      dataIndex: 'label',
      // Items are told apart by their id as well (titles may repeat).
      render: (label: string, row) =>
        groupBy === 'item' && row.key !== label ? (
          <Flex vertical>
            <span>{label}</span>
            <Typography.Text type="secondary" className="mono">
              {row.key}
            </Typography.Text>
          </Flex>
        ) : (
          label
        ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      render: (kind: UsageRow['kind']) => <Tag color={KIND_OF[kind]?.color}>{KIND_OF[kind]?.label ?? kind}</Tag>,
    },
    {
      title: '次数',
      dataIndex: 'count',
      align: 'right',
      sorter: (a, b) => a.count - b.count,
      render: (n: number) => formatNumber(n),
    },
    {
      title: '数据量',
      dataIndex: 'bytes',
      align: 'right',
      sorter: (a, b) => a.bytes - b.bytes,
      render: (n: number) => formatBytes(n),
    },
    { title: '用户数', dataIndex: 'users', align: 'right' },
    {
      title: '占比（同类型最多者为满）',
      key: 'bar',
      render: (_, row) => (
        <div className="usage-bar-track">
          <div className="usage-bar" style={{ width: `${barShare(row, rows) * 100}%` }} />
        </div>
      ),
    },
  ];

  return (
    <PageContainer
      title="使用统计"
      extra={
        <Flex gap={8} align="center">
          <DatePicker.RangePicker
            allowClear={false}
            value={[from, to]}
            onChange={(range) => {
              const [start, end] = range ?? [];
              if (start && end) setPeriod([start, end]);
            }}
            data-testid="usage-range"
          />
          <Segmented<UsageGroupBy>
            options={GROUPS}
            value={groupBy}
            onChange={setGroupBy}
            data-testid="usage-group-by"
          />
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={exportXlsx} data-testid="usage-export">
            导出 Excel
          </Button>
        </Flex>
      }
    >
      <Flex gap={48} className="usage-totals" data-testid="usage-totals">
        {totals.map((t) => (
          <Statistic
            key={t.kind}
            title={`${KIND_OF[t.kind]?.label}（${formatBytes(t.bytes)}）`}
            value={t.count}
            suffix="次"
          />
        ))}
      </Flex>
      <Table<UsageRow>
        rowKey={(r) => `${r.key}|${r.kind}`}
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        summary={() =>
          rows.length > 0 && (
            <Table.Summary fixed>
              {totals
                .filter((t) => t.count > 0)
                .map((t) => (
                  <Table.Summary.Row key={t.kind}>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>合计</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1}>
                      <Tag color={KIND_OF[t.kind]?.color}>{KIND_OF[t.kind]?.label}</Tag>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      <Typography.Text strong>{formatNumber(t.count)}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      <Typography.Text strong>{formatBytes(t.bytes)}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} colSpan={2} />
                  </Table.Summary.Row>
                ))}
            </Table.Summary>
          )
        }
        data-testid="usage-table"
      />
    </PageContainer>
  );
}
