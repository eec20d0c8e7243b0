import type { ApplicationState, ApplicationSummary } from '@geoshare/shared';
import { Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { chinaDateTime } from './application-format';
import { ClassifiedTag, Deadline, StateTag } from './application-tags';
import './applications.css';

interface ApplicationTableProps {
  rows: ApplicationSummary[];
  loading: boolean;
  /** the provider side sees many units' applications: show which */
  showOrg?: boolean;
  testId: string;
}

/** A list of applications: number (to the detail page), title, state, deadline in working days, item count, 涉密. */
export function ApplicationTable({ rows, loading, showOrg = false, testId }: ApplicationTableProps) {
  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: '申请表编号',
      dataIndex: 'number',
      width: 150,
      render: (number: string | null, a) => (
        <Link to={`/applications/${a.id}`} className="mono" data-testid="application-link">
          {number ?? '草稿'}
        </Link>
      ),
    },
    { title: '申请名称', dataIndex: 'title', ellipsis: true },
    ...(showOrg ? [{ title: '申请单位', dataIndex: 'orgName', width: 180 }] : []),
    {
      title: '状态',
      dataIndex: 'state',
      width: 130,
      render: (state: ApplicationState) => <StateTag state={state} />,
    },
    { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (at: string | null) => chinaDateTime(at) },
    { title: '审核期限', key: 'deadline', width: 250, render: (_, a) => <Deadline summary={a} /> },
    { title: '数据', dataIndex: 'lineCount', width: 70, render: (n: number) => `${n} 项` },
    {
      title: '密级',
      dataIndex: 'classified',
      width: 70,
      render: (classified: boolean) => <ClassifiedTag classified={classified} />,
    },
  ];
  return (
    <Table<ApplicationSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      rowClassName={(a) => (a.overdue ? 'row-overdue' : '')}
      data-testid={testId}
    />
  );
}
