import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditVerifyResult } from '@geoshare/shared';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useNotifyError } from '../../api/useNotifyError';
import { auditApi } from './audit.api';

function verifyText(r: AuditVerifyResult): string {
  return r.ok
    ? `审计链完整，共校验 ${r.checked} 条`
    : `审计链在第 #${r.firstBrokenId ?? '?'} 条处被篡改：${r.reason ?? ''}`;
}

/** 「校验审计链」: recomputes the SM3 hash chain on the server (ZS-25, BX-21, MNR-16). */
export function VerifyButton({ onResult }: { onResult: (result: AuditVerifyResult) => void }) {
  const notifyError = useNotifyError();
  const [running, setRunning] = useState(false);
  const verify = () => {
    setRunning(true);
    auditApi
      .verify()
      .then(onResult, notifyError)
      .finally(() => setRunning(false));
  };
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={running} onClick={verify} data-testid="audit-verify">
      校验审计链
    </Button>
  );
}

export function VerifyResultAlert({ result }: { result: AuditVerifyResult }) {
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      title={verifyText(result)}
      className="page-alert"
      data-testid="audit-verify-result"
    />
  );
}
