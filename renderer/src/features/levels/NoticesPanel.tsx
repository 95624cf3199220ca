/**
 * 通知: those this office sent down and those it received from above (notice.list); a street or district sends a
 * new one (notice.send), which goes with its next package to each office below.
 */
import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { noticeInput } from '../../../../shared/contract/levels';
import { invoke } from '../../api/client';
import { useQuery } from '../../api/queries';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useFormSubmit } from '../../components/useFormSubmit';
import { todayDate } from '../../format';
import { zhCN } from '../../i18n/zh-CN';

const t = zhCN.levels;

export function NoticesPanel({ canSend }: { canSend: boolean }) {
  const list = useQuery('notice.list', {});
  const [sending, setSending] = useState(false);
  return (
    <div className="panel" data-testid="notices">
      <div className="levels-toolbar">
        <h3>{t.notices}</h3>
        {canSend && <Button onClick={() => setSending(true)} data-testid="notice-open">{t.noticeSend}</Button>}
      </div>
      {list.data?.length === 0 && <div className="muted">{t.noticesEmpty}</div>}
      {list.data?.map((n) => (
        <div key={n.id} className="levels-notice" data-testid="notice">
          <div><span className="strong">{n.title}</span><span className="muted">　{n.from} · {n.sentOn}</span></div>
          <div className="levels-notice-body">{n.body}</div>
        </div>
      ))}
      {sending && <NoticeModal onClose={() => setSending(false)} />}
    </div>
  );
}

function NoticeModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm();
  const { busy, errors, submit } = useFormSubmit(form);
  const save = () => submit(noticeInput, form.getFieldsValue(true), async (data) => {
    await invoke('notice.send', data);
    onClose();
  });
  return (
    <FormModal open title={t.noticeSend} width={620} onCancel={onClose} errors={errors} errorsTestId="notice-errors"
      save={{ busy, onSave: save, testId: 'notice-save', label: t.noticeSend }}>
      <p className="muted">{t.noticeHelp}</p>
      <Form form={form} layout="vertical" className="compact-form" initialValues={{ sentOn: todayDate() }}>
        <Form.Item name="title" label={t.noticeTitle} required><Input maxLength={100} data-testid="notice-title" /></Form.Item>
        <Form.Item name="sentOn" label={t.noticeSentOn} required><DateField /></Form.Item>
        <Form.Item name="body" label={t.noticeBody} required><Input.TextArea rows={6} maxLength={5000} data-testid="notice-body" /></Form.Item>
      </Form>
    </FormModal>
  );
}
