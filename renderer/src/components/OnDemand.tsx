/**
 * Screens load on demand (issue 14): each page's module — and what only it
 * uses, pdf.js among them — is fetched the first time its route is shown, so
 * the login page loads only the frame; a chart's module (ECharts) is fetched
 * only when a chart is drawn. `lazyExport` loads a module's named component; `OnDemand` shows a spinner while it loads and,
 * if what it holds cannot be shown (its file could not be loaded — a broken
 * install, a disk error — or it failed while drawing), says so with the error
 * and a reload instead of leaving a blank page.
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { zhCN } from '../i18n/zh-CN';

/** A page or a chart: a function component. */
type Page = (props: never) => ReactNode;
/** A page's props: its first parameter, none for a page that takes none. */
type PropsOf<P extends Page> = Parameters<P> extends [infer Props, ...unknown[]] ? Props : object;

export function lazyExport<Name extends string, Module extends Record<Name, Page>>(load: () => Promise<Module>, name: Name) {
  // The cast only restates the page's own props for lazy(), which wants a ComponentType.
  return lazy(async () => ({ default: (await load())[name] as unknown as ComponentType<PropsOf<Module[Name]>> }));
}

class ScreenFailure extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title={zhCN.common.screenFailed}
        subTitle={this.state.error.message}
        extra={<Button type="primary" onClick={() => window.location.reload()}>{zhCN.common.reload}</Button>}
        data-testid="screen-failed"
      />
    );
  }
}

export function OnDemand({ children }: { children: ReactNode }) {
  return (
    <ScreenFailure>
      <Suspense fallback={<div className="on-demand-loading" data-testid="on-demand-loading"><Spin /></div>}>{children}</Suspense>
    </ScreenFailure>
  );
}
