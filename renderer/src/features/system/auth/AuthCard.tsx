import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { zhCN } from '../../../i18n/zh-CN';

/** The frame of the account screens: app name above a card. */
interface Props {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  wide?: boolean;
  className?: string;
  /** Below the card: where this PC's data is (the first screens' 连接到办公室服务器). */
  footer?: ReactNode;
}

export function AuthCard({ title, intro, children, wide = false, className, footer }: Props) {
  return (
    <div className={`auth-page${className ? ` ${className}` : ''}`}>
      <div className="auth-brand">
        <div className="auth-brand-title">{zhCN.app.title}</div>
        <div className="auth-brand-sub">{zhCN.app.subtitle}</div>
      </div>
      <div className={`auth-card${wide ? ' wide' : ''}`}>
        <Typography.Title level={4} className="auth-card-title">{title}</Typography.Title>
        {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
        {children}
      </div>
      {footer && <div className="auth-footer">{footer}</div>}
    </div>
  );
}
