import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** Title line of a screen, with actions on the right. */
export function PageHeader({ title, sub, extra }: { title: ReactNode; sub?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="page-header-text">
        <Typography.Title level={4} className="page-title">{title}</Typography.Title>
        {sub && <span className="page-sub">{sub}</span>}
      </div>
      {extra && <div className="page-header-extra">{extra}</div>}
    </div>
  );
}
