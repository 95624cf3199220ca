/**
 * One term of a body as a card: election date, term and its end, the members
 * (roles, 党员, 交叉任职) with their counts; for the owners' committee the
 * deadlines after the election (first meeting, filing: the dates, whether
 * they moved past a rest day, done or late), the term's state with the
 * re-election flag, every warning of the rules, and the rules passed with a
 * written reason.
 */
import { Deadline } from '../../../components/Deadline';
import { Alert, Button, Tag } from 'antd';
import { addDays, daysBetween } from '../../../../../shared/domain/dates';
import type { OfficeRules } from '../../../../../shared/contract/office';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { formatDateTime, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { crossCount, OWNERS_COMMITTEE, partyCount, type Body } from './bodiesShared';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.bodies;

type Member = Body['members'][number];

const memberColumns: ColumnDef<Member>[] = [
  {
    id: 'name', header: t.colName, size: 160, meta: { grow: true },
    cell: ({ row }) => (
      <span className="member-name-cell">
        <span className="strong">{row.original.name}</span>
        {row.original.personId && <Tag color="blue" className="tight-tag" title={t.inRegisterHint}>{t.inRegister}</Tag>}
      </span>
    ),
  },
  { id: 'role', header: t.colRole, size: 90, cell: ({ row }) => row.original.role },
  {
    id: 'party', header: t.colParty, size: 70, meta: { align: 'center' },
    cell: ({ row }) => (row.original.partyMember ? <Tag color="red" className="tight-tag" data-testid="member-party-mark">{t.colParty}</Tag> : <span className="muted">{t.none}</span>),
  },
  {
    id: 'cross', header: t.colCross, size: 150,
    cell: ({ row }) => {
      const m = row.original;
      if (!m.onPartyBranch && !m.onResidentsCommittee) return <span className="muted">{t.none}</span>;
      return (
        <span className="body-cross-tags" data-testid="member-cross-mark">
          {m.onPartyBranch && <Tag color="volcano" className="tight-tag">{t.onBranch}</Tag>}
          {m.onResidentsCommittee && <Tag color="geekblue" className="tight-tag">{t.onRc}</Tag>}
        </span>
      );
    },
  },
];

function TermTag({ body }: { body: Body }) {
  const color = body.term.kind === 'term-ended' ? 'red' : body.term.flagged ? 'orange' : 'green';
  return <Tag color={color} className="tight-tag" data-testid="body-term-tag" data-kind={body.term.kind}>{t.termState[body.term.kind] ?? body.term.kind}</Tag>;
}

/** A deadline after the election: its date (moved past a rest day or not), and done, late or pending. */
function ElectionDeadline({ name, days, electedOn, by, done, testId }: {
  name: string; days: number; electedOn: string; by: { date: string; moved: boolean }; done: string | null; testId: string;
}) {
  const today = todayDate();
  let state: { cls: string; text: string; value: string };
  if (done !== null) state = done > by.date ? { cls: 'late', text: t.deadlineDoneLate(done), value: 'done-late' } : { cls: 'done', text: t.deadlineDone(done), value: 'done' };
  else if (today > by.date) state = { cls: 'late', text: t.deadlineLate, value: 'late' };
  else state = { cls: 'pending', text: t.deadlinePending(daysBetween(today, by.date)), value: 'pending' };
  return (
    <div className="body-deadline" data-testid={testId} data-date={by.date} data-moved={by.moved ? 'true' : 'false'} data-state={state.value}>
      <div>
        <span className="body-deadline-name">{name}</span>
        <span className="body-deadline-date">{t.deadlineBy(days, by.date)}</span>
      </div>
      {by.moved && <div className="body-deadline-moved">{t.deadlineMoved(addDays(electedOn, days))}</div>}
      <div className={`body-deadline-state ${state.cls}`}>{state.text}</div>
      {done === null && <Deadline due={by.date} testId={`${testId}-countdown`} />}
    </div>
  );
}

interface Props {
  body: Body;
  rules: OfficeRules | null;
  onEdit: () => void;
  onRenew: () => void;
}

export function BodyCard({ body, rules, onEdit, onRenew }: Props) {
  const can = useCan();
  const committee = body.kind === OWNERS_COMMITTEE;
  const party = partyCount(body.members);
  const cross = crossCount(body.members);
  // The committee's warnings already carry its term message when flagged; another body's flagged term is its only alert.
  const alerts = committee ? body.warnings : body.term.flagged ? [body.term.message] : [];
  return (
    <section className="panel body-card" data-testid="body-card" data-kind={body.kind} data-flagged={body.term.flagged ? 'true' : 'false'}>
      <div className="body-card-head">
        <div className="body-card-title">
          <span>{body.kind}</span>
          <TermTag body={body} />
        </div>
        <div className="body-card-actions">
          {can('bodies.write') && <Button size="small" onClick={onEdit} data-testid="body-edit">{t.edit}</Button>}
          {can('bodies.write') && <Button size="small" onClick={onRenew} data-testid="body-renew">{t.renew}</Button>}
        </div>
      </div>
      <div className="body-facts">
        <span><span className="label">{t.electedOn}</span><span data-testid="body-elected">{body.electedOn}</span></span>
        <span><span className="label">{t.termYears}</span><span data-testid="body-term">{t.years(body.termYears)}</span></span>
        <span>
          <span className="label">{t.termEnd}</span><span data-testid="body-term-end">{body.termEnd}</span>{' '}
          <Deadline due={body.termEnd} warnFrom={body.term.reElectionFrom} what={committee ? t.termEndWhat : t.termEndWhatOther} testId="body-term-countdown" />
        </span>
        <span>
          <span className="label">{t.membersCount}</span>
          <span data-testid="body-member-summary">{t.memberSummary(body.members.length, party, cross)}</span>
        </span>
      </div>
      {!body.term.flagged && <div className="body-term-line" data-testid="body-term-state">{body.term.message}</div>}
      {committee && body.firstMeetingBy && body.filingBy && (
        <div className="body-deadlines">
          <ElectionDeadline
            name={t.firstMeeting} days={rules?.firstMeetingDays ?? 7} electedOn={body.electedOn} by={body.firstMeetingBy} done={body.firstMeetingOn}
            testId="body-deadline-first"
          />
          <ElectionDeadline
            name={t.filing} days={rules?.filingDays ?? 30} electedOn={body.electedOn} by={body.filingBy} done={body.filedOn}
            testId="body-deadline-filing"
          />
        </div>
      )}
      {(alerts.length > 0 || body.overrides.length > 0) && (
        <div className="body-alerts">
          {alerts.length > 0 && (
            <Alert
              type={body.term.kind === 'term-ended' ? 'error' : 'warning'}
              showIcon
              title={t.warningsTitle}
              description={<ul className="plain-list" data-testid="body-warnings">{alerts.map((w) => <li key={w}>{w}</li>)}</ul>}
            />
          )}
          {body.overrides.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={t.overridesTitle}
              description={
                <ul className="plain-list body-overrides" data-testid="body-overrides">
                  {body.overrides.map((o) => (
                    <li key={`${o.rule}:${o.at}`}>
                      {t.overrideLine(o.message, o.reason)}
                      <span className="muted">{t.overrideBy(o.author, formatDateTime(o.at))}</span>
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </div>
      )}
      {body.members.length > 0
        ? (
          <DataGrid
            testId="body-members-grid"
            ariaLabel={`${body.kind}${t.members}`}
            columns={memberColumns}
            source={{ kind: 'local', rows: body.members }}
            getRowId={(m) => m.id}
            autoHeightRows={15}
          />
        )
        : <div className="muted">{t.noMembers}</div>}
      {body.note && <div className="body-note">{t.note}：{body.note}</div>}
    </section>
  );
}
