/**
 * 全文检索: find words (of one character or more) in the community's minutes,
 * matters, meeting agendas, votes and issues. The text lives in the URL (#/c/<id>/search?q=…), so a search
 * can be reloaded and gone back to; each hit shows its type, title and a
 * snippet with the match marked, and opens the meeting or the matter.
 */
import { Alert, Empty, Spin, Tag, Typography } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBox } from '../../../components/SearchBox';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import './matters.css';

const t = zhCN.matters.search;

type Hit = MethodOutput<'search.query'>['hits'][number];

const TYPE_COLOURS: Record<Hit['type'], string> = { minutes: 'blue', matter: 'green', agenda: 'cyan', vote: 'purple', issue: 'orange' };

export function SearchPage({ communityId, text }: { communityId: string; text: string }) {
  const query = text.trim();
  const result = useAsync(
    () => (query === '' ? Promise.resolve(null) : invoke('search.query', { communityId, text: query })),
    [communityId, query],
  );
  const hits = result.data?.hits ?? [];
  const painted = !result.loading && result.data !== undefined;

  const open = (hit: Hit) => {
    if (hit.meetingId) navigate({ name: 'meeting', communityId, meetingId: hit.meetingId });
    else if (hit.type === 'matter') navigate({ name: 'matter', communityId, matterId: hit.id });
    else if (hit.type === 'vote') navigate({ name: 'vote', communityId, voteId: hit.id });
    else if (hit.type === 'issue') navigate({ name: 'issue', communityId, issueId: hit.id });
  };

  return (
    <div className="page page-scroll search-page" data-testid="search-page">
      <PageHeader title={t.title} />
      <Typography.Paragraph type="secondary" className="page-intro">{t.intro}</Typography.Paragraph>
      <div className="toolbar">
        <SearchBox
          value={text}
          delayMs={400}
          width={420}
          placeholder={t.placeholder}
          testId="search-input"
          onSearch={(next) => navigate({ name: 'search', communityId, text: next.trim() === '' ? undefined : next })}
        />
        {painted && result.data && <span className="toolbar-count" data-testid="search-count">{t.count(hits.length)}</span>}
        {result.loading && query !== '' && <Spin size="small" />}
      </div>
      {result.error !== null && <Alert type="error" showIcon title={errorMessage(result.error)} />}
      {query === '' && <Typography.Text type="secondary">{t.prompt}</Typography.Text>}
      {painted && result.data && hits.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.none(query)} />}
      {hits.length > 0 && (
        <ul className="search-hits" data-testid="search-hits" data-query={painted ? query : ''}>
          {hits.map((hit) => (
            <li key={`${hit.type}:${hit.id}`}>
              <button type="button" className="search-hit" onClick={() => open(hit)} data-testid="search-hit" data-type={hit.type} data-id={hit.id}>
                <div className="search-hit-head">
                  <Tag color={TYPE_COLOURS[hit.type]} className="tight-tag">{t.types[hit.type]}</Tag>
                  <span className="search-hit-title">{hit.title}</span>
                </div>
                <div className="search-hit-snippet" data-testid="search-snippet"><Snippet snippet={hit.snippet} /></div>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The snippet with its match (UTF-16 offsets [start, end)) in <mark>. */
function Snippet({ snippet }: { snippet: Hit['snippet'] }) {
  const { text, match } = snippet;
  if (!match) return <>{text}</>;
  const [start, end] = match;
  if (start < 0 || end > text.length || start >= end) return <>{text}</>;
  return (
    <>
      {text.slice(0, start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end)}
    </>
  );
}
