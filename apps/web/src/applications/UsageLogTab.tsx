import { PlusOutlined } from '@ant-design/icons';
import { USAGE_LOG_KIND_LABELS, type UsageLogEntry, type UsageLogKind } from '@geoshare/shared';
import { Button, Flex, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback } from 'react';
import { useApiData } from '../api/useApiData';
import { useEditor } from '../common/useEditor';
import { chinaDateTime } from './application-format';
import { applicationsApi } from './applications.api';
import { UsageLogFormModal } from './UsageLogFormModal';

/** The kind-specific facts of an entry, in words. */
function detailsOf(e: UsageLogEntry): string {
  const parts: string[] = [];
  if (e.copies !== undefined) parts.push(`复制 ${e.copies} 份`);
  if (e.thirdPartyName) parts.push(`第三方：${e.thirdPartyName}${e.thirdPartyForeign ? '（境外）' : ''}`);
  if (e.thirdPartyAgreementNo) parts.push(`保密责任书：${e.thirdPartyAgreementNo}`);
  if (e.approvalNo) parts.push(`审批文号：${e.approvalNo}`);
  if (e.witness) parts.push(`监销人：${e.witness}`);
  return parts.join('；') || '—';
}

const COLUMNS: TableColumnsType<UsageLogEntry> = [
  { title: '日期', dataIndex: 'occurredOn', width: 110 },
  {
    title: '类型',
    dataIndex: 'kind',
    width: 110,
    render: (k: UsageLogKind) => <Tag color={k === 'destruction' ? 'red' : 'blue'}>{USAGE_LOG_KIND_LABELS[k]}</Tag>,
  },
  { title: '情况说明', dataIndex: 'description' },
  { title: '登记事项', key: 'details', render: (_, e) => detailsOf(e) },
  { title: '登记人', dataIndex: 'createdByName', width: 100 },
  { title: '登记时间', dataIndex: 'createdAt', width: 150, render: (at: string) => chinaDateTime(at) },
];

interface UsageLogTabProps {
  applicationId: string;
  handedOverAt: string | null;
  /** the holder unit may add entries (action `logUsage`) */
  canLog: boolean;
}

/** 使用登记 (BX-23, MNR-18): the holder's custody, use, copy, delegation and destruction records of the data. */
export function UsageLogTab({ applicationId, handedOverAt, canLog }: UsageLogTabProps) {
  const load = useCallback((signal: AbortSignal) => applicationsApi.usageLog(applicationId, signal), [applicationId]);
  const { data = [], loading, reload } = useApiData(load);
  const editor = useEditor<null>();
  return (
    <>
      {canLog && (
        <Flex justify="end" className="page-header">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show()} data-testid="usage-add">
            登记
          </Button>
        </Flex>
      )}
      <Table<UsageLogEntry>
        rowKey="id"
        size="small"
        columns={COLUMNS}
        dataSource={data}
        loading={loading}
        pagination={false}
        locale={{ emptyText: '尚无使用登记' }}
        data-testid="usage-log"
      />
      <UsageLogFormModal
        key={editor.key}
        open={editor.isOpen}
        applicationId={applicationId}
        handedOverAt={handedOverAt}
        onClose={editor.hide}
        onSaved={reload}
      />
    </>
  );
}
