/**
 * 一小区一档 (issue 18): one community's records for an inspection on A4 — a cover (小区, address, 街道/社区, the
 * office, the day made), the contents with each section's count, then the sections (DossierSections.tsx). One
 * contract method gives every figure (community.dossier); 导出Excel in the toolbar writes the same sections as
 * sheets (community.dossierXlsx). No title block on the first page: the cover is the title.
 */
import { App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { DOSSIER_SECTIONS, type Dossier } from '../../../../../shared/contract/dossier';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { downloadFile } from '../../../api/files';
import { useAsync } from '../../../api/useAsync';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { PrintPage } from '../../print/PrintPage';
import { dayText, loadNotice } from '../../treasury/prints/printShared';
import { DossierSections } from './DossierSections';
import './dossier.css';

const t = zhCN.dossier;

/** `officeName`: made at the street from that 社区 office's copy (rollup.dossier), saying what a copy does not hold. */
export function DossierPrint({ communityId, officeName }: { communityId: string; officeName?: string }) {
  const { message } = AntApp.useApp();
  const loaded = useAsync(() => (officeName === undefined ? invoke('community.dossier', { communityId }) : invoke('rollup.dossier', { officeName, communityId })), [communityId, officeName]);
  const d = loaded.data;
  const notice = loadNotice(loaded.error, d !== undefined);
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const file = officeName === undefined ? await invoke('community.dossierXlsx', { communityId }) : await invoke('rollup.dossierXlsx', { officeName, communityId });
      downloadFile(file);
      message.success(t.exported(file.fileName));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <PrintPage
      testId="dossier-print"
      title={d ? t.title(d.community.name) : t.button}
      titleBlock={false}
      ready={notice === null && d !== undefined}
      notice={notice ?? undefined}
      onBack={() => navigate(officeName === undefined ? { name: 'roster', communityId } : { name: 'rollup' })}
      controls={<Button loading={exporting} disabled={!d} onClick={() => void exportXlsx()} data-testid="dossier-export">{t.exportXlsx}</Button>}
    >
      {d && (
        <>
          <Cover d={d} />
          <Contents d={d} />
          <DossierSections d={d} />
        </>
      )}
    </PrintPage>
  );
}

function Cover({ d }: { d: Dossier }) {
  const c = d.community;
  const rows: [string, string][] = [
    [t.address, c.address], [t.streetOffice, c.streetOffice], [t.communityOffice, c.communityOffice],
    [t.office, d.copy ? t.copyOffice(c.streetOffice) : t.officeName(c.streetOffice, c.communityOffice)], [t.madeOn, dayText(d.madeOn)],
    ...(d.copy ? [[t.copySource, t.copySourceText(d.copy.office, d.copy.receivedAt?.slice(0, 10) ?? '')] as [string, string]] : []),
  ];
  return (
    <section className="dossier-cover" data-testid="dossier-cover">
      <div className="dossier-cover-name">{c.name}</div>
      <h1 className="dossier-cover-heading">{t.coverHeading}</h1>
      <div className="dossier-cover-sub">{t.coverSub}</div>
      <dl className="dossier-cover-facts">
        {rows.map(([label, value]) => (
          <div key={label}><dt>{label}</dt><dd>{value || '—'}</dd></div>
        ))}
      </dl>
    </section>
  );
}

/** Each section's records, for the contents (维修资金 is one summary, not a list). */
function countOf(d: Dossier, section: (typeof DOSSIER_SECTIONS)[number]): string {
  const lists: Record<string, number> = {
    组织: d.bodies.length, 会议与纪要: d.meetings.length, 议事事项: d.matters.length, 表决结果: d.votes.length,
    物业服务合同: d.contracts.length, 问题台账: d.issues.length,
  };
  const n = lists[section];
  return n === undefined ? t.fundSummary : t.count(n, t.units[section] ?? '');
}

function Contents({ d }: { d: Dossier }) {
  return (
    <section className="dossier-contents" data-testid="dossier-contents">
      <h2 className="dossier-contents-heading">{t.contents}</h2>
      <ol className="dossier-contents-list">
        {DOSSIER_SECTIONS.map((s, i) => (
          <li key={s}>
            <span className="dossier-contents-name">{t.sectionNo(i)}{s}</span>
            <span className="dossier-contents-dots" />
            <span className="dossier-contents-count">{countOf(d, s)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
