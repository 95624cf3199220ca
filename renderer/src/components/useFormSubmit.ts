/**
 * The one submit sequence of the app's forms: check the values with the
 * contract's schema (checkForm puts each message on its field), then send
 * them to main while the button spins; a refusal from main shows above the
 * form in its own Chinese words. Every form and auth screen submits through
 * this, so they all behave the same way.
 */
import { useState } from 'react';
import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { errorMessage } from '../api/errors';
import { checkForm } from './zodForm';

export interface FormSubmit {
  /** True while `send` runs: for the submit button's `loading` / the modal's `confirmLoading`. */
  busy: boolean;
  /** Messages that belong to no single field, for <FormError messages={errors} />. */
  errors: string[];
  /** To clear the messages when the form is opened or filled anew. */
  setErrors: (errors: string[]) => void;
  /**
   * Check `values` with `schema`; if they pass, run `send` with the parsed
   * data. Nothing is sent when the check fails. An error thrown by `send`
   * becomes the form's message; `onError`, if given, may then tidy the form
   * (the login screen empties the password).
   */
  submit<S extends z.ZodType>(
    schema: S,
    values: unknown,
    send: (data: z.output<S>) => Promise<void>,
    onError?: (error: unknown) => void,
  ): Promise<void>;
}

export function useFormSubmit(form: FormInstance): FormSubmit {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const submit: FormSubmit['submit'] = async (schema, values, send, onError) => {
    const checked = checkForm(form, schema, values);
    setErrors(checked.ok ? [] : checked.otherErrors);
    if (!checked.ok) return;
    setBusy(true);
    try {
      await send(checked.data);
    } catch (e) {
      setErrors([errorMessage(e)]);
      onError?.(e);
    } finally {
      setBusy(false);
    }
  };

  return { busy, errors, setErrors, submit };
}
