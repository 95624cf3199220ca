/**
 * A printed notice in the layout of a Chinese official notice (公文格式): the
 * title centred, the addressee flush left, the body with two-character
 * indents, then the issuing body and the date on the right with room for the
 * seal (盖章处). Meeting notices, 决议公告 and 实施结果公告 use it; tables and
 * sign-in sheets use PrintPage.
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
  /** YYYY-MM-DD, written as 二〇二六年十一月二十二日. */
  date: string;
  ready: boolean;
  notice?: ReactNode;
  onBack: () => void;
  testId?: string;
}

export function OfficialNotice(props: OfficialNoticeProps) {
  const paragraphs = props.paragraphs.flatMap((p) => p.split('\n')).map((p) => p.trim()).filter(Boolean);
  return (
    <div className="print-view portrait">
      <PrintToolbar ready={props.ready} onBack={props.onBack} hint={undefined} pdfName={props.title} />
      {props.notice
        ? <div className="print-notice no-print">{props.notice}</div>
        : (
          <article className="print-document portrait official-notice" data-testid={props.testId} data-ready={props.ready ? 'true' : 'false'}>
            <h1 className="official-title" data-testid="print-title">{props.title}</h1>
            {props.addressee && <p className="official-addressee">{props.addressee}：</p>}
            <div className="official-body">
              {paragraphs.map((p, i) => <p key={i}>{p}</p>)}
              {props.children}
            </div>
            <div className="official-signoff">
              <div className="official-seal" aria-label={zhCN.print.seal}>{zhCN.print.seal}</div>
              {props.issuers.filter(Boolean).map((name) => <div key={name} className="official-issuer">{name}</div>)}
              <div className="official-date">{chineseDate(props.date)}</div>
            </div>
          </article>
        )}
    </div>
  );
}
