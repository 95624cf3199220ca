/**
 * A dialog that holds typed text: the one frame for "nothing typed is lost"
 * (useDialogGuard). Its × , Esc, a click beside it and antd's own 取消 all
 * close through the guard, so once a text field inside was typed in they ask
 * 放弃修改 / 继续填写 first, and while it is open with typed text leaving the
 * page asks too. A dialog with its own 取消 gets the guarded close as the
 * argument of `footer` (or of `children`, when the buttons are in the body).
 * `busy` is the dialog's running save: a save that succeeds closes the dialog
 * (or moves on to the new record's page) without a question.
 */
import type { ReactNode } from 'react';
import { Modal, type ModalProps } from 'antd';
import { useDialogGuard } from './useDialogGuard';

/** Content that may need the guarded close: its 取消 button. */
type WithCancel = ReactNode | ((cancel: () => void) => ReactNode);

export interface GuardedModalProps extends Omit<ModalProps, 'open' | 'onCancel' | 'footer' | 'children'> {
  open: boolean;
  /** A save is running: closing does not ask, and the dialog does not count as unsaved. */
  busy: boolean;
  /** Really close (after the question, if one was asked). */
  onClose: () => void;
  /** Left out: antd's 确定 / 取消 (okText, onOk …), whose 取消 is guarded too; null: none. */
  footer?: WithCancel | null;
  children: WithCancel;
}

export function GuardedModal({ open, busy, onClose, footer, children, ...modal }: GuardedModalProps) {
  const guard = useDialogGuard(open, busy);
  const cancel = () => guard.close(onClose);
  const withCancel = (node: WithCancel) => (typeof node === 'function' ? node(cancel) : node);
  return (
    <Modal {...modal} open={open} onCancel={cancel} footer={footer === undefined || footer === null ? footer : withCancel(footer)}>
      <div onInput={guard.onTyped}>{withCancel(children)}</div>
    </Modal>
  );
}
