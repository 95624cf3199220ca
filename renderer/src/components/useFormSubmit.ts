/**
 * The one submit sequence of the app's forms: check the values with the
 * contract's schema (checkForm puts each message on its field), then send
 * them to main while the button spins; a refusal from main goes on the fields
 * it names (placeRefusal) and the rest shows with the form (FormError; below
 * it in every FormModal) in its own Chinese words. Every form and auth screen submits through this, so they all behave
 * the same way.
 */
import { useState } from 'react';
import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { errorMessage } from '../api/errors';
import { checkForm, placeRefusal } from './zodForm';

/** Sending to main with the button spinning and the refusal shown: what every save does. */
export interface Sending {
  /** True while `send` runs: for the submit button's `loading` / the modal's `confirmLoading`. */
  busy: boolean;
  /** Messages that belong to no single field, for <FormError messages={errors} />. */
  errors: string[];
  /** To clear the messages when the form is opened or filled anew, or to show the screen's own checks. */
  setErrors: (errors: string[]) => void;
  /**
   * Clear the messages, run `send`; an error thrown by it becomes the
   * message; `onError`, if given, may then tidy the screen.
   */
  run(send: () => Promise<unknown>, onError?: (error: unknown) => void, messagesOf?: (error: unknown) => string[]): Promise<void>;
}

/** For screens that check their own input (no antd Form): the busy flag and the error messages of a send. */
export function useSending(): Sending {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const run: Sending['run'] = async (send, onError, messagesOf = (e) => [errorMessage(e)]) => {
    setErrors([]);
    setBusy(true);
    try {
      await send();
    } catch (e) {
      setErrors(messagesOf(e));
      onError?.(e);
    } finally {
      setBusy(false);
    }
  };

  return { busy, errors, setErrors, run };
}

export interface FormSubmit extends Omit<Sending, 'run'> {
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
  const { busy, errors, setErrors, run } = useSending();

  const submit: FormSubmit['submit'] = async (schema, values, send, onError) => {
    const checked = checkForm(form, schema, values);
    if (!checked.ok) {
      setErrors(checked.otherErrors);
      return;
    }
    await run(() => send(checked.data), onError, (e) => placeRefusal(form, e) ?? [errorMessage(e)]);
  };

  return { busy, errors, setErrors, submit };
}
