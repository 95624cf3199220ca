/**
 * 双人录入核对 on the vote's page (votes with double entry): the subjects in
 * three filters with their counts — 不一致 (both passes, and they differ; or
 * only the second pass), 缺第二遍 (only the first pass), 已核对 (the passes
 * agree, as entered or as settled) — one page of rows at a time from main
 * (`vote.settlement`). A difference is settled per row with a written reason
 * (以第一遍为准 / 以第二遍为准, `ballot.settle`); a subject entered in one pass
 * only has nothing to settle: 去录第二遍 (or 去录第一遍) opens the entry screen
 * in that pass with the subject looked up. Agreeing passes need no
 * confirmation (checked when the second is saved), so there is no bulk step:
 * the 已核对 filter says so. Asked again whenever the page's live tally is
 * (`tick`). While any differ or miss a pass, main refuses to close the vote.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Pagination, Radio, Space, Spin, Tag } from 'antd';
import { settleInput, type SETTLEMENT_STATES } from '../../../../../shared/contract/votes';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { errorMessage, refusalMessages } from '../../../api/errors';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { voteFieldLabel, type VoteDetail } from './voteShared';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.votes;
/** Rows per page: a vote whose second pass has not started misses it everywhere. */
const PAGE = 200;

type Settlement = MethodOutput<'vote.settlement'>;
type SettlementRow = Settlement['rows'][number];
type State = (typeof SETTLEMENT_STATES)[number];
type Keep = 'first' | 'second';
const STATES: State[] = ['differ', 'missing', 'agreed'];

export function DoubleEntryPanel({ vote, tick, onSettled }: { vote: VoteDetail; tick: number; onSettled: () => void }) {
  const can = useCan();
  const [state, setState] = useState<State>('differ');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ state: State; result: Settlement } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [settling, setSettling] = useState<{ row: SettlementRow; keep: Keep } | null>(null);
  const seq = useRef(0);

  const load = async () => {
    const mine = ++seq.current;
    try {
      const result = await invoke('vote.settlement', { id: vote.id, state, offset: (page - 1) * PAGE, limit: PAGE });
      if (mine === seq.current) { setData({ state, result }); setError(null); }
    } catch (e) {
      if (mine === seq.current) setError(e);
    }
  };
  useEffect(() => {
    void load();
    return () => { seq.current++; };
  }, [vote.id, tick, state, page]);

  const open = vote.status === 'open';
  const counts = data?.result.counts ?? null;
  const blocking = counts ? counts.differ + counts.missing : vote.differences;
  const rows = data && data.state === state ? data.result.rows : null;
  const enter = (pass: Keep, code?: string) => navigate({ name: 'ballotEntry', communityId: vote.communityId, voteId: vote.id, pass, code });

  return (
    <section className="panel vote-de-panel" data-testid="vote-double-entry" data-differences={counts === null ? '' : blocking} data-state={state}>
      <div className="section-title vote-section-title">
        <h3 className="section-heading">{t.deTitle}</h3>
        <span className={`vote-de-count${blocking > 0 ? ' is-open' : ''}`}>
          {t.deCount}<strong className="num" data-testid="vote-de-count">{formatCount(blocking)}</strong>{t.deCountUnit}
        </span>
      </div>
      {(open || blocking > 0) && <p className="vote-de-intro">{t.deIntro}</p>}
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} />}
      {counts === null && error === null && <Spin />}
      {counts !== null && (
        <>
          {open && blocking > 0 && <Alert type="warning" showIcon className="vote-de-blocks" title={t.deBlocksClose(counts.differ, counts.missing)} data-testid="vote-de-blocks-close" />}
          {blocking === 0 && <Alert type="success" showIcon className="vote-de-blocks" title={open ? t.deNone : t.deClosed} data-testid="vote-de-none" />}
          <div className="vote-de-toolbar">
            <Radio.Group
              value={state}
              optionType="button"
              onChange={(e) => { setState(e.target.value as State); setPage(1); }}
            >
              {STATES.map((s) => (
                <Radio.Button key={s} value={s}>
                  <span data-testid={`vote-de-filter-${s}`} data-count={counts[s]}>
                    {t.deFilters[s]}<span className={`vote-de-filter-count num is-${s}${counts[s] > 0 ? ' has-rows' : ''}`}>{formatCount(counts[s])}</span>
                  </span>
                </Radio.Button>
              ))}
            </Radio.Group>
            {open && state === 'missing' && counts.missing > 0 && can('votes.write') && (
              <Button type="primary" onClick={() => enter('second')} data-testid="vote-de-enter-second">{t.deEnterSecondAll}</Button>
            )}
          </div>
          <div className="vote-de-filter-help muted" data-testid="vote-de-filter-help">{t.deFilterHelp[state]}</div>
          {rows === null && <Spin />}
          {rows !== null && rows.length === 0 && <div className="vote-de-empty muted" data-testid="vote-de-empty">{t.deEmpty[state]}</div>}
          {rows !== null && rows.length > 0 && (
            <table className="vote-view-table vote-de-table" data-testid="vote-de-table">
              <thead>
                <tr>
                  <th>{t.deColCode}</th><th>{t.deColAddresses}</th>
                  <th>{state === 'agreed' ? t.deColResult : t.deColProblems}</th>
                  {open && state !== 'agreed' && <th>{t.deColSettle}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.subjectId} data-testid="vote-de-row" data-code={row.code} data-subject-id={row.subjectId} data-state={row.state} data-entered={row.entered}>
                    <td className="nowrap num strong">{row.code}</td>
                    <td>{row.addresses}</td>
                    <td>
                      {row.state === 'agreed' ? (
                        <Tag color={row.settled ? 'blue' : 'green'} data-testid="vote-de-agreed">{row.settled ? t.deSettledAs[row.settled] : t.deAgreed}</Tag>
                      ) : (
                        <ul className="vote-de-problems">
                          {row.problems.map((p) => <li key={p} data-testid="vote-de-problem">{p}</li>)}
                        </ul>
                      )}
                    </td>
                    {open && state !== 'agreed' && (
                      <td className="nowrap">
                        {row.entered === 'both' ? (
                          <Space size={4}>
                            {can('votes.write') && <Button size="small" onClick={() => setSettling({ row, keep: 'first' })} data-testid="vote-de-keep-first">{t.deKeepFirst}</Button>}
                            {can('votes.write') && <Button size="small" onClick={() => setSettling({ row, keep: 'second' })} data-testid="vote-de-keep-second">{t.deKeepSecond}</Button>}
                          </Space>
                        ) : (
                          // One pass only: nothing to choose between; the missing pass is entered from the paper ballot.
                          <Button
                            size="small"
                            type="primary"
                            ghost
                            onClick={() => enter(row.entered === 'first' ? 'second' : 'first', row.code)}
                            data-testid={row.entered === 'first' ? 'vote-de-go-second' : 'vote-de-go-first'}
                          >
                            {row.entered === 'first' ? t.deGoSecond : t.deGoFirst}
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data && data.state === state && data.result.total > PAGE && (
            <Pagination
              className="vote-de-pages"
              size="small"
              current={page}
              pageSize={PAGE}
              total={data.result.total}
              showSizeChanger={false}
              showTotal={(total) => t.deTotal(total)}
              onChange={setPage}
            />
          )}
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
  target: { row: SettlementRow; keep: Keep } | null;
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
    <GuardedModal
      open={target !== null}
      busy={busy}
      title={target ? t.deSettleTitle(target.keep, target.row.code, target.row.addresses) : ''}
      onClose={onClose}
      destroyOnHidden
      footer={(cancel) => (
        <Space>
          <Button onClick={cancel}>{zhCN.common.cancel}</Button>
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="vote-de-settle-save">
            {target?.keep === 'second' ? t.deKeepSecond : t.deKeepFirst}
          </Button>
        </Space>
      )}
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
    </GuardedModal>
  );
}
