/**
 * 决议公告 and 实施结果公告 of a matter, in the official-notice layout: the
 * text recorded with the first (resolution) or second (result) publication
 * step of the matter's workflow, its posting period, issued by the owners'
 * committee (or the convener of the meeting that resolved it), dated on the
 * step's date.
 *
 * A notice is printed in order to be posted, so a step not yet recorded still
 * prints — as a draft, marked 草稿 across the page and 本稿未登记公示 under the
 * title, with the drafted text and today's posting period. Printing it (or the
 * banner's button) offers to record the step: 办理此步 opens prefilled with
 * what was printed.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Spin } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { OfficialNotice } from '../../print/OfficialNotice';
import { defaultPosting, draftNoticeText } from './notices';
import { publicationSteps, type MatterDetail } from './shared';
import './matters.css';

const t = zhCN.matters.print;

/** The meeting that resolved the matter: the one linked to the last meeting step before the resolution notice. */
function resolutionMeetingId(matter: MatterDetail): string | null {
  const { resolution } = publicationSteps(matter.steps);
  const end = resolution ? matter.steps.findIndex((s) => s.key === resolution.key) : matter.steps.length;
  const step = matter.steps.slice(0, end).reverse().find((s) => s.done && !s.skipped && s.kind === 'meeting');
  return step?.meetingId ?? null;
}

export function MatterNoticePrint({ matterId, step: which }: { matterId: string; step: 'resolution' | 'result' }) {
  const loaded = useAsync(async () => {
    const matter = await invoke('matter.get', { id: matterId });
    const meetingId = resolutionMeetingId(matter);
    const convener = meetingId ? (await invoke('meeting.get', { id: meetingId }).catch(() => null))?.convener ?? '' : '';
    return { matter, convener };
  }, [matterId]);
  const [offer, setOffer] = useState(false);

  const matter = loaded.data?.matter;
  const step = matter ? publicationSteps(matter.steps)[which] : null;
  const draft = step !== null && !step.done && !step.skipped;

  // After the print dialog closes on a draft: offer to record the step it is posted for.
  useEffect(() => {
    if (!draft) return undefined;
    const after = () => setOffer(true);
    window.addEventListener('afterprint', after);
    return () => window.removeEventListener('afterprint', after);
  }, [draft]);

  const back = () => {
    if (matter) navigate({ name: 'matter', communityId: matter.communityId, matterId: matter.id });
    else window.history.back();
  };
  const record = () => {
    if (matter && step) navigate({ name: 'matter', communityId: matter.communityId, matterId: matter.id, advance: step.key });
  };
  const label = which === 'resolution' ? t.resolution : t.result;

  let notice: ReactNode = null;
  if (loaded.error !== null) notice = <Alert type="error" showIcon title={errorMessage(loaded.error)} />;
  else if (!matter) notice = <div className="print-progress" data-testid="print-loading"><Spin /><div>{t.loading}</div></div>;
  else if (!step) notice = <Alert type="warning" showIcon title={t.noStep(label)} data-testid="notice-not-ready" />;
  else if (step.skipped) notice = <Alert type="warning" showIcon title={t.skipped(step.name)} data-testid="notice-not-ready" />;

  const ready = notice === null && matter !== undefined && step !== null;
  const title = matter ? (which === 'resolution' ? t.resolutionTitle(matter.title) : t.resultTitle(matter.title)) : '';
  // A draft is dated today and posted from today, as 办理此步 will prefill it.
  const date = draft ? todayDate() : step?.date ?? '';
  const posting = draft ? defaultPosting(date) : step?.postingStart && step.postingEnd ? { start: step.postingStart, end: step.postingEnd } : null;
  const paragraphs = matter && step ? [draft ? draftNoticeText(matter, step) : step.noticeText] : [];
  if (posting) paragraphs.push(t.posting(zhCN.matters.inlineDate(posting.start), zhCN.matters.inlineDate(posting.end)));
  const issuer = loaded.data?.convener || (matter ? t.issuer(matter.communityName) : '');

  return (
    <>
      <OfficialNotice
        testId={`matter-notice-${which}`}
        title={title}
        addressee={t.addressee}
        paragraphs={paragraphs}
        issuers={[issuer]}
        date={date}
        ready={ready}
        notice={ready ? undefined : notice}
        onBack={back}
        draft={ready && draft ? { mark: t.draftMark, label: t.draftLabel } : undefined}
        controls={ready && draft && step && (
          <span className="matter-draft-controls" data-testid="notice-draft-banner">
            <span className="matter-draft-text">{t.draftBanner(step.name)}</span>
            <Button onClick={record} data-testid="notice-record-step">{t.recordNow(step.name)}</Button>
          </span>
        )}
      />
      {offer && step && (
        <Modal
          open
          title={t.recordPrompt(step.name)}
          okText={t.recordNow(step.name)}
          cancelText={t.later}
          onOk={record}
          onCancel={() => setOffer(false)}
          okButtonProps={{ 'data-testid': 'notice-record-confirm' }}
          className="no-print"
        >
          <div data-testid="notice-record-offer">{t.recordPromptBody}</div>
        </Modal>
      )}
    </>
  );
}
