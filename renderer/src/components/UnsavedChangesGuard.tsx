/**
 * The question of unsavedChanges.ts on screen: Ant Design's confirm in the
 * app's own style, 留在本页 focused so that Enter keeps the text; and closing
 * or reloading the window while text is unsaved (beforeunload: the browser's
 * own dialog; in the desktop app main/electron asks in Chinese). Mounted once,
 * in the app frame.
 */
import { useEffect } from 'react';
import { App as AntApp } from 'antd';
import { zhCN } from '../i18n/zh-CN';
import { discardSentence, hasUnsavedChanges, setDiscardQuestion, type DiscardQuestion } from '../unsavedChanges';

const t = zhCN.unsaved;

export function UnsavedChangesGuard() {
  const { modal } = AntApp.useApp();

  useEffect(() => {
    const ask: DiscardQuestion = (descriptions, kind) =>
      new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t.title,
          content: <span data-testid="unsaved-question">{discardSentence(descriptions, kind)}</span>,
          okText: kind === 'leave' ? t.leave : t.discard,
          cancelText: kind === 'leave' ? t.stay : t.keepEditing,
          autoFocusButton: 'cancel',
          okButtonProps: { danger: true, 'data-testid': 'unsaved-leave' },
          cancelButtonProps: { 'data-testid': 'unsaved-stay' },
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      });
    return setDiscardQuestion(ask);
  }, [modal]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      event.preventDefault();
      // Older Chromium (and Electron's will-prevent-unload) look at returnValue.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  return null;
}
