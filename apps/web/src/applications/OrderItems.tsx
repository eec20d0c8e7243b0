import { DeleteOutlined } from '@ant-design/icons';
import type { Secrecy, SharingType } from '@geoshare/shared';
import { Alert, Button, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback } from 'react';
import { isAbort } from '../api/client';
import { useApiData } from '../api/useApiData';
import { type BasketEntry, basket } from '../catalogue/basket';
import { SecrecyTag, SharingTypeTag } from '../catalogue/tags';
import { chinaDate } from './application-format';
import { applicationsApi } from './applications.api';

/** A basket entry as the catalogue has it now (its sharing type or basis may have changed since it was picked). */
export interface OrderLine {
  key: string;
  entry: BasketEntry;
  title: string;
  datetime: string | null;
  gsd: number | null;
  secrecy: Secrecy;
  sharingType: SharingType;
  /** why it cannot be ordered (不予共享 with its basis, or gone), null when it can */
  blocked: string | null;
}

/** ZS-12/ZS-21: 不予共享 cannot be ordered; the basis is shown and negotiation or escalation is the way. */
const NOT_SHARED_HINT = '如确有需要，请与提供方协商或报请上级协调';

async function lineOf(entry: BasketEntry, signal: AbortSignal): Promise<OrderLine> {
  const key = `${entry.collection}/${entry.id}`;
  try {
    const p = (await applicationsApi.item(entry.collection, entry.id, signal)).properties;
    const sharingType = p['geoshare:sharing_type'];
    return {
      key,
      entry,
      title: p.title,
      datetime: p.datetime,
      gsd: p.gsd ?? null,
      secrecy: p['geoshare:secrecy'],
      sharingType,
      blocked:
        sharingType === 'none'
          ? `不予共享（依据：${p['geoshare:sharing_basis'] ?? '未注明'}）；${NOT_SHARED_HINT}`
          : null,
    };
  } catch (err) {
    if (isAbort(err)) throw err;
    return {
      key,
      entry,
      title: entry.title,
      datetime: null,
      gsd: null,
      secrecy: entry.secrecy,
      sharingType: entry.sharingType,
      blocked: '该数据已不在目录中或无权查看，请移出申请篮',
    };
  }
}

/** The basket's entries checked against the catalogue. */
export function useOrderLines(entries: BasketEntry[]) {
  const load = useCallback((signal: AbortSignal) => Promise.all(entries.map((e) => lineOf(e, signal))), [entries]);
  return useApiData(load);
}

const COLUMNS: TableColumnsType<OrderLine> = [
  {
    title: '数据名称',
    dataIndex: 'title',
    render: (title: string, l) => (
      <>
        <div className={l.blocked ? 'basket-line-blocked' : undefined}>{title}</div>
        <Typography.Text type="secondary" className="mono">
          {l.entry.catalogueNo}
        </Typography.Text>
      </>
    ),
  },
  { title: '成像时间', dataIndex: 'datetime', width: 110, render: (d: string | null) => chinaDate(d) },
  { title: '分辨率', dataIndex: 'gsd', width: 90, render: (gsd: number | null) => (gsd === null ? '—' : `${gsd} 米`) },
  { title: '密级', dataIndex: 'secrecy', width: 90, render: (s: Secrecy) => <SecrecyTag secrecy={s} /> },
  {
    title: '共享类型',
    dataIndex: 'sharingType',
    width: 110,
    render: (t: SharingType) => <SharingTypeTag sharingType={t} />,
  },
  {
    title: '办理方式',
    key: 'path',
    render: (_, l) =>
      l.blocked ? (
        <Typography.Text type="danger" data-testid={`order-blocked-${l.entry.id}`}>
          {l.blocked}
        </Typography.Text>
      ) : l.sharingType === 'conditional' ? (
        '提供方审核，5 个工作日内答复'
      ) : (
        '无需审核'
      ),
  },
  {
    title: '',
    key: 'remove',
    width: 50,
    render: (_, l) => (
      <Button
        type="text"
        danger
        icon={<DeleteOutlined />}
        onClick={() => basket.remove(l.entry)}
        aria-label="移出申请篮"
        data-testid="order-remove"
      />
    ),
  },
];

/** 订单 (附件3) 数据详情: the ordered scenes with secrecy and sharing type; blocked ones flagged with their reason. */
export function OrderItems({ lines, loading }: { lines: OrderLine[]; loading: boolean }) {
  const conditional = lines.filter((l) => !l.blocked && l.sharingType === 'conditional').length;
  const classified = lines.filter((l) => !l.blocked && l.secrecy !== 'public').length;
  const blocked = lines.filter((l) => l.blocked).length;
  return (
    <>
      <Alert
        type={blocked > 0 ? 'error' : 'info'}
        showIcon
        className="page-alert"
        title={
          blocked > 0
            ? `订单中有 ${blocked} 项数据不能申请，请移出后再提交`
            : `订单共 ${lines.length} 景（幅）数据` +
              (conditional > 0 ? `，其中有条件共享 ${conditional} 项需提供方在 5 个工作日内审核` : '，均无需审核') +
              (classified > 0 ? `；涉密 ${classified} 项，须由经办人持身份证线下领取` : '')
        }
        data-testid="order-summary"
      />
      <Table<OrderLine>
        rowKey="key"
        size="small"
        columns={COLUMNS}
        dataSource={lines}
        loading={loading}
        pagination={false}
        data-testid="order-items"
      />
    </>
  );
}
