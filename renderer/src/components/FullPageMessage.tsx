import type { ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { errorMessage } from '../api/errors';
import { zhCN } from '../i18n/zh-CN';

/** A centred panel on an empty page (start-up checks, errors, loading). */
export function FullPage({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="full-page">
      <div className={`full-page-panel${wide ? ' wide' : ''}`}>{children}</div>
    </div>
  );
}

export function FullPageLoading({ text }: { text: string }) {
  return (
    <div className="full-page">
      <Spin size="large" />
      <div className="full-page-loading-text">{text}</div>
    </div>
  );
}

/** `children`: more below the retry (the office server's choices when connected to one). */
export function FullPageError({ error, onRetry, children }: { error: unknown; onRetry: () => void; children?: ReactNode }) {
  return (
    <FullPage>
      <Result
        status="error"
        title={zhCN.health.unreachable}
        subTitle={errorMessage(error)}
        extra={<Button type="primary" onClick={onRetry}>{zhCN.common.retry}</Button>}
      />
      {children}
    </FullPage>
  );
}
