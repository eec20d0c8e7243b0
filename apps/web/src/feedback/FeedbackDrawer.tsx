import { FEEDBACK_CATEGORY_LABELS, type FeedbackEvent, type FeedbackState, type WorkflowEvent } from '@geoshare/shared';
import { Descriptions } from 'antd';
import { useState } from 'react';
import { chinaDateTime } from '../applications/application-format';
import { CaseDrawer, type EventButton, useOpenedCase } from '../common/CaseDrawer';
import { type HistoryStep, WorkflowHistory } from '../common/WorkflowHistory';
import { FeedbackActionModal } from './FeedbackActionModal';
import { feedbackApi } from './feedback.api';
import { EscalatedTag, FeedbackStateTag, SeverityTag } from './feedback-tags';

const EVENT_BUTTONS: Record<FeedbackEvent, EventButton> = {
  confirm: { label: '确认问题', primary: true },
  dismiss: { label: '不予采纳', danger: true },
  resolve: { label: '标记已解决', primary: true },
};

const STEP_TITLES: Record<string, string> = {
  'feedback.create': '提交反馈',
  'feedback.confirm': '保管单位确认',
  'feedback.dismiss': '不予采纳',
  'feedback.resolve': '已解决',
};

/** A history step of a report: its answer or resolution, and whether it went to the leaders. */
function describe(e: WorkflowEvent): HistoryStep {
  const s = (e.summary ?? {}) as { to?: FeedbackState; response?: string; resolution?: string; escalate?: boolean };
  const detail = [s.response ?? s.resolution, s.escalate ? '重大问题，已上报领导' : null].filter(Boolean).join('；');
  return {
    title: STEP_TITLES[e.action] ?? e.action,
    detail,
    colour: s.to === 'dismissed' ? 'gray' : s.to === 'resolved' ? 'green' : s.escalate ? 'red' : 'blue',
  };
}

interface FeedbackDrawerProps {
  id: string | null;
  onClose: () => void;
  /** a transition happened: the list reloads */
  onChanged: () => void;
}

/** One report: what, where, who; the custodian's answer; its history; the actions the caller may take now. */
export function FeedbackDrawer({ id, onClose, onChanged }: FeedbackDrawerProps) {
  const opened = useOpenedCase(id, feedbackApi.get);
  const [event, setEvent] = useState<FeedbackEvent | null>(null);

  return (
    <CaseDrawer
      title="问题反馈详情"
      open={id !== null}
      onClose={onClose}
      size={560}
      testId="feedback"
      opened={opened}
      buttons={EVENT_BUTTONS}
      onEvent={setEvent}
    >
      {(f) => (
        <>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'item', label: '数据', children: `${f.itemTitle}（${f.catalogueNo}）` },
              { key: 'custodian', label: '保管单位', children: f.custodianName ?? '—' },
              { key: 'category', label: '问题类型', children: FEEDBACK_CATEGORY_LABELS[f.category] },
              {
                key: 'severity',
                label: '严重程度',
                children: (
                  <>
                    <SeverityTag severity={f.severity} />
                    {f.escalated && <EscalatedTag />}
                  </>
                ),
              },
              { key: 'state', label: '状态', children: <FeedbackStateTag state={f.state} /> },
              { key: 'description', label: '问题描述', children: f.description },
              {
                key: 'location',
                label: '问题位置',
                children: f.location
                  ? `经度 ${f.location.coordinates[0]}，纬度 ${f.location.coordinates[1]}（CGCS2000）`
                  : '—',
              },
              {
                key: 'reporter',
                label: '反馈人',
                children: `${f.reporterName}（${f.reporterOrgName}），${chinaDateTime(f.createdAt)}`,
              },
              {
                key: 'response',
                label: '保管单位答复',
                children: f.response
                  ? `${f.response}（${f.respondedByName}，${chinaDateTime(f.respondedAt)}）`
                  : '尚未答复',
              },
              ...(f.escalated
                ? [
                    {
                      key: 'escalated',
                      label: '上报领导',
                      children: `${f.escalatedByName}，${chinaDateTime(f.escalatedAt)}`,
                    },
                  ]
                : []),
              ...(f.resolution
                ? [
                    {
                      key: 'resolution',
                      label: '处理结果',
                      children: `${f.resolution}（${f.resolvedByName}，${chinaDateTime(f.resolvedAt)}）`,
                    },
                  ]
                : []),
            ]}
          />
          <WorkflowHistory events={f.history} describe={describe} testId="feedback-history" />
          <FeedbackActionModal
            key={event ?? 'none'}
            feedback={f}
            event={event}
            onClose={() => setEvent(null)}
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
