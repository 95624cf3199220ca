/**
 * The frame of a dialog that saves one form: the title, the form, the errors
 * that belong to no single field below it, and 取消 / the action in the footer
 * (SaveCancel). Closing discards the dialog's content (destroyOnHidden): the
 * form is filled afresh each time it opens; so once something was typed,
 * 取消 / × / Esc ask first (useDialogGuard).
 */
import type { ReactNode } from 'react';
import { Modal } from 'antd';
import { FormError } from './FormError';
import { SaveCancel, type SaveCancelProps } from './SaveCancel';
import { useDialogGuard } from './useDialogGuard';

interface FormModalProps {
  open: boolean;
  title: ReactNode;
  width: number;
  /** The footer: the action's name, its test id, busy while main works. */
  save: Omit<SaveCancelProps, 'onCancel'>;
  onCancel: () => void;
  errors: string[];
  errorsTestId: string;
  children: ReactNode;
}

export function FormModal({ open, title, width, save, onCancel, errors, errorsTestId, children }: FormModalProps) {
  const guard = useDialogGuard(open, save.busy);
  const cancel = () => guard.close(onCancel);
  return (
    <Modal open={open} title={title} onCancel={cancel} destroyOnHidden width={width} footer={<SaveCancel onCancel={cancel} {...save} />}>
      <div onInput={guard.onTyped}>{children}</div>
      <div data-testid={errorsTestId}><FormError messages={errors} /></div>
    </Modal>
  );
}
