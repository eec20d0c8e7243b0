import { PlusOutlined } from '@ant-design/icons';
import { ORG_KIND_LABELS, type Org } from '@geoshare/shared';
import { Button, Flex, Input, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useApiData } from '../../api/useApiData';
import { useEditor } from '../../common/useEditor';
import { PageContainer } from '../../layout/PageContainer';
import { OrgFormModal } from './OrgFormModal';
import { loadAllOrgs } from './orgs.api';

function matches(org: Org, text: string): boolean {
  return [org.name, org.shortName, org.creditCode].some((v) => v?.toLowerCase().includes(text));
}

/** 机构管理: every organisation, searchable; create and edit. */
export function OrgsPage() {
  const { data: orgs = [], loading, reload } = useApiData(loadAllOrgs);
  const [search, setSearch] = useState('');
  const editor = useEditor<Org>();

  const nameById = useMemo(() => new Map(orgs.map((o) => [o.id, o.name])), [orgs]);
  const shown = useMemo(() => {
    const text = search.trim().toLowerCase();
    return text ? orgs.filter((o) => matches(o, text)) : orgs;
  }, [orgs, search]);

  const columns: TableColumnsType<Org> = [
    { title: '名称', dataIndex: 'name' },
    { title: '简称', dataIndex: 'shortName', render: (v: string | null) => v ?? '—' },
    { title: '类型', dataIndex: 'kind', render: (kind: Org['kind']) => ORG_KIND_LABELS[kind] },
    {
      title: '统一社会信用代码',
      dataIndex: 'creditCode',
      render: (code: string | null, org) =>
        code ? (
          <Flex gap={8} align="center">
            <span className="mono">{code}</span>
            {org.creditCodeStatus === 'valid' && <Tag color="green">校验通过</Tag>}
            {org.creditCodeStatus === 'override' && <Tag color="orange">历史代码</Tag>}
          </Flex>
        ) : (
          '—'
        ),
    },
    { title: '上级机构', dataIndex: 'parentId', render: (id: string | null) => (id ? (nameById.get(id) ?? id) : '—') },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, org) => (
        <Button type="link" size="small" onClick={() => editor.show(org)} data-testid="org-edit">
          编辑
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      title="机构管理"
      extra={
        <Flex gap={8}>
          <Input.Search
            allowClear
            placeholder="名称、简称或信用代码"
            onSearch={setSearch}
            style={{ width: 260 }}
            data-testid="orgs-search"
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show()} data-testid="org-create">
            新建机构
          </Button>
        </Flex>
      }
    >
      <Table<Org> rowKey="id" columns={columns} dataSource={shown} loading={loading} data-testid="orgs-table" />
      <OrgFormModal
        key={editor.key}
        open={editor.isOpen}
        org={editor.target}
        orgs={orgs}
        onClose={editor.hide}
        onSaved={reload}
      />
    </PageContainer>
  );
}
