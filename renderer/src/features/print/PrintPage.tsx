/**
 * The frame of every printed document (花名册 now; meeting notices and vote
 * results later): a toolbar shown on screen only (返回, 打印), then the sheet —
 * title block, body, footer — laid out for A4. The screen chrome is hidden by
 * the print CSS (styles.css, "print views"); page size, margins and page
 * numbers come from the @page rules named after the orientation.
 */
import { useState, type ReactNode } from 'react';
import { Button, message } from 'antd';
import { invoke } from '../../api/client';
import { todayChinese } from '../../format';
import { zhCN } from '../../i18n/zh-CN';

const t = zhCN.print;

export interface PrintPageProps {
  /** The document's title, e.g. 和平小区专有部分花名册. */
  title: string;
  /** A line under the title (the scope: （1幢）). */
  subtitle?: ReactNode;
  /** Left of the line under the title: who the document belongs to (街道, 社区). */
  meta?: ReactNode;
  orientation?: 'portrait' | 'landscape';
  /** The body is complete: 打印 is enabled and the sheet is shown. */
  ready: boolean;
  /** Shown on screen instead of the sheet (loading, a question, an error); never printed. */
  notice?: ReactNode;
  onBack: () => void;
  /** Under the body: totals, notes. */
  footer?: ReactNode;
  /** Signature lines at the end, e.g. 制表人, 核对人. */
  signatures?: readonly string[];
  /** Extra controls in the toolbar, on screen only (a posting period to type). */
  controls?: ReactNode;
  /** false: the body prints its own titles (two household statements to a page); `title` still names the PDF. */
  titleBlock?: boolean;
  testId?: string;
  children?: ReactNode;
}

export function PrintPage(props: PrintPageProps) {
  const { orientation = 'portrait', ready, notice, testId } = props;
  return (
    <div className={`print-view ${orientation}`}>
      <PrintToolbar ready={ready} onBack={props.onBack} hint={orientation === 'landscape' ? t.paperHint : undefined} pdfName={props.title} controls={props.controls} />
      {notice
        ? <div className="print-notice no-print">{notice}</div>
        : (
          <article className={`print-document ${orientation}`} data-testid={testId} data-ready={ready ? 'true' : 'false'}>
            {props.titleBlock !== false && <PrintTitle title={props.title} subtitle={props.subtitle} meta={props.meta} />}
            <div className="print-body">{props.children}</div>
            {(props.footer !== undefined || props.signatures) && (
              <footer className="print-footer">
                {props.footer}
                {props.signatures && <Signatures names={props.signatures} />}
              </footer>
            )}
          </article>
        )}
    </div>
  );
}

/**
 * 返回 and 打印; in the desktop app also 保存为PDF (webContents.printToPDF in
 * main, contract method print.savePdf). Browser mode prints with the
 * browser's dialog, which can also save a PDF.
 */
export function PrintToolbar({ ready, onBack, hint, pdfName, controls }: {
  ready: boolean; onBack: () => void; hint: string | undefined; pdfName: string; controls?: ReactNode;
}) {
  const desktop = typeof window.sanfang?.invoke === 'function';
  const [saving, setSaving] = useState(false);
  const savePdf = async () => {
    setSaving(true);
    try {
      const r = await invoke('print.savePdf', { fileName: safeFileName(pdfName) });
      if (r.file) void message.success(t.pdfSaved(r.file));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="print-toolbar no-print" data-testid="print-toolbar">
      <Button onClick={onBack}>{t.back}</Button>
      {controls}
      <span className="print-toolbar-hint">{hint}</span>
      {desktop && <Button disabled={!ready} loading={saving} onClick={() => void savePdf()}>{t.savePdf}</Button>}
      <Button type="primary" disabled={!ready} onClick={() => window.print()}>{t.print}</Button>
    </div>
  );
}

/** A title as a file name: characters Windows refuses become －. */
function safeFileName(title: string): string {
  return title.replace(/[\\/:*?"<>|]/g, '－').slice(0, 120) || '打印';
}

function PrintTitle({ title, subtitle, meta }: Pick<PrintPageProps, 'title' | 'subtitle' | 'meta'>) {
  return (
    <header className="print-title-block">
      <h1 className="print-title" data-testid="print-title">{title}</h1>
      {subtitle && <div className="print-subtitle">{subtitle}</div>}
      <div className="print-meta">
        <span>{meta}</span>
        <span>{t.printDate}：{todayChinese()}</span>
      </div>
    </header>
  );
}

function Signatures({ names }: { names: readonly string[] }) {
  return (
    <div className="print-signatures">
      {names.map((name) => <span key={name}>{name}：<span className="print-blank" /></span>)}
    </div>
  );
}
