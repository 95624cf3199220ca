import type { ReactNode } from 'react';
import { Button, Form, type FormInstance } from 'antd';
import type { z } from 'zod';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { isOffline } from '../../../api/connection';
import { AuthCard } from './AuthCard';

interface Props<S extends z.ZodType> {
  title: string;
  intro?: ReactNode;
  testId: string;
  initialValues: Record<string, string>;
  /** Checks the whole form (field messages go on the fields). */
  schema: S;
  /** Sends the checked data to main; an error it throws shows above the button. */
  send: (data: z.output<S>) => Promise<void>;
  /** After a refusal from main, e.g. to empty the password — not when main could not be reached: what was typed stays. */
  onError?: (form: FormInstance) => void;
  submitText: string;
  /** The link under the button to the other screen (forgot password / back to login). */
  link?: { text: string; onClick: () => void };
  /** The form's fields. */
  children: ReactNode;
  /** A wider card (the unlock screen's intro names a file). */
  wide?: boolean;
  /** Below the card (AuthCard's footer). */
  footer?: ReactNode;
}

/**
 * The form of the login, first-start and recovery screens: fields in an
 * AuthCard, checked and sent through useFormSubmit, with the error list, the
 * submit button and the optional link below. The screens differ only in
 * fields, schema and what they send, so the frame is written once here.
 */
export function AuthForm<S extends z.ZodType>({ title, intro, testId, initialValues, schema, send, onError, submitText, link, children, wide, footer }: Props<S>) {
  const [form] = Form.useForm();
  const { busy, errors, submit } = useFormSubmit(form);
  const onFinish = () => submit(schema, form.getFieldsValue(), send, onError && ((e) => { if (!isOffline(e)) onError(form); }));

  return (
    <AuthCard title={title} intro={intro} wide={wide} footer={footer}>
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} data-testid={testId} initialValues={initialValues}>
        {children}
        <FormError messages={errors} />
        <Button type="primary" htmlType="submit" block loading={busy}>{submitText}</Button>
        {link && (
          <div className="auth-links">
            <Button type="link" onClick={link.onClick}>{link.text}</Button>
          </div>
        )}
      </Form>
    </AuthCard>
  );
}
