import { Alert, Checkbox, Modal, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { useApiData } from '../../api/useApiData';
import { sharingApi } from '../sharing.api';

interface AgreementModalProps {
  collectionId: string;
  collectionTitle: string;
  /** true once signed; false when the user cancels */
  onDone: (signed: boolean) => void;
}

/**
 * 在线成果应用协议 (MNR-16): the current version's paragraphs, 「我已阅读并同意上述协议」, then 签署并继续 signs it for
 * the collection (the server records the time and IP). Failures stay in the dialog, in the server's words.
 */
export function AgreementModal({ collectionId, collectionTitle, onDone }: AgreementModalProps) {
  const { data: text, loading, reload } = useApiData(sharingApi.agreement);
  const [accepted, setAccepted] = useState(false);
  const [signing, setSigning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const sign = () => {
    if (!text) return;
    setSigning(true);
    setFailure(null);
    sharingApi.signAgreement(collectionId, text.version).then(
      () => onDone(true),
      (err: unknown) => {
        setFailure(errorMessage(err));
        setSigning(false);
        // A new version was published meanwhile: show it, to be read and accepted anew.
        if (err instanceof ApiError && err.code === 'SHARING_AGREEMENT_OUTDATED') {
          setAccepted(false);
          reload();
        }
      },
    );
  };

  return (
    <Modal
      open
      title={text?.title ?? '在线成果应用协议'}
      width={680}
      okText="签署并继续"
      cancelText="取消"
      onOk={sign}
      onCancel={() => onDone(false)}
      confirmLoading={signing}
      okButtonProps={{ disabled: !accepted || !text, 'data-testid': 'agreement-sign' }}
      mask={{ closable: false }}
    >
      <div data-testid="agreement-modal">
        <Typography.Paragraph type="secondary">
          首次在线使用数据集「{collectionTitle}」前，请阅读并签署在线成果应用协议
          {text && `（版本 ${text.version}，${dayjs(text.effectiveFrom).format('YYYY-MM-DD')} 起施行）`}
          。签署时间与 IP 地址将被记录。
        </Typography.Paragraph>
        <Spin spinning={loading}>
          <div className="agreement-text">
            {text?.paragraphs.map((p) => (
              <Typography.Paragraph key={p}>{p}</Typography.Paragraph>
            ))}
          </div>
        </Spin>
        <Checkbox
          checked={accepted}
          onChange={(e) => setAccepted(e.target.checked)}
          className="agreement-accept"
          data-testid="agreement-accept"
        >
          我已阅读并同意上述协议
        </Checkbox>
        {failure && <Alert type="error" showIcon title={failure} className="agreement-failure" />}
      </div>
    </Modal>
  );
}
