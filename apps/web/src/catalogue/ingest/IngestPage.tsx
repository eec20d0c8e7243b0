import '../catalogue.css';
import { InboxOutlined } from '@ant-design/icons';
import type { Secrecy, SharingType } from '@geoshare/shared';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { useApiData } from '../../api/useApiData';
import { useNotifyError } from '../../api/useNotifyError';
import { PageContainer } from '../../layout/PageContainer';
import { catalogueApi, type IngestResult, loadCollections } from '../catalogue.api';
import { SECRECY_OPTIONS, SHARING_TYPE_OPTIONS } from '../options';

/** 「不指定（待定密）」 is the empty value: the server then registers the entry as 待定密. */
const UNSPECIFIED = '';

interface IngestValues {
  collectionId: string;
  secrecy: Exclude<Secrecy, 'undetermined'> | typeof UNSPECIFIED;
  sharingType?: SharingType;
  publish: boolean;
  gcj02: boolean;
  crs?: string;
}

/** Stating 待定密 explicitly is 「不指定」. */
const INGEST_SECRECY_OPTIONS = [
  { value: UNSPECIFIED, label: '不指定（待定密）' },
  ...SECRECY_OPTIONS.filter((o) => o.value !== 'undetermined'),
];
const ACCEPT = '.tif,.tiff,.xml,.geojson,.json,.zip';

/** The form and the chosen files as one multipart body: the fields first, then every file under `files`. */
function formDataOf(v: IngestValues, files: UploadFile[]): FormData {
  const data = new FormData();
  data.append('collectionId', v.collectionId);
  if (v.secrecy) data.append('secrecy', v.secrecy);
  if (v.sharingType) data.append('sharingType', v.sharingType);
  data.append('publish', String(v.publish && v.secrecy !== UNSPECIFIED));
  if (v.gcj02) data.append('gcj02', 'true');
  if (v.crs?.trim()) data.append('crs', v.crs.trim());
  for (const f of files) if (f.originFileObj) data.append('files', f.originFileObj, f.name);
  return data;
}

const COLUMNS: TableColumnsType<IngestResult> = [
  { title: '文件', dataIndex: 'file', render: (file: string) => <span className="mono">{file}</span> },
  {
    title: '结果',
    key: 'ok',
    width: 80,
    render: (_, r) => (r.ok ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>),
  },
  { title: '统一编号', key: 'no', render: (_, r) => (r.ok ? <span className="mono">{r.catalogueNo}</span> : '—') },
  {
    title: '说明',
    key: 'detail',
    render: (_, r) =>
      r.ok
        ? r.warnings.map((w) => (
            <Tag key={w} color="orange" className="ingest-warning">
              {w}
            </Tag>
          ))
        : r.message,
  },
];

/** 数据入库 (MNR-9, BX-19): GeoTIFF (with GF sidecar XML) and GeoJSON files into a collection, in one upload. */
export function IngestPage() {
  const notifyError = useNotifyError();
  const [form] = Form.useForm<IngestValues>();
  const { data: collections = [] } = useApiData(loadCollections);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [results, setResults] = useState<IngestResult[] | null>(null);
  const [sending, setSending] = useState(false);
  const secrecy = Form.useWatch('secrecy', form);

  const submit = async (v: IngestValues) => {
    setSending(true);
    try {
      const answer = await catalogueApi.ingest(formDataOf(v, files));
      setResults(answer.results);
      setFiles([]);
    } catch (err) {
      notifyError(err);
    } finally {
      setSending(false);
    }
  };

  const succeeded = results?.filter((r) => r.ok).length ?? 0;
  const failed = (results?.length ?? 0) - succeeded;

  return (
    <PageContainer title="数据入库">
      <Card>
        <Form<IngestValues>
          form={form}
          layout="vertical"
          initialValues={{ secrecy: UNSPECIFIED, publish: false, gcj02: false }}
          onFinish={submit}
          onValuesChange={(changed: Partial<IngestValues>) => {
            if (changed.secrecy === UNSPECIFIED) form.setFieldValue('publish', false);
          }}
          className="ingest-form"
        >
          <Form.Item name="collectionId" label="目标数据集" rules={[{ required: true, message: '请选择数据集' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择数据集"
              options={collections.map((c) => ({ value: c.id, label: `${c.title}（${c.id}）` }))}
              data-testid="ingest-collection"
            />
          </Form.Item>
          <Form.Item
            name="secrecy"
            label="密级"
            extra="不指定密级的条目登记为「待定密」，定密前按涉密数据管理（不提供在线访问），且不能发布。"
          >
            <Select options={INGEST_SECRECY_OPTIONS} data-testid="ingest-secrecy" />
          </Form.Item>
          <Form.Item name="sharingType" label="共享类型" extra="不选则沿用数据集的共享类型">
            <Select
              allowClear
              placeholder="沿用数据集设置"
              options={SHARING_TYPE_OPTIONS}
              data-testid="ingest-sharing-type"
            />
          </Form.Item>
          <Form.Item name="crs" label="影像坐标系" extra="仅用于未给出 EPSG 坐标系的影像，例如 EPSG:4490">
            <Input placeholder="自动识别" className="mono" data-testid="ingest-crs" />
          </Form.Item>
          <Form.Item name="gcj02" valuePropName="checked">
            <Checkbox data-testid="ingest-gcj02">矢量数据为 GCJ-02 坐标（入库时转换为 CGCS2000）</Checkbox>
          </Form.Item>
          <Form.Item name="publish" valuePropName="checked">
            <Checkbox disabled={secrecy === UNSPECIFIED} data-testid="ingest-publish">
              入库后立即发布
            </Checkbox>
          </Form.Item>
          <Form.Item label="文件" required>
            <Upload.Dragger
              multiple
              accept={ACCEPT}
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList)}
              data-testid="ingest-files"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖入文件</p>
              <p className="ant-upload-hint">
                GeoTIFF（.tif/.tiff，高分卫星元数据 .xml
                与影像一同选择）、GeoJSON（.geojson/.json）、.zip；全部文件一次提交
              </p>
            </Upload.Dragger>
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={sending}
            disabled={files.length === 0}
            data-testid="ingest-submit"
          >
            开始入库
          </Button>
        </Form>
      </Card>
      {results && (
        <Card title="入库结果" className="ingest-results">
          <Alert
            type={failed === 0 ? 'success' : succeeded === 0 ? 'error' : 'warning'}
            showIcon
            title={`成功 ${succeeded} 个，失败 ${failed} 个`}
            className="page-alert"
            data-testid="ingest-summary"
          />
          <Table<IngestResult>
            rowKey="file"
            size="small"
            columns={COLUMNS}
            dataSource={results}
            pagination={false}
            data-testid="ingest-results"
          />
        </Card>
      )}
    </PageContainer>
  );
}
