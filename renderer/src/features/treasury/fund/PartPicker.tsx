/**
 * Picks an exclusive part by typing its address (fund.households searched in
 * SQL, 20 at a time, so it works for 20,000 parts). Used as a form control:
 * `value` / `onChange` carry the part's id; `onPicked` tells the form the
 * part's figures (the deposit form shows what is due).
 */
import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { invoke } from '../../../api/client';
import type { HouseholdRow } from './fundShared';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.fund;
const SHOWN = 20;

interface Props {
  communityId: string;
  value?: string | null;
  onChange?: (partId: string | null) => void;
  onPicked?: (household: HouseholdRow | null) => void;
  testId?: string;
}

export function PartPicker({ communityId, value, onChange, onPicked, testId }: Props) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<HouseholdRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<HouseholdRow | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    const ask = ++asked.current;
    setLoading(true);
    invoke('fund.households', { communityId, text: text.trim(), offset: 0, limit: SHOWN }).then(
      (page) => {
        // Only the answer to the latest text counts: typing fast sends several.
        if (ask !== asked.current) return;
        setFound(page.rows);
        setLoading(false);
      },
      () => {
        if (ask === asked.current) setLoading(false);
      },
    );
  }, [communityId, text]);

  // The form was reset (or filled anew): forget the part shown.
  useEffect(() => {
    if (!value && picked) setPicked(null);
  }, [value, picked]);

  const rows = picked && !found.some((h) => h.partId === picked.partId) ? [picked, ...found] : found;
  return (
    <Select
      data-testid={testId}
      value={value ?? undefined}
      placeholder={t.partPlaceholder}
      allowClear
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={loading ? null : t.partNotFound}
      options={rows.map((h) => ({ value: h.partId, label: h.owners ? `${h.address}（${h.owners}）` : h.address }))}
      onChange={(partId?: string) => {
        const h = rows.find((r) => r.partId === partId) ?? null;
        setPicked(h);
        onChange?.(h?.partId ?? null);
        onPicked?.(h);
      }}
    />
  );
}
