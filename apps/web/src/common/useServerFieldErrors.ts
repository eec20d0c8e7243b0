import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';

export interface FieldError {
  code: string;
  message: string;
}

export interface ServerFieldErrors<F extends string> {
  errors: Partial<Record<F, FieldError>>;
  /** Puts an API error under its form field when its code maps to one; returns whether it did. */
  show: (err: unknown) => boolean;
  /** Spread on a Form.Item: `validateStatus` and `help` while the server's error for that field stands. */
  itemProps: (field: F) => { validateStatus?: 'error'; help?: string };
  /** Form `onValuesChange`: an edited field drops its server error. */
  onValuesChange: (changed: object) => void;
}

/** Server validation errors shown under form fields; `codeToField` must be a module-level constant. */
export function useServerFieldErrors<F extends string>(codeToField: Readonly<Record<string, F>>): ServerFieldErrors<F> {
  const [errors, setErrors] = useState<Partial<Record<F, FieldError>>>({});

  const show = useCallback(
    (err: unknown) => {
      if (!(err instanceof ApiError)) return false;
      const field = codeToField[err.code];
      if (!field) return false;
      setErrors({ [field]: { code: err.code, message: err.message } } as Partial<Record<F, FieldError>>);
      return true;
    },
    [codeToField],
  );

  const itemProps = (field: F) => {
    const error = errors[field];
    return error ? { validateStatus: 'error' as const, help: error.message } : {};
  };

  const onValuesChange = useCallback((changed: object) => {
    setErrors((prev) => {
      const keys = Object.keys(changed).filter((k) => k in prev);
      if (keys.length === 0) return prev;
      const next = { ...prev };
      for (const k of keys) delete next[k as F];
      return next;
    });
  }, []);

  return { errors, show, itemProps, onValuesChange };
}
