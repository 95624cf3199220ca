/**
 * The timeline of a matter: every step of its workflow version in order —
 * done ones with their date and what was recorded, skipped ones with the
 * reason, the next one highlighted with 办理此步, the rest still to come.
 */
import type { ReactNode } from 'react';
import { Button, Tag, Timeline } from 'antd';
import { addDays } from '../../../../../shared/domain/dates';
import { Deadline } from '../../../components/Deadline';
import { formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import type { MatterDetail, MatterStep } from './shared';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.matters.step;
const kinds = zhCN.matters.kinds;

type State = 'done' | 'skipped' | 'next' | 'future';

function stateOf(step: MatterStep, nextKey: string | null): State {
  if (step.skipped) return 'skipped';
  if (step.done) return 'done';
  return step.key === nextKey ? 'next' : 'future';
}

const COLORS: Record<State, string> = { done: 'green', skipped: 'gray', next: 'blue', future: 'gray' };

export function MatterTimeline({ matter, onAct }: { matter: MatterDetail; onAct: (step: MatterStep) => void }) {
  const can = useCan();
  const nextKey = matter.done ? null : (matter.steps.find((s) => !s.done && !s.skipped)?.key ?? null);
  return (
    <Timeline
      className="matter-timeline"
      items={matter.steps.map((step, i) => {
        const state = stateOf(step, nextKey);
        const overdue = state === 'next' && matter.position.overdue;
        return {
          key: step.key,
          color: overdue ? 'red' : COLORS[state],
          content: (
            <div
              className={`timeline-step state-${state}${overdue ? ' overdue' : ''}`}
              data-testid="timeline-step"
              data-step={step.key}
              data-state={state}
            >
              <div className="timeline-step-head">
                <span className="timeline-step-name">{i + 1}. {step.name}</span>
                {step.kind !== 'plain' && <Tag className="tight-tag">{kinds[step.kind]}</Tag>}
                {step.optional && <Tag className="tight-tag" color="default">{t.optional}</Tag>}
                <StateTag state={state} />
                {(state === 'done' || state === 'skipped') && step.date && <span className="timeline-step-date num" data-testid="timeline-step-date">{step.date}</span>}
              </div>
              {state === 'done' && <StepDetails matter={matter} step={step} />}
              {state === 'skipped' && (
                <div className="timeline-step-body">
                  <Field label={t.skipReason}>{step.skipReason ?? ''}</Field>
                  {step.recordedBy && <div className="timeline-recorded">{t.recorded(step.recordedBy, step.recordedAt ? formatDateTime(step.recordedAt) : '')}</div>}
                </div>
              )}
              {state === 'next' && (
                <div className="timeline-step-body">
                  <div className="timeline-next-line">
                    <span className={overdue ? 'overdue-text' : 'muted'}>
                      {zhCN.matters.page.waiting(step.name, matter.position.waitingDays)}
                    </span>
                    {/* The step's expected day as a deadline that speaks: days left, orange in its last three days, red after. */}
                    <Deadline
                      due={addDays(matter.position.waitingSince, step.expectedDays)}
                      warnDays={3}
                      what={t.expectedBy(addDays(matter.position.waitingSince, step.expectedDays))}
                      testId="step-deadline"
                    />
                    {can('meetings.write') && <Button type="primary" size="small" onClick={() => onAct(step)} data-testid="advance-open">{t.act}</Button>}
                  </div>
                </div>
              )}
              {state === 'future' && <div className="timeline-step-body muted">{t.expected(step.expectedDays)}</div>}
            </div>
          ),
        };
      })}
    />
  );
}

function StateTag({ state }: { state: State }) {
  switch (state) {
    case 'done': return <Tag color="green" className="tight-tag">{t.done}</Tag>;
    case 'skipped': return <Tag className="tight-tag">{t.skipped}</Tag>;
    case 'next': return <Tag color="blue" className="tight-tag">{t.next}</Tag>;
    default: return null;
  }
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="timeline-field">
      <span className="timeline-field-label">{label}：</span>
      <span className="timeline-field-value">{children}</span>
    </div>
  );
}

function StepDetails({ matter, step }: { matter: MatterDetail; step: MatterStep }) {
  return (
    <div className="timeline-step-body">
      {step.meetingId && (
        <Field label={t.meeting}>
          <Button
            type="link"
            size="small"
            className="inline-link"
            data-testid="timeline-meeting-link"
            onClick={() => navigate({ name: 'meeting', communityId: matter.communityId, meetingId: step.meetingId! })}
          >
            {step.meetingTitle ?? step.meetingId}
          </Button>
        </Field>
      )}
      {step.voteId && (
        <Field label={t.vote}>
          <Button
            type="link" size="small" className="inline-link" data-testid="timeline-vote-link"
            onClick={() => navigate({ name: 'vote', communityId: matter.communityId, voteId: step.voteId! })}
          >
            {t.openVote}
          </Button>
        </Field>
      )}
      {step.postingStart && step.postingEnd && <Field label={t.posting}><span className="num">{t.postingRange(step.postingStart, step.postingEnd)}</span></Field>}
      {step.filingBody && <Field label={t.filingBody}>{step.filingBody}</Field>}
      {step.document && <Field label={t.document}>{step.document}</Field>}
      {step.note && <Field label={t.note}><span className="pre-line">{step.note}</span></Field>}
      {step.noticeText && (
        <details className="timeline-notice">
          <summary>{t.noticeText}</summary>
          <div className="pre-line">{step.noticeText}</div>
        </details>
      )}
      {step.recordedBy && <div className="timeline-recorded">{t.recorded(step.recordedBy, step.recordedAt ? formatDateTime(step.recordedAt) : '')}</div>}
    </div>
  );
}
