/**
 * 决议公告 and 实施结果公告 of a matter, in the official-notice layout: the
 * text recorded with the first (resolution) or second (result) publication
 * step of the matter's workflow, its posting period, issued by the owners'
 * committee (or the convener of the meeting that resolved it), dated on the
 * step's date. A step not yet recorded shows a note instead and cannot print.
 */
import type { ReactNode } from 'react';
import { Alert, Spin } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { OfficialNotice } from '../../print/OfficialNotice';
import { publicationSteps, type MatterDetail } from './shared';

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

  const matter = loaded.data?.matter;
  const back = () => {
    if (matter) navigate({ name: 'matter', communityId: matter.communityId, matterId: matter.id });
    else window.history.back();
  };
  const step = matter ? publicationSteps(matter.steps)[which] : null;
  const label = which === 'resolution' ? t.resolution : t.result;

  let notice: ReactNode = null;
  if (loaded.error !== null) notice = <Alert type="error" showIcon title={errorMessage(loaded.error)} />;
  else if (!matter) notice = <div className="print-progress" data-testid="print-loading"><Spin /><div>{t.loading}</div></div>;
  else if (!step) notice = <Alert type="warning" showIcon title={t.noStep(label)} data-testid="notice-not-ready" />;
  else if (step.skipped) notice = <Alert type="warning" showIcon title={t.skipped(step.name)} data-testid="notice-not-ready" />;
  else if (!step.done || !step.date) notice = <Alert type="warning" showIcon title={t.notRecorded(step.name)} data-testid="notice-not-ready" />;

  const ready = notice === null && matter !== undefined && step !== null;
  const title = matter ? (which === 'resolution' ? t.resolutionTitle(matter.title) : t.resultTitle(matter.title)) : '';
  const paragraphs = step ? [step.noticeText] : [];
  if (step?.postingStart && step.postingEnd) {
    paragraphs.push(t.posting(zhCN.matters.inlineDate(step.postingStart), zhCN.matters.inlineDate(step.postingEnd)));
  }
  const issuer = loaded.data?.convener || (matter ? t.issuer(matter.communityName) : '');

  return (
    <OfficialNotice
      testId={`matter-notice-${which}`}
      title={title}
      addressee={t.addressee}
      paragraphs={paragraphs}
      issuers={[issuer]}
      date={step?.date ?? ''}
      ready={ready}
      notice={ready ? undefined : notice}
      onBack={back}
    />
  );
}
