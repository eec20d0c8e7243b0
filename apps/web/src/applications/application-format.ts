import { type ApplicationState, type ApplicationSummary, chinaDateTime as chinaWallClock } from '@geoshare/shared';

/** An instant as China date and time, e.g. 「2026-11-23 10:00」. */
export function chinaDateTime(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  return chinaWallClock(new Date(iso));
}

/** An instant as China calendar date (YYYY-MM-DD). */
export function chinaDate(iso: string | null | undefined, fallback = '—'): string {
  return iso ? chinaDateTime(iso).slice(0, 10) : fallback;
}

/** The review deadline in words (ZS-21, 5 working days): 「剩余 N 个工作日」, 「今日到期」 or 「已逾期 N 个工作日」. */
export function deadlineText(s: Pick<ApplicationSummary, 'workingDaysLeft'>): string | null {
  const left = s.workingDaysLeft;
  if (left === null) return null;
  if (left < 0) return `已逾期 ${-left} 个工作日`;
  if (left === 0) return '今日到期';
  return `剩余 ${left} 个工作日`;
}

export const STATE_COLOURS: Record<ApplicationState, string> = {
  draft: 'default',
  inReview: 'orange',
  approved: 'cyan',
  rejected: 'red',
  preparing: 'blue',
  ready: 'geekblue',
  handedOver: 'green',
  withdrawn: 'default',
};

/** Timeline entries: the machine's events (application.machine.ts) plus `create`. */
export const EVENT_LABELS: Record<string, string> = {
  create: '创建申请',
  submit: '提交申请',
  withdraw: '撤回申请',
  review: '审核',
  prepare: '开始准备数据',
  notifyPickup: '通知领取',
  handOver: '办理移交',
};

/** The sealed forms of BX-22 (附件1–5), by the documents module's `kind`. */
export const DOCUMENT_KIND_LABELS: Record<string, string> = {
  application_letter: '申请函（附件1）',
  application_form: '申请表（附件2）',
  order: '订单（附件3）',
  agreement: '保密协议（附件4）',
  handover: '移交单（附件5）',
};
