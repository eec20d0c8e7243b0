import type { ConfidentialityAgreement } from '@geoshare/shared';
import { Alert, Button, Descriptions, Spin } from 'antd';
import { useCallback } from 'react';
import { useApiData } from '../api/useApiData';
import { useEditor } from '../common/useEditor';
import { useSession } from '../session/session-context';
import { AgreementSignModal } from './AgreementSignModal';
import { applicationsApi, documentPdfUrl } from './applications.api';

/** The unit's agreement in force, else its latest (expired) one, else null. */
function currentAgreement(all: ConfidentialityAgreement[], orgId: string) {
  const own = all.filter((a) => a.orgId === orgId).sort((a, b) => b.validUntil.localeCompare(a.validUntil));
  return { inForce: own.find((a) => a.inForce) ?? null, latest: own[0] ?? null };
}

/**
 * 保密协议 (附件4, BX-F4): an agreement in force for the unit is reused; none, or an expired one, must be signed
 * (renewed) before the application can be submitted — the server refuses the submission otherwise.
 */
export function AgreementSection() {
  const { me } = useSession();
  const { data, loading, reload } = useApiData(useCallback((s: AbortSignal) => applicationsApi.agreements(s), []));
  const editor = useEditor<null>();
  if (!me) return null;
  if (loading && !data) return <Spin />;
  const { inForce, latest } = currentAgreement(data ?? [], me.orgId);

  const signModal = (
    <AgreementSignModal
      key={editor.key}
      open={editor.isOpen}
      orgName={me.orgName}
      renewal={latest !== null}
      onClose={editor.hide}
      onSigned={reload}
    />
  );
  if (inForce) {
    return (
      <Descriptions size="small" column={3} bordered data-testid="agreement-in-force">
        <Descriptions.Item label="协议编号">
          <span className="mono">{inForce.number}</span>
        </Descriptions.Item>
        <Descriptions.Item label="签订日期">{inForce.signedOn}</Descriptions.Item>
        <Descriptions.Item label="有效期至">{inForce.validUntil}</Descriptions.Item>
        <Descriptions.Item label="使用方代表人">{inForce.userRepresentative}</Descriptions.Item>
        <Descriptions.Item label="协议文本" span={2}>
          {inForce.documentId ? (
            <a href={documentPdfUrl(inForce.documentId)} target="_blank" rel="noreferrer">
              下载 PDF
            </a>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>
    );
  }
  return (
    <>
      <Alert
        type="warning"
        showIcon
        title={
          latest
            ? `本单位的保密协议（${latest.number}）已于 ${latest.validUntil} 到期，须续签后才能提交申请`
            : '本单位尚未签订《遥感影像数据使用保密协议》，须签订后才能提交申请'
        }
        action={
          <Button type="primary" onClick={() => editor.show()} data-testid="agreement-sign-open">
            {latest ? '续签保密协议' : '签订保密协议'}
          </Button>
        }
        data-testid="agreement-missing"
      />
      {signModal}
    </>
  );
}
