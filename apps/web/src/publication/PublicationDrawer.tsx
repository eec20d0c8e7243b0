import { DownloadOutlined } from '@ant-design/icons';
import {
  PUBLICATION_KIND_LABELS,
  type PublicationEvent,
  type PublicationReview,
  type PublicationState,
  type WorkflowEvent,
} from '@geoshare/shared';
import { Button, Descriptions, List, Typography } from 'antd';
import { useState } from 'react';
import { useNotifyError } from '../api/useNotifyError';
import { chinaDateTime } from '../applications/application-format';
import { SecrecyTag } from '../catalogue/tags';
import { CaseDrawer, type EventButton, useOpenedCase } from '../common/CaseDrawer';
import { saveDownload } from '../common/download';
import { formatBytes } from '../common/format';
import { type HistoryStep, WorkflowHistory } from '../common/WorkflowHistory';
import { PublicationDecisionModal } from './PublicationDecisionModal';
import { publicationApi } from './publication.api';
import { DeadlineText, PublicationStateTag } from './publication-tags';

const EVENT_BUTTONS: Record<PublicationEvent, EventButton> = {
  approve: { label: '审核通过', primary: true },
  requestChanges: { label: '退回修改' },
  reject: { label: '不予通过', danger: true },
  resubmit: { label: '修改后重新提交', primary: true },
};

const STEP_TITLES: Record<string, string> = {
  'publication.submit': '提交发布申请',
  'publication.approve': '审核通过',
  'publication.reject': '不予通过',
  'publication.requestChanges': '退回修改',
  'publication.resubmit': '重新提交',
};

function describe(e: WorkflowEvent): HistoryStep {
  const s = (e.summary ?? {}) as { to?: PublicationState; number?: string; note?: string | null; dueDate?: string };
  const detail = [s.number ? `审核意见编号 ${s.number}` : null, s.note, s.dueDate ? `答复期限 ${s.dueDate}` : null]
    .filter(Boolean)
    .join('；');
  return {
    title: STEP_TITLES[e.action] ?? e.action,
    detail,
    colour: s.to === 'approved' ? 'green' : s.to === 'rejected' ? 'red' : s.to === 'changesRequested' ? 'gray' : 'blue',
  };
}

interface PublicationDrawerProps {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
  /** 修改后重新提交 opens the form with the request */
  onResubmit: (review: PublicationReview) => void;
}

/** One request: what, where, the cited sources, the files, the decision and its history; the caller's actions. */
export function PublicationDrawer({ id, onClose, onChanged, onResubmit }: PublicationDrawerProps) {
  const notifyError = useNotifyError();
  const opened = useOpenedCase(id, publicationApi.get);
  const [decision, setDecision] = useState<Exclude<PublicationEvent, 'resubmit'> | null>(null);

  const act = (e: PublicationEvent) => {
    if (e !== 'resubmit') setDecision(e);
    else if (opened.shown) onResubmit(opened.shown);
  };

  return (
    <CaseDrawer
      title="发布审核详情"
      open={id !== null}
      onClose={onClose}
      size={640}
      testId="publication"
      opened={opened}
      buttons={EVENT_BUTTONS}
      onEvent={act}
    >
      {(r) => (
        <>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'title', label: '成果名称', children: r.title },
              { key: 'state', label: '状态', children: <PublicationStateTag state={r.state} /> },
              ...(r.number
                ? [{ key: 'number', label: '审核意见编号', children: <span className="mono">{r.number}</span> }]
                : []),
              { key: 'kind', label: '发布方式', children: PUBLICATION_KIND_LABELS[r.kind] },
              { key: 'medium', label: '发布载体 / 渠道', children: r.medium },
              { key: 'planned', label: '计划发布日期', children: r.plannedDate },
              { key: 'applicant', label: '申请单位', children: `${r.orgName}（${r.applicantName}）` },
              { key: 'submitted', label: '提交时间', children: chinaDateTime(r.submittedAt) },
              ...(r.state === 'submitted'
                ? [{ key: 'due', label: '答复期限', children: <DeadlineText review={r} /> }]
                : []),
              { key: 'description', label: '内容说明', children: r.description },
              { key: 'citation', label: '数据来源标注', children: r.citation },
              {
                key: 'secrecy',
                label: '保密审查',
                children: r.secrecyReviewConfirmed
                  ? `已确认${r.secrecyReviewNote ? `：${r.secrecyReviewNote}` : ''}`
                  : r.classified
                    ? '未确认'
                    : '不涉及（引用数据均非涉密）',
              },
              ...(r.decisionNote
                ? [
                    {
                      key: 'decision',
                      label: r.state === 'approved' ? '审核意见' : '审核理由',
                      children: `${r.decisionNote}（${r.decidedByName}，${chinaDateTime(r.decidedAt)}）`,
                    },
                  ]
                : []),
            ]}
          />
          <List
            header={<Typography.Text strong>引用数据</Typography.Text>}
            size="small"
            dataSource={r.sources}
            renderItem={(s) => (
              <List.Item>
                <span>
                  {s.title} <span className="mono">{s.catalogueNo}</span> <SecrecyTag secrecy={s.secrecy} />
                </span>
                <Typography.Text type="secondary">{s.custodianName ?? ''}</Typography.Text>
              </List.Item>
            )}
            data-testid="publication-detail-sources"
          />
          <List
            header={<Typography.Text strong>拟发布的地图或影像</Typography.Text>}
            size="small"
            dataSource={r.attachments}
            renderItem={(a) => (
              <List.Item
                actions={[
                  <Button
                    key="download"
                    size="small"
                    icon={<DownloadOutlined />}
                    onClick={() => saveDownload(publicationApi.attachmentPath(r.id, a.id), a.name).catch(notifyError)}
                    data-testid="publication-attachment-download"
                  >
                    下载
                  </Button>,
                ]}
              >
                {a.name} <Typography.Text type="secondary">{formatBytes(a.size)}</Typography.Text>
              </List.Item>
            )}
            data-testid="publication-detail-attachments"
          />
          <WorkflowHistory events={r.history} describe={describe} testId="publication-history" />
          <PublicationDecisionModal
            key={decision ?? 'none'}
            review={r}
            decision={decision}
            onClose={() => setDecision(null)}
            onDone={() => {
              opened.reload();
              onChanged();
            }}
          />
        </>
      )}
    </CaseDrawer>
  );
}
