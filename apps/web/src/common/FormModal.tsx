import { Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useFormSubmit } from './useFormSubmit';

interface FormModalProps<V> {
  title: string;
  open: boolean;
  form: FormInstance<V>;
  /** prefix of the test ids: `${testId}-form` on the form, `${testId}-ok` on the OK button */
  testId: string;
  /** the OK button's text (「保存」 unless given) and test id (`${testId}-ok` unless given) */
  okText?: string;
  okTestId?: string;
  initialValues?: Partial<V>;
  /** performs the request; a thrown error goes to `onFieldError`, else to a message */
  onSubmit: (values: V) => Promise<void>;
  /** puts an error under a form field; returns whether it did */
  onFieldError?: (err: unknown) => boolean;
  onValuesChange?: (changed: Partial<V>, all: V) => void;
  onClose: () => void;
  children: ReactNode;
}

/** A modal holding one vertical form: validates, submits with a spinner on OK, and reports failures. */
export function FormModal<V>(props: FormModalProps<V>) {
  const { title, open, form, testId, okText = '保存', okTestId = `${testId}-ok` } = props;
  const { initialValues, onSubmit, onFieldError, onValuesChange, onClose } = props;
  const { saving, submit } = useFormSubmit(form, onSubmit, onFieldError);

  return (
    <Modal
      title={title}
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText={okText}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': okTestId }}
      mask={{ closable: false }}
    >
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={onValuesChange}
        data-testid={`${testId}-form`}
      >
        {props.children}
      </Form>
    </Modal>
  );
}
