import { Form, Input, Typography } from 'antd';
import { FormModal } from '../common/FormModal';
import { useSucceeded } from '../common/useSucceeded';
import { applicationsApi } from './applications.api';

/**
 * The ten clauses of 附件4 《遥感影像数据使用保密协议》 (BX-F4), in short: the sealed PDF issued on signing carries the
 * full text.
 */
const CLAUSES = [
  '提供方为市自然资源局，使用方为本单位；“提供的数据”指利用省、市级财政资金获取和加工处理得到的各类遥感影像数据。',
  '使用方按《保守国家秘密法》《测绘法》《测绘成果管理条例》等法律法规管理数据，做好安全保密工作。',
  '使用方是数据的使用者和安全管理者：仅用于申请目的，不得转让、转借，不得用于商业目的或开发其他产品。',
  '委托第三方应用须与其签订保密责任书并督促项目完成后销毁；第三方为境外组织、机构、个人或外商投资企业的，须报自然资源主管部门审批。',
  '存放设施与条件符合保密、消防和档案管理规定，建立数据保密管理制度；涉密数据、涉密载体严禁连入互联网。',
  '经常开展保密教育和检查，使所属人员知悉保密范围和制度，配合主管部门的保密检查。',
  '因使用方原因发生失泄密事件、危害国家安全的，由使用方承担法律责任。',
  '履约争议友好协商解决；协商不成的，可申请仲裁或诉诸法律。',
  '本协议自签订之日起生效，有效期三年。',
  '本协议一式肆份，提供方、使用方各执贰份，具有同等法律效力。',
];

interface AgreementValues {
  userRepresentative: string;
}

interface AgreementSignModalProps {
  open: boolean;
  /** the using unit's name */
  orgName: string;
  /** renewing an expired agreement rather than signing the first one */
  renewal: boolean;
  onClose: () => void;
  onSigned: () => void;
}

/** 签订保密协议: the unit's representative signs 附件4 for three years; the provider seals the issued PDF (ZS-14). */
export function AgreementSignModal({ open, orgName, renewal, onClose, onSigned }: AgreementSignModalProps) {
  const [form] = Form.useForm<AgreementValues>();
  const succeeded = useSucceeded(onSigned, onClose);

  const submit = async (v: AgreementValues) => {
    await applicationsApi.signAgreement(v.userRepresentative.trim());
    succeeded('保密协议已签订');
  };

  return (
    <FormModal<AgreementValues>
      title={renewal ? '续签遥感影像数据使用保密协议' : '签订遥感影像数据使用保密协议'}
      open={open}
      form={form}
      testId="agreement"
      okText="签订"
      okTestId="agreement-sign-submit"
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        使用方：{orgName}。为确保涉密遥感影像数据的安全保密，防止失泄密和非法使用，双方约定：
      </Typography.Paragraph>
      <ol className="agreement-clauses">
        {CLAUSES.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <Form.Item
        name="userRepresentative"
        label="使用方法定（授权）代表人"
        rules={[{ required: true, whitespace: true, max: 50, message: '请输入 50 字以内的法定（授权）代表人姓名' }]}
      >
        <Input data-testid="agreement-representative" />
      </Form.Item>
    </FormModal>
  );
}
