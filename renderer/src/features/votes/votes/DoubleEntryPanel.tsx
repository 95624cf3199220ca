/**
 * 双人录入核对 on the vote's page (votes with double entry): how many subjects
 * still differ between the two clerks' entries (or were entered by one clerk
 * only), each with its code, addresses and problems as main words them, and
 * per row 以第一遍为准 / 以第二遍为准 with a written reason (`ballot.settle`).
 * The list is asked for again whenever the page's live tally is (`tick`).
 * While any remain, main refuses to close the vote: said here.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Modal, Space, Spin } from 'antd';
import { settleInput } from '../../../../../shared/contract/votes';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { errorMessage, refusalMessages } from '../../../api/errors';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { voteFieldLabel, type VoteDetail } from './voteShared';

const t = zhCN.votes;
/** Rows listed at most: a vote whose second pass has not started differs everywhere. */
const SHOWN = 200;

type DifferenceRow = MethodOutput<'vote.differences'>[number];
type Keep = 'first' | 'second';

export function DoubleEntryPanel({ vote, tick, onSettled }: { vote: VoteDetail; tick: number; onSettled: () => void }) {
  const [rows, setRows] = useState<DifferenceRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [settling, setSettling] = useState<{ row: DifferenceRow; keep: Keep } | null>(null);
  const seq = useRef(0);

  const load = async () => {
    const mine = ++seq.current;
    try {
      const next = await invoke('vote.differences', { id: vote.id });
      if (mine === seq.current) { setRows(next); setError(null); }
    } catch (e) {
      if (mine === seq.current) setError(e);
    }
  };
  useEffect(() => {
    void load();
    return () => { seq.current++; };
  }, [vote.id, tick]);

  const open = vote.status === 'open';
  const count = rows?.length ?? vote.differences;
  const shown = rows?.slice(0, SHOWN) ?? [];

  return (
    <section className="panel vote-de-panel" data-testid="vote-double-entry" data-differences={rows === null ? '' : rows.length}>
      <div className="section-title vote-section-title">
        <h3 className="section-heading">{t.deTitle}</h3>
        <span className={`vote-de-count${count > 0 ? ' is-open' : ''}`}>
          {t.deCount}<strong className="num" data-testid="vote-de-count">{formatCount(count)}</strong>{t.deCountUnit}
        </span>
      </div>
      {(open || count > 0) && <p className="vote-de-intro">{t.deIntro}</p>}
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} />}
      {rows === null && error === null && <Spin />}
      {rows !== null && rows.length === 0 && (
        <Alert type="success" showIcon title={open ? t.deNone : t.deClosed} data-testid="vote-de-none" />
      )}
      {rows !== null && rows.length > 0 && (
        <>
          {open && <Alert type="warning" showIcon className="vote-de-blocks" title={t.deBlocksClose(rows.length)} data-testid="vote-de-blocks-close" />}
          <table className="vote-view-table vote-de-table" data-testid="vote-de-table">
            <thead>
              <tr><th>{t.deColCode}</th><th>{t.deColAddresses}</th><th>{t.deColProblems}</th>{open && <th>{t.deColSettle}</th>}</tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.subjectId} data-testid="vote-de-row" data-code={row.code} data-subject-id={row.subjectId}>
                  <td className="nowrap num strong">{row.code}</td>
                  <td>{row.addresses}</td>
                  <td>
                    <ul className="vote-de-problems">
                      {row.problems.map((p) => <li key={p} data-testid="vote-de-problem">{p}</li>)}
                    </ul>
                  </td>
                  {open && (
                    <td className="nowrap">
                      <Space size={4}>
                        <Button size="small" onClick={() => setSettling({ row, keep: 'first' })} data-testid="vote-de-keep-first">{t.deKeepFirst}</Button>
                        <Button size="small" onClick={() => setSettling({ row, keep: 'second' })} data-testid="vote-de-keep-second">{t.deKeepSecond}</Button>
                      </Space>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > SHOWN && <div className="muted vote-de-more">{t.deShown(SHOWN, rows.length)}</div>}
        </>
      )}
      <SettleModal
        voteId={vote.id}
        target={settling}
        onClose={() => setSettling(null)}
        onDone={() => {
          setSettling(null);
          void load();
          onSettled();
        }}
      />
    </section>
  );
}

function SettleModal({ voteId, target, onClose, onDone }: {
  voteId: string;
  target: { row: DifferenceRow; keep: Keep } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  useEffect(() => {
    if (!target) return;
    setErrors([]);
    form.resetFields();
  }, [target]);

  const save = () => {
    if (!target) return Promise.resolve();
    const input = { voteId, subjectId: target.row.subjectId, keep: target.keep, reason: form.getFieldValue('reason') ?? '' };
    return submit(settleInput, input, async (data) => {
      await invoke('ballot.settle', data).catch((e: unknown) => { throw new Error(refusalMessages(e, voteFieldLabel).join('；')); });
      message.success(`${t.deSettled}：${target.row.code} ${target.row.addresses}`);
      onDone();
    });
  };

  return (
    <Modal
      open={target !== null}
      title={target ? t.deSettleTitle(target.keep, target.row.code, target.row.addresses) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{zhCN.common.cancel}</Button>
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="vote-de-settle-save">
            {target?.keep === 'second' ? t.deKeepSecond : t.deKeepFirst}
          </Button>
        </Space>
      }
    >
      {target && (
        <div data-testid="vote-de-settle" data-keep={target.keep}>
          <p className="vote-modal-help">{t.deSettleHelp[target.keep]}</p>
          <ul className="vote-de-problems vote-de-settle-problems">
            {target.row.problems.map((p) => <li key={p}>{p}</li>)}
          </ul>
          <Form form={form} layout="vertical">
            <Form.Item name="reason" label={t.deReason} required>
              <Input.TextArea
                rows={3}
                maxLength={500}
                placeholder={t.deReasonPlaceholder}
                data-testid="vote-de-reason"
                autoFocus
                onChange={() => form.setFields([{ name: 'reason', errors: [] }])}
              />
            </Form.Item>
          </Form>
          <div data-testid="vote-de-settle-errors"><FormError messages={errors} /></div>
        </div>
      )}
    </Modal>
  );
}
