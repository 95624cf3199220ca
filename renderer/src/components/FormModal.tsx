/**
 * The frame of a dialog that saves one form: the title, the form, the errors
 * that belong to no single field below it, and 取消 / the action in the footer
 * (SaveCancel). Closing discards the dialog's content (destroyOnHidden): the
 * form is filled afresh each time it opens; so once something was typed,
 * 取消 / × / Esc ask first (GuardedModal).
 */
import type { ReactNode } from 'react';
import { FormError } from './FormError';
import { GuardedModal } from './GuardedModal';
import { SaveCancel, type SaveCancelProps } from './SaveCancel';

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
  return (
    <GuardedModal
      open={open}
      title={title}
      busy={save.busy}
      onClose={onCancel}
      destroyOnHidden
      width={width}
      footer={(cancel) => <SaveCancel onCancel={cancel} {...save} />}
    >
      {children}
      <div data-testid={errorsTestId}><FormError messages={errors} /></div>
    </GuardedModal>
  );
}
