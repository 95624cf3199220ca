/**
 * A picker of the community's votes for a record a vote decides (a repair's use
 * of the fund, a property-service contract): one `vote.list` read, which
 * carries each item's category and outcome, so no vote is asked for one by one.
 * Every vote is listed with its status; those the record's rule does not accept
 * are shown greyed, with the reason.
 */
import { useMemo } from 'react';
import { Select, Tag } from 'antd';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { zhCN } from '../../../i18n/zh-CN';
import type { VoteListItem } from './voteShared';
import './votes.css';

export interface VoteRule {
  /** Whether the vote can be picked; the tag that says so (green) or why not (red), none to show; a hint after it. */
  judge: (vote: VoteListItem) => { usable: boolean; tag: string | null; hint?: string };
  /** Each option's data-testid. */
  testId: string;
}

function useVoteOptions(communityId: string, open: boolean, rule: VoteRule) {
  const state = useAsync(async () => (open ? invoke('vote.list', { communityId }) : []), [communityId, open]);
  const options = useMemo(() => (state.data ?? []).map((vote) => {
    const { usable, tag, hint } = rule.judge(vote);
    return {
      value: vote.id,
      title: vote.title,
      disabled: !usable,
      label: (
        <span className="vote-option" data-testid={rule.testId} data-usable={usable ? 'true' : 'false'}>
          <span className="vote-option-title">{vote.title}</span>
          <Tag color={vote.status === 'closed' ? 'default' : 'processing'} className="tight-tag">{zhCN.votes.status[vote.status]}</Tag>
          {tag !== null && <Tag color={usable ? 'green' : 'red'} className="tight-tag">{tag}</Tag>}
          {hint && <span className="vote-option-hint">{hint}</span>}
        </span>
      ),
    };
  }), [state.data]);
  return { options, loading: state.loading };
}

interface VotePickerProps {
  communityId: string;
  /** The dialog is open: the votes are read then, fresh. */
  open: boolean;
  rule: VoteRule;
  placeholder: string;
  notFound: string;
  testId: string;
  /** After a pick (the forms clear the field's refusal then). */
  onPicked?: () => void;
  /** From the Form.Item around it. */
  value?: string | null;
  onChange?: (voteId: string | null) => void;
}

/** The picker itself, for a Form.Item named voteId: searchable by title, each option with its status and the rule's verdict. */
export function VotePicker({ communityId, open, rule, placeholder, notFound, testId, onPicked, value, onChange }: VotePickerProps) {
  const votes = useVoteOptions(communityId, open, rule);
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'title' }}
      placeholder={placeholder}
      loading={votes.loading}
      options={votes.options}
      optionLabelProp="title"
      notFoundContent={notFound}
      value={value ?? undefined}
      onChange={(id?: string) => {
        onChange?.(id ?? null);
        onPicked?.();
      }}
      data-testid={testId}
    />
  );
}
