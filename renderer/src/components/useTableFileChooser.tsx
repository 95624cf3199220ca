/**
 * The hidden file input behind a 选择文件 button, for the table files the app reads (xlsx, csv): one home for
 * what they accept, for the reset that lets the same file be chosen again after a fix, and for its test id.
 * The input is hidden inline too: antd's form items show a file input as a block.
 */
import { useRef, type ReactElement } from 'react';
import { TABLE_FILE_ACCEPT } from '../api/files';

export function useTableFileChooser(onChoose: (file: File) => void, testId: string): { open: () => void; input: ReactElement } {
  const ref = useRef<HTMLInputElement>(null);
  const input = (
    <input
      ref={ref}
      type="file"
      accept={TABLE_FILE_ACCEPT}
      className="hidden-input"
      style={{ display: 'none' }}
      data-testid={testId}
      onChange={(e) => {
        const chosen = e.target.files?.[0];
        e.target.value = '';
        if (chosen) onChoose(chosen);
      }}
    />
  );
  return { open: () => ref.current?.click(), input };
}
