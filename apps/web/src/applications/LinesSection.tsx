import type { ApplicationLine, ReviewBody, Secrecy, SharingType } from '@geoshare/shared';
import { App, Button, Flex, Form, Input, Radio, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useNotifyError } from '../api/useNotifyError';
import { SecrecyTag, SharingTypeTag } from '../catalogue/tags';
import { formatBytes } from '../common/format';
import { chinaDate } from './application-format';
import { DecisionTag } from './application-tags';
import { applicationsApi } from './applications.api';

interface ReviewValues {
  /** by line id */
  lines: Record<string, { approved?: boolean; reason?: string }>;
  note?: string;
}

const DECISION_OPTIONS = [
  { value: true, label: '同意' },
  { value: false, label: '不同意' },
];

/** The decision of a line, or in review mode the reviewer's per-line choice and reason (MNR-16: rejection says why). */
function decisionColumn(reviewing: boolean): TableColumnsType<ApplicationLine>[number] {
  return {
    title: '审核意见',
    key: 'decision',
    width: reviewing ? 360 : 260,
    render: (_, l) => {
      if (reviewing && l.decision === 'pending') {
        return (
          <>
            <Form.Item
              name={['lines', l.id, 'approved']}
              rules={[{ required: true, type: 'boolean', message: '请选择同意或不同意' }]}
              className="review-item"
            >
              <Radio.Group options={DECISION_OPTIONS} data-testid={`line-decision-${l.itemId}`} />
            </Form.Item>
            <Form.Item noStyle dependencies={[['lines', l.id, 'approved']]}>
              {({ getFieldValue }) => {
                const rejected = getFieldValue(['lines', l.id, 'approved']) === false;
                return (
                  <Form.Item
                    name={['lines', l.id, 'reason']}
                    rules={[
                      { required: rejected, whitespace: true, message: '不同意时必须说明理由' },
                      { max: 500, message: '理由不超过 500 字' },
                    ]}
                    className="review-item"
                  >
                    <Input.TextArea
                      rows={2}
                      placeholder={rejected ? '不同意的理由（必填）' : '意见（可不填）'}
                      data-testid={`line-reason-${l.itemId}`}
                    />
                  </Form.Item>
                );
              }}
            </Form.Item>
          </>
        );
      }
      return (
        <>
          <DecisionTag decision={l.decision} />
          {l.reason && (
            <Typography.Text
              type={l.decision === 'rejected' ? 'danger' : 'secondary'}
              data-testid={`line-reason-text-${l.itemId}`}
            >
              {l.reason}
            </Typography.Text>
          )}
        </>
      );
    },
  };
}

function columnsOf(reviewing: boolean): TableColumnsType<ApplicationLine> {
  return [
    {
      title: '数据名称',
      dataIndex: 'title',
      render: (title: string, l) => (
        <>
          <div>{title}</div>
          <Typography.Text type="secondary" className="mono">
            {l.catalogueNo}
          </Typography.Text>
        </>
      ),
    },
    { title: '成像时间', dataIndex: 'datetime', width: 110, render: (d: string) => chinaDate(d) },
    {
      title: '分辨率',
      dataIndex: 'gsd',
      width: 80,
      render: (gsd: number | null) => (gsd === null ? '—' : `${gsd} 米`),
    },
    { title: '密级', dataIndex: 'secrecy', width: 90, render: (s: Secrecy) => <SecrecyTag secrecy={s} /> },
    {
      title: '共享类型',
      dataIndex: 'sharingType',
      width: 110,
      render: (t: SharingType) => <SharingTypeTag sharingType={t} />,
    },
    {
      title: '数据量',
      dataIndex: 'sizeBytes',
      width: 90,
      render: (b: number | null) => (b === null ? '—' : formatBytes(b)),
    },
    decisionColumn(reviewing),
  ];
}

/** The body of POST …/review: a decision for every pending line. */
function reviewBody(lines: ApplicationLine[], v: ReviewValues): ReviewBody {
  return {
    decisions: lines
      .filter((l) => l.decision === 'pending')
      .map((l) => {
        const d = v.lines[l.id];
        const reason = d?.reason?.trim();
        return { lineId: l.id, approved: d?.approved === true, ...(reason ? { reason } : {}) };
      }),
    ...(v.note?.trim() ? { note: v.note.trim() } : {}),
  };
}

interface LinesSectionProps {
  applicationId: string;
  lines: ApplicationLine[];
  /** the caller may review now (MNR-15: per item, 同意 or 不同意 with a reason) */
  reviewing: boolean;
  onReviewed: () => void;
}

/** The ordered items and their decisions; for a reviewer, the per-item review form (ZS-21). */
export function LinesSection({ applicationId, lines, reviewing, onReviewed }: LinesSectionProps) {
  const [form] = Form.useForm<ReviewValues>();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [saving, setSaving] = useState(false);
  const hasPending = lines.some((l) => l.decision === 'pending');

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values === null) return;
    setSaving(true);
    try {
      await applicationsApi.review(applicationId, reviewBody(lines, values));
      message.success('审核意见已提交');
      onReviewed();
    } catch (err) {
      notifyError(err);
    } finally {
      setSaving(false);
    }
  };

  const table = (
    <Table<ApplicationLine>
      rowKey="id"
      size="small"
      columns={columnsOf(reviewing)}
      dataSource={lines}
      pagination={false}
      data-testid="application-lines"
    />
  );
  if (!reviewing || !hasPending) return table;
  return (
    <Form<ReviewValues> form={form} initialValues={{ lines: {} }} data-testid="review-form">
      {table}
      <Flex gap={8} align="start" className="application-actions">
        <Form.Item name="note" rules={[{ max: 500, message: '审核说明不超过 500 字' }]} style={{ flex: 1 }}>
          <Input.TextArea rows={2} placeholder="审核说明（可不填）" data-testid="review-note" />
        </Form.Item>
        <Button type="primary" onClick={submit} loading={saving} data-testid="review-submit">
          提交审核意见
        </Button>
      </Flex>
    </Form>
  );
}
