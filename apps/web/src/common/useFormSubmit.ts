import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useNotifyError } from '../api/useNotifyError';

export interface FormSubmit {
  saving: boolean;
  /** validates the form, then runs `onSubmit` with a spinner; failures go to `onFieldError`, else to a message */
  submit: () => Promise<void>;
}

/** The OK button of a form in a modal or drawer. */
export function useFormSubmit<V>(
  form: FormInstance<V>,
  onSubmit: (values: V) => Promise<void>,
  onFieldError?: (err: unknown) => boolean,
): FormSubmit {
  const notifyError = useNotifyError();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values === null) return;
    setSaving(true);
    try {
      await onSubmit(values);
    } catch (err) {
      if (!onFieldError?.(err)) notifyError(err);
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}
