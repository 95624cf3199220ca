/**
 * A search input that reports its text almost at once (a short delay only
 * groups very fast keystrokes), and not while a Chinese IME is still
 * composing pinyin.
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

export function SearchBox({ value, onSearch, placeholder, delayMs = 20, testId, width }: Props) {
  const [text, setText] = useState(value);
  const composing = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const report = (next: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => onSearchRef.current(next), delayMs);
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
