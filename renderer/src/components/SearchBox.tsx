/**
 * A search input that reports its text at once (answers to superseded
 * queries are dropped by the grid, and main answers in ~20 ms, so a delay
 * would only add to every repaint), and not while a Chinese IME is still
 * composing pinyin. A delay can still be asked for.
 */
import { useEffect, useRef, useState } from 'react';
import { Input } from 'antd';

interface Props {
  value: string;
  onSearch: (text: string) => void;
  placeholder?: string;
  delayMs?: number;
  testId?: string;
  width?: number | string;
}

export function SearchBox({ value, onSearch, placeholder, delayMs = 0, testId, width }: Props) {
  const [text, setText] = useState(value);
  const composing = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const report = (next: string) => {
    window.clearTimeout(timer.current);
    if (delayMs === 0) onSearchRef.current(next);
    else timer.current = window.setTimeout(() => onSearchRef.current(next), delayMs);
  };

  return (
    <Input
      allowClear
      value={text}
      placeholder={placeholder}
      data-testid={testId}
      style={width !== undefined ? { width } : undefined}
      onChange={(e) => {
        setText(e.target.value);
        if (!composing.current) report(e.target.value);
      }}
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={(e) => {
        composing.current = false;
        report(e.currentTarget.value);
      }}
      onPressEnter={() => {
        window.clearTimeout(timer.current);
        onSearchRef.current(text);
      }}
    />
  );
}
