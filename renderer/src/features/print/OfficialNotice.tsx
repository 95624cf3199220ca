/**
 * A printed notice in the layout of a Chinese official notice (公文格式): the
 * title centred, the addressee flush left, the body with two-character
 * indents, then the issuing body and the date on the right with room for the
 * seal (盖章处) — or, for a notice several bodies sign together, a row of
 * signature blocks (each body, its seal, who signs and when) above the date.
 * Meeting notices, 决议公告, 实施结果公告 and the repair-use notices use it;
 * tables and sign-in sheets use PrintPage.
 */
import type { ReactNode } from 'react';
import { zhCN } from '../../i18n/zh-CN';
import { chineseDate } from '../../format';
import { PrintToolbar } from './PrintPage';

export interface OfficialNoticeProps {
  title: string;
  /** Whom it addresses, e.g. 全体业主 (printed with a full-width colon). */
  addressee?: string;
  /** Paragraphs of the body; each string is one indented paragraph (a line break starts a new one). */
  paragraphs: string[];
  /** Structured parts after the paragraphs (an agenda list, a table). */
  children?: ReactNode;
  /** The issuing bodies, one per line (小区业主委员会, 社区居民委员会 …). */
  issuers: string[];
  /** Bodies that sign together, each in its own block: its role (业主委员会), its name ('' leaves a line to write it). Replaces `issuers`. */
  signatures?: readonly { role: string; name: string }[];
  /** Screen-only controls in the toolbar (a posting period to type). */
  controls?: ReactNode;
  /** The body's last words (a posting period), kept on the same page as the signatures. */
  closing?: ReactNode;
  /** YYYY-MM-DD, written as 二〇二六年十一月二十二日. */
  date: string;
  ready: boolean;
  notice?: ReactNode;
  onBack: () => void;
  testId?: string;
  /** A draft not yet recorded: this mark stands across the page and the words under the title (本稿未登记公示). */
  draft?: { mark: string; label: string };
}

export function OfficialNotice(props: OfficialNoticeProps) {
  const paragraphs = props.paragraphs.flatMap((p) => p.split('\n')).map((p) => p.trim()).filter(Boolean);
  return (
    <div className="print-view portrait">
      <PrintToolbar ready={props.ready} onBack={props.onBack} hint={undefined} pdfName={props.title} controls={props.controls} />
      {props.notice
        ? <div className="print-notice no-print">{props.notice}</div>
        : (
          <article
            className={`print-document portrait official-notice${props.draft ? ' official-draft' : ''}`}
            data-testid={props.testId}
            data-ready={props.ready ? 'true' : 'false'}
            data-draft={props.draft ? 'true' : 'false'}
          >
            {props.draft && <div className="official-draft-mark" aria-hidden="true">{props.draft.mark}</div>}
            <h1 className="official-title" data-testid="print-title">{props.title}</h1>
            {props.draft && <p className="official-draft-label" data-testid="print-draft-label">{props.draft.label}</p>}
            {props.addressee && <p className="official-addressee">{props.addressee}：</p>}
            <div className="official-body">
              {paragraphs.map((p, i) => <p key={i}>{p}</p>)}
              {props.children}
            </div>
            {props.signatures
              ? <SignatureRow signatures={props.signatures} date={props.date} closing={props.closing} />
              : (
                <div className="official-signoff">
                  <div className="official-seal" aria-label={zhCN.print.seal}>{zhCN.print.seal}</div>
                  {props.issuers.filter(Boolean).map((name) => <div key={name} className="official-issuer">{name}</div>)}
                  <div className="official-date">{chineseDate(props.date)}</div>
                </div>
              )}
          </article>
        )}
    </div>
  );
}

/** One block per signing body: 〔role〕（盖章）, its name, the signatory's line, the date's line; the notice's date below. */
function SignatureRow({ signatures, date, closing }: { signatures: readonly { role: string; name: string }[]; date: string; closing: ReactNode }) {
  const t = zhCN.print;
  // One block that is never split, so the signatures never stand alone on a page without the body's last words.
  return (
    <div className="official-signatures" data-testid="official-signatures">
      {closing && <div className="official-body">{closing}</div>}
      <div className="official-signature-row">
        {signatures.map((s) => (
          <div key={s.role} className="official-signature" data-testid="official-signature">
            <div className="official-signature-role">{s.role}{t.seal}</div>
            <div className="official-signature-name">{s.name || <span className="print-blank" />}</div>
            <div>{t.signatory}<span className="print-blank official-signature-blank" /></div>
            <div>{t.signedOn}</div>
          </div>
        ))}
      </div>
      <div className="official-signature-date">{chineseDate(date)}</div>
    </div>
  );
}
