import { PlusOutlined } from '@ant-design/icons';
import type { DownloadQuotaSetting } from '@geoshare/shared';
import { Button, Card, Flex, Popconfirm, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { useAct } from '../../api/useAct';
import { useApiData } from '../../api/useApiData';
import { formatBytes, formatDateTime } from '../../common/format';
import { useEditor } from '../../common/useEditor';
import { PageContainer } from '../../layout/PageContainer';
import { loadAllOrgs } from '../orgs/orgs.api';
import { DefaultQuotaCard } from './DefaultQuotaCard';
import { downloadQuotasApi } from './download-quotas.api';
import { OrgQuotaModal } from './OrgQuotaModal';

/**
 * 下载配额 (issue 4): the daily download quota per user — a default, and units with a quota of their own. A change
 * applies from the next download link on, to today's use as well.
 */
export function DownloadQuotasPage() {
  const { data, loading, reload } = useApiData(downloadQuotasApi.list);
  const { data: orgs = [] } = useApiData(loadAllOrgs);
  const editor = useEditor<DownloadQuotaSetting>();
  const act = useAct();

  const overrides = data?.overrides ?? [];
  // A unit has at most one quota: adding offers the units without one.
  const available = useMemo(() => {
    const taken = new Set(overrides.map((o) => o.orgId));
    return orgs.filter((o) => !taken.has(o.id));
  }, [orgs, overrides]);

  const remove = (o: DownloadQuotaSetting) =>
    act(downloadQuotasApi.deleteOrg(o.orgId!), `已删除${o.orgName ?? ''}的单位配额，恢复默认配额`, reload);

  const columns: TableColumnsType<DownloadQuotaSetting> = [
    { title: '单位', dataIndex: 'orgName' },
    { title: '次数/日', dataIndex: 'limitCount', render: (n: number) => `${n} 次` },
    { title: '容量/日', dataIndex: 'limitBytes', render: (b: number) => formatBytes(b) },
    { title: '更新人', dataIndex: 'updatedBy', render: (v: string | null) => v ?? '—' },
    { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, o) => (
        <Flex gap={4}>
          <Button type="link" size="small" onClick={() => editor.show(o)} data-testid="quota-override-edit">
            修改
          </Button>
          <Popconfirm
            title={`删除${o.orgName ?? ''}的单位配额？该单位将恢复使用默认配额。`}
            onConfirm={() => remove(o)}
          >
            <Button type="link" size="small" danger data-testid="quota-override-delete">
              删除
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <PageContainer title="下载配额">
      <Flex vertical gap={16}>
        <DefaultQuotaCard setting={data?.default} onSaved={reload} />
        <Card
          title="单位配额"
          size="small"
          extra={
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => editor.show()}
              disabled={!data}
              data-testid="quota-override-add"
            >
              添加单位配额
            </Button>
          }
        >
          <Typography.Paragraph type="secondary">
            单独设置配额的单位，其每位用户按本单位配额计算，不再使用默认配额。
          </Typography.Paragraph>
          <Table<DownloadQuotaSetting>
            rowKey={(o) => o.orgId ?? 'default'}
            size="small"
            pagination={false}
            columns={columns}
            dataSource={overrides}
            loading={loading}
            locale={{ emptyText: '暂无单位配额，全部用户使用默认配额' }}
            data-testid="quota-overrides"
          />
        </Card>
      </Flex>
      <OrgQuotaModal
        key={editor.key}
        open={editor.isOpen}
        setting={editor.target}
        orgs={available}
        defaults={data?.default}
        onClose={editor.hide}
        onSaved={reload}
      />
    </PageContainer>
  );
}
