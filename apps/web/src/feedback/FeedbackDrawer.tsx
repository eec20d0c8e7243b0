import { FEEDBACK_CATEGORY_LABELS, type FeedbackEvent, type FeedbackState, type WorkflowEvent } from '@geoshare/shared';
import { Button, Descriptions, Drawer, Flex, Spin } from 'antd';
import { useCallback, useState } from 'react';
import { useApiData } from '../api/useApiData';
import { chinaDateTime } from '../applications/application-format';
import { type HistoryStep, WorkflowHistory } from '../common/WorkflowHistory';
import { FeedbackActionModal } from './FeedbackActionModal';
import { feedbackApi } from './feedback.api';
import { EscalatedTag, FeedbackStateTag, SeverityTag } from './feedback-tags';

const EVENT_BUTTONS: Record<FeedbackEvent, { label: string; danger?: boolean; primary?: boolean }> = {
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
  const load = useCallback(
    (signal: AbortSignal) => (id ? feedbackApi.get(id, signal) : Promise.resolve(undefined)),
    [id],
  );
  const { data: f, loading, reload } = useApiData(load);
  const [event, setEvent] = useState<FeedbackEvent | null>(null);
  const shown = f && f.id === id ? f : undefined;

  return (
    <Drawer
      title="问题反馈详情"
      open={id !== null}
      onClose={onClose}
      size={560}
      extra={
        shown && (
          <Flex gap={8}>
            {shown.actions.map((a) => (
              <Button
                key={a}
                type={EVENT_BUTTONS[a].primary ? 'primary' : 'default'}
                danger={EVENT_BUTTONS[a].danger}
                onClick={() => setEvent(a)}
                data-testid={`feedback-${a}`}
              >
                {EVENT_BUTTONS[a].label}
              </Button>
            ))}
          </Flex>
        )
      }
      data-testid="feedback-drawer"
    >
      {!shown ? (
        loading && <Spin />
      ) : (
        <>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'item', label: '数据', children: `${shown.itemTitle}（${shown.catalogueNo}）` },
              { key: 'custodian', label: '保管单位', children: shown.custodianName ?? '—' },
              { key: 'category', label: '问题类型', children: FEEDBACK_CATEGORY_LABELS[shown.category] },
              {
                key: 'severity',
                label: '严重程度',
                children: (
                  <>
                    <SeverityTag severity={shown.severity} />
                    {shown.escalated && <EscalatedTag />}
                  </>
                ),
              },
              { key: 'state', label: '状态', children: <FeedbackStateTag state={shown.state} /> },
              { key: 'description', label: '问题描述', children: shown.description },
              {
                key: 'location',
                label: '问题位置',
                children: shown.location
                  ? `经度 ${shown.location.coordinates[0]}，纬度 ${shown.location.coordinates[1]}（CGCS2000）`
                  : '—',
              },
              {
                key: 'reporter',
                label: '反馈人',
                children: `${shown.reporterName}（${shown.reporterOrgName}），${chinaDateTime(shown.createdAt)}`,
              },
              {
                key: 'response',
                label: '保管单位答复',
                children: shown.response
                  ? `${shown.response}（${shown.respondedByName}，${chinaDateTime(shown.respondedAt)}）`
                  : '尚未答复',
              },
              ...(shown.escalated
                ? [
                    {
                      key: 'escalated',
                      label: '上报领导',
                      children: `${shown.escalatedByName}，${chinaDateTime(shown.escalatedAt)}`,
                    },
                  ]
                : []),
              ...(shown.resolution
                ? [
                    {
                      key: 'resolution',
                      label: '处理结果',
                      children: `${shown.resolution}（${shown.resolvedByName}，${chinaDateTime(shown.resolvedAt)}）`,
                    },
                  ]
                : []),
            ]}
          />
          <WorkflowHistory events={shown.history} describe={describe} testId="feedback-history" />
          <FeedbackActionModal
            key={event ?? 'none'}
            feedback={shown}
            event={event}
            onClose={() => setEvent(null)}
            onDone={() => {
              reload();
              onChanged();
            }}
          />
        </>
      )}
    </Drawer>
  );
}
