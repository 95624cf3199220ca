/**
 * Screens load on demand (issue 14): each page's module — and what only it
 * uses, pdf.js among them — is fetched the first time its route is shown, so
 * the login page loads only the frame; a chart's module (ECharts) is fetched
 * only when a chart is drawn. `lazyExport` loads a module's named component; `OnDemand` shows a spinner while it loads and,
 * if what it holds cannot be shown (its file could not be loaded — a broken
 * install, a disk error — or it failed while drawing), says so with the error
 * and a reload instead of leaving a blank page.
 */
import { Component, createElement, lazy, Suspense, type FunctionComponent, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { zhCN } from '../i18n/zh-CN';

/** A page or a chart: a function component. */
type Page = (props: never) => ReactNode;
/** A page's props: its first parameter, none for a page that takes none. */
type PropsOf<P extends Page> = Parameters<P> extends [infer Props, ...unknown[]] ? Props : object;

/** The screens' loaders (lazyScreen), for warming them once the app is idle (warmScreens). */
const loaders: (() => Promise<unknown>)[] = [];

/** A screen of the app's frame: on demand like any lazyExport, and warmed in idle time after sign-in. */
export function lazyScreen<Name extends string, Module extends Record<Name, Page>>(load: () => Promise<Module>, name: Name) {
  return lazyExport(load, name, true);
}

/** A module's named component, loaded the first time it is drawn (a chart's module, a print view). */
export function lazyExport<Name extends string, Module extends Record<Name, Page>>(load: () => Promise<Module>, name: Name, warm = false) {
  type Props = PropsOf<Module[Name]>;
  // The cast only restates the page's own props, which React wants as a ComponentType.
  let loaded: FunctionComponent<Props> | null = null;
  const loadAndKeep = async () => {
    loaded = (await load())[name] as unknown as FunctionComponent<Props>;
    return { default: loaded };
  };
  if (warm) loaders.push(loadAndKeep);
  const Lazy = lazy(loadAndKeep);
  // Once the code is here (warmed, or visited before) the page is drawn at once: through lazy() it would suspend
  // anyway, and React holds a shown fallback at least 300 ms before the page replaces it.
  function OnDemandScreen(props: Props) {
    return createElement((loaded ?? Lazy) as FunctionComponent<object>, props as object);
  }
  return OnDemandScreen;
}

/**
 * After sign-in, while the person reads the first screen, the other screens' code (not the charts' ECharts, not
 * the print views) is fetched and compiled one by one in idle time, so that the first visit of each is as quick as the next (issue 15's page change); the login
 * page itself still loads only the frame. A failed load is left to the screen's own visit, which says so.
 */
export function warmScreens(): () => void {
  let stopped = false;
  const idle = (run: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 50));
  const next = (i: number) => {
    if (stopped || i >= loaders.length) return;
    idle(() => { void loaders[i]!().catch(() => undefined).finally(() => next(i + 1)); });
  };
  next(0);
  return () => { stopped = true; };
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
