import { InboxOutlined } from '@ant-design/icons';
import { DOCUMENT_KIND_LABELS, type DocumentVerification, type VerificationReason } from '@geoshare/shared';
import { Alert, Descriptions, Result, Spin, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { errorMessage, isAbort } from '../api/client';
import { formatDateTime } from '../common/format';
import { PageContainer } from '../layout/PageContainer';
import { documentsApi } from './documents.api';

const VALID_TEXT = '印章有效，文件未被篡改';
const INVALID_TEXT = '文件已被篡改或印章无效';

const REASON_DETAIL: Record<VerificationReason, string> = {
  OK: '文件的 SM3 摘要与出具时一致，SM2 电子印章签名校验通过。',
  ALTERED: '文件的 SM3 摘要与出具时的文件不一致：文件内容已被修改，或不是该编号对应的文件。',
  SIGNATURE_INVALID: '存档的 SM2 电子印章签名校验未通过，请联系出具单位核实。',
};

type Loaded = { state: 'loading' } | { state: 'ok'; data: DocumentVerification } | { state: 'error'; message: string };

/**
 * 电子印章核验 (ZS-14), open without login: the QR code on every sealed PDF leads here. Shows what the document is,
 * whether the archived file still verifies, and checks a PDF the visitor holds (it is not stored).
 */
export function VerifyPage() {
  const { id = '' } = useParams();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<{ fileName: string; result: DocumentVerification } | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setLoaded({ state: 'loading' });
    setChecked(null);
    documentsApi.verification(id, ctl.signal).then(
      (data) => setLoaded({ state: 'ok', data }),
      (err: unknown) => {
        if (!isAbort(err)) setLoaded({ state: 'error', message: errorMessage(err) });
      },
    );
    return () => ctl.abort();
  }, [id]);

  const check = (file: File) => {
    setChecking(true);
    setCheckError(null);
    setChecked(null);
    documentsApi
      .verifyFile(id, file)
      .then(
        (result) => setChecked({ fileName: file.name, result }),
        (err: unknown) => setCheckError(errorMessage(err)),
      )
      .finally(() => setChecking(false));
  };

  return (
    <PageContainer title="电子印章核验">
      {loaded.state === 'loading' && <Spin className="page-spin" />}
      {loaded.state === 'error' && (
        <Result status="warning" title="无法核验" subTitle={loaded.message} data-testid="verify-error" />
      )}
      {loaded.state === 'ok' && (
        <div style={{ maxWidth: 760 }}>
          <Alert
            className="page-alert"
            showIcon
            type={loaded.data.valid ? 'success' : 'error'}
            title={`存档文件：${loaded.data.valid ? VALID_TEXT : INVALID_TEXT}`}
            description={REASON_DETAIL[loaded.data.reason]}
            data-testid="verify-stored-verdict"
          />
          <Descriptions
            bordered
            size="small"
            column={1}
            className="page-alert"
            items={[
              {
                key: 'kind',
                label: '文件类型',
                children: DOCUMENT_KIND_LABELS[loaded.data.document.kind] ?? loaded.data.document.kind,
              },
              { key: 'number', label: '文件编号', children: loaded.data.document.number },
              { key: 'org', label: '出具单位', children: loaded.data.document.orgName },
              { key: 'date', label: '出具时间', children: formatDateTime(loaded.data.document.createdAt) },
              {
                key: 'sm3',
                label: 'SM3 摘要',
                children: (
                  <Typography.Text className="mono" copyable style={{ wordBreak: 'break-all' }}>
                    {loaded.data.document.sm3}
                  </Typography.Text>
                ),
              },
              { key: 'id', label: '文件标识', children: <span className="mono">{loaded.data.document.id}</span> },
            ]}
          />
          <Typography.Title level={5}>核验您持有的 PDF 文件</Typography.Title>
          <Upload.Dragger
            accept=".pdf,application/pdf"
            multiple={false}
            showUploadList={false}
            disabled={checking}
            beforeUpload={(file) => {
              check(file);
              return false; // checked here, never uploaded by the component itself
            }}
            data-testid="verify-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入需要核验的 PDF 文件</p>
            <p className="ant-upload-hint">文件仅用于本次核验，不会被保存</p>
          </Upload.Dragger>
          {checking && <Spin style={{ marginTop: 16 }} />}
          {checkError && (
            <Alert
              style={{ marginTop: 16 }}
              type="warning"
              showIcon
              title={checkError}
              data-testid="verify-check-error"
            />
          )}
          {checked && (
            <Alert
              style={{ marginTop: 16 }}
              showIcon
              type={checked.result.valid ? 'success' : 'error'}
              title={checked.result.valid ? VALID_TEXT : INVALID_TEXT}
              description={`${checked.fileName}：${REASON_DETAIL[checked.result.reason]}`}
              data-testid="verify-verdict"
            />
          )}
        </div>
      )}
    </PageContainer>
  );
}
