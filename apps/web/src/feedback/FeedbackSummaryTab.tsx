import { FileExcelOutlined } from '@ant-design/icons';
import {
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_STATE_LABELS,
  type Feedback,
  type FeedbackCategory,
  type FeedbackState,
  type FeedbackSummary,
} from '@geoshare/shared';
import { Button, Card, DatePicker, Flex, Statistic, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { useApiData } from '../api/useApiData';
import { useNotifyError } from '../api/useNotifyError';
import { saveDownload } from '../common/download';
import { isoDate } from '../common/format';
import { FEEDBACK_SUMMARY_XLSX, feedbackApi } from './feedback.api';
import { feedbackColumns } from './feedback-tags';

type Cell = FeedbackSummary['cells'][number];
type TopItem = FeedbackSummary['topItems'][number];

const CELL_COLUMNS: TableColumnsType<Cell> = [
  { title: '数据集', dataIndex: 'collectionTitle' },
  { title: '问题类型', dataIndex: 'category', render: (c: FeedbackCategory) => FEEDBACK_CATEGORY_LABELS[c] },
  { title: '状态', dataIndex: 'state', render: (s: FeedbackState) => FEEDBACK_STATE_LABELS[s] },
  { title: '数量', dataIndex: 'count', align: 'right' },
];

const TOP_COLUMNS: TableColumnsType<TopItem> = [
  { title: '统一编号', dataIndex: 'catalogueNo', render: (no: string) => <span className="mono">{no}</span> },
  { title: '数据名称', dataIndex: 'title' },
  { title: '反馈数', dataIndex: 'count', align: 'right' },
  { title: '其中重大', dataIndex: 'majorCount', align: 'right' },
];

/** Last month: the usual period of a summary. */
const lastMonth = (): [Dayjs, Dayjs] => {
  const start = dayjs().subtract(1, 'month').startOf('month');
  return [start, start.endOf('month')];
};

/** 汇总 (MNR-19): counts by collection × category × state, the items reported most, the major problems still open. */
export function FeedbackSummaryTab() {
  const notifyError = useNotifyError();
  const [[from, to], setPeriod] = useState(lastMonth);
  const [exporting, setExporting] = useState(false);
  const load = useCallback(
    (signal: AbortSignal) => feedbackApi.summary(isoDate(from), isoDate(to), signal),
    [from, to],
  );
  const { data: s, loading } = useApiData(load);

  const exportXlsx = () => {
    setExporting(true);
    const query = { from: isoDate(from), to: isoDate(to) };
    saveDownload(FEEDBACK_SUMMARY_XLSX, `问题反馈汇总_${query.from}_${query.to}.xlsx`, query)
      .catch(notifyError)
      .finally(() => setExporting(false));
  };

  return (
    <Flex vertical gap={16}>
      <Flex gap={16} align="center" wrap>
        <DatePicker.RangePicker
          value={[from, to]}
          allowClear={false}
          onChange={(range) => {
            if (range?.[0] && range[1]) setPeriod([range[0], range[1]]);
          }}
          data-testid="feedback-summary-range"
        />
        <Button
          icon={<FileExcelOutlined />}
          loading={exporting}
          onClick={exportXlsx}
          data-testid="feedback-summary-export"
        >
          导出 Excel
        </Button>
        <Statistic title="反馈总数" value={s?.total ?? 0} loading={loading} data-testid="feedback-summary-total" />
      </Flex>
      <Card title="分类统计" size="small">
        <Table<Cell>
          rowKey={(c) => `${c.collectionId}|${c.category}|${c.state}`}
          size="small"
          columns={CELL_COLUMNS}
          dataSource={s?.cells}
          loading={loading}
          pagination={false}
          data-testid="feedback-summary-cells"
        />
      </Card>
      <Card title="问题较多的数据" size="small">
        <Table<TopItem>
          rowKey={(t) => `${t.collectionId}/${t.itemId}`}
          size="small"
          columns={TOP_COLUMNS}
          dataSource={s?.topItems}
          loading={loading}
          pagination={false}
          data-testid="feedback-summary-top"
        />
      </Card>
      <Card title="重大未结问题" size="small">
        <Table<Feedback>
          rowKey="id"
          size="small"
          columns={feedbackColumns}
          dataSource={s?.majorOpen}
          loading={loading}
          pagination={false}
          data-testid="feedback-summary-major"
        />
      </Card>
    </Flex>
  );
}
