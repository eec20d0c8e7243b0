import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { ApplicationDocument } from '@geoshare/shared';
import { Space, Table, type TableColumnsType } from 'antd';
import { chinaDateTime, DOCUMENT_KIND_LABELS } from './application-format';
import { documentPdfUrl, documentVerifyUrl } from './applications.api';

/** 下载 PDF and 核验 of one sealed document (ZS-14). */
export function DocumentLinks({ id, kind }: { id: string; kind: string }) {
  return (
    <Space>
      <a href={documentPdfUrl(id)} target="_blank" rel="noreferrer" data-testid={`doc-link-${kind}`}>
        <FilePdfOutlined /> 下载 PDF
      </a>
      <a href={documentVerifyUrl(id)} target="_blank" rel="noreferrer" data-testid={`doc-verify-${kind}`}>
        <SafetyCertificateOutlined /> 核验
      </a>
    </Space>
  );
}

const COLUMNS: TableColumnsType<ApplicationDocument> = [
  { title: '文书', dataIndex: 'kind', width: 170, render: (kind: string) => DOCUMENT_KIND_LABELS[kind] ?? kind },
  { title: '编号', dataIndex: 'number', render: (n: string) => <span className="mono">{n}</span> },
  { title: '出具时间', dataIndex: 'createdAt', width: 160, render: (at: string) => chinaDateTime(at) },
  {
    title: '操作',
    key: 'links',
    width: 200,
    render: (_, d) => <DocumentLinks id={d.id} kind={d.kind} />,
  },
];

/** The sealed forms of the application (附件1–5, ZS-14): download the PDF, or open its public verification page. */
export function DocumentsList({ documents }: { documents: ApplicationDocument[] }) {
  return (
    <Table<ApplicationDocument>
      rowKey="id"
      size="small"
      columns={COLUMNS}
      dataSource={documents}
      pagination={false}
      locale={{ emptyText: '提交申请后出具申请函、申请表和订单，移交时出具移交单' }}
      data-testid="application-documents"
    />
  );
}
