/**
 * 问题台账: the residents' issues of a community — a board by status, the
 * overdue list with one-click 提级, statistics of a period, and the mediation
 * records — with 登记问题, a text search, 导出 Excel (issue.export) and
 * 打印台账 (the ledger of the statistics' period). A card or a row opens the
 * issue's page.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Tabs } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { downloadFile } from '../../../api/files';
import { useAsync } from '../../../api/useAsync';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBox } from '../../../components/SearchBox';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { IssueBoard } from './IssueBoard';
import { IssueForm } from './IssueForm';
import { IssueStatsView } from './IssueStatsView';
import { Mediations } from './Mediations';
import { OverdueList } from './OverdueList';
import { t, thisYear, type IssueSummary } from './issueShared';
import { useCan } from '../../system/auth/permissions';

type Tab = 'board' | 'overdue' | 'stats' | 'mediation';

export function IssuesPage({ communityId }: { communityId: string }) {
  const can = useCan();
  const { message } = AntApp.useApp();
  const [tab, setTab] = useState<Tab>('board');
  const [text, setText] = useState('');
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [version, setVersion] = useState(0);
  const [period, setPeriod] = useState(thisYear);
  const list = useAsync(() => invoke('issue.list', { communityId, overdueOnly: false, text }), [communityId, text, version]);
  const rows = list.data ?? [];
  const overdueCount = rows.filter((i) => i.overdue.length > 0).length;
  const open = (i: IssueSummary) => navigate({ name: 'issue', communityId, issueId: i.id });

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const file = await invoke('issue.export', { communityId });
      downloadFile(file);
      message.success(t.exported(file.fileName));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const print = () => navigate({ name: 'printIssues', communityId, from: period.from, to: period.to });

  return (
    <div className="page page-scroll issues-page" data-testid="issues-page" data-ready={list.data ? 'true' : 'false'}>
      <PageHeader
        title={t.title}
        sub={list.data && <span data-testid="issues-count">{t.sub(rows.length)}</span>}
        extra={
          <>
            <SearchBox value={text} onSearch={setText} placeholder={t.searchPlaceholder} delayMs={150} width={260} testId="issues-search" />
            <Button loading={exporting} onClick={() => void exportXlsx()} data-testid="issues-export">{t.export}</Button>
            <Button onClick={print} data-testid="issues-print">{t.print}</Button>
            {can('issues.write') && <Button type="primary" onClick={() => setCreating(true)} data-testid="issue-create">{t.create}</Button>}
          </>
        }
      />
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} action={<Button size="small" onClick={list.reload}>{zhCN.common.retry}</Button>} />}
      <Tabs
        className="issues-tabs"
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        items={[
          {
            key: 'board', label: <span data-testid="issues-tab-board">{t.tabBoard}</span>,
            children: list.data && rows.length === 0 && text === ''
              ? <div className="panel issue-empty" data-testid="issues-empty">{t.noIssues}</div>
              : <IssueBoard issues={rows} onOpen={open} />,
          },
          {
            key: 'overdue',
            label: <span data-testid="issues-tab-overdue">{t.tabOverdue}{overdueCount > 0 && <span className="issue-tab-count">{overdueCount}</span>}</span>,
            children: <OverdueList communityId={communityId} text={text} version={version} onOpen={open} onChanged={() => setVersion((v) => v + 1)} />,
          },
          {
            key: 'stats', label: <span data-testid="issues-tab-stats">{t.tabStats}</span>,
            children: (
              <IssueStatsView
                communityId={communityId}
                from={period.from}
                to={period.to}
                version={version}
                onPeriod={(from, to) => setPeriod({ from, to })}
                onPrint={print}
              />
            ),
          },
          { key: 'mediation', label: <span data-testid="issues-tab-mediation">{t.tabMediation}</span>, children: <Mediations communityId={communityId} help /> },
        ]}
      />
      <IssueForm
        communityId={communityId}
        issue={null}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(i) => {
          setCreating(false);
          setVersion((v) => v + 1);
          navigate({ name: 'issue', communityId, issueId: i.id });
        }}
      />
    </div>
  );
}
