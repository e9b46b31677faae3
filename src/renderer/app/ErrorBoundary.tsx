// One broken component shows a translated message in its place, never a blank console: React
// unmounts the whole tree on an error nobody catches, so before these boundaries a bad time zone in
// one formatter blanked every page for every client (issue "Trust": settings, error boundaries).
// Boundaries sit around the whole app (main.tsx), each page (App.tsx) and each wall tile (WallGrid).
import { Component, Fragment, type CSSProperties, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type BoundaryVariant = 'app' | 'page' | 'tile';

interface Props {
  /** What this guards, for the console log ("page cameras", "tile 3"). */
  name: string;
  variant: BoundaryVariant;
  /** The tile's number, for its label. */
  tile?: number;
  /** Where the fallback sits (a tile keeps its grid cell). */
  style?: CSSProperties;
  children: ReactNode;
}

interface State {
  error: Error | null;
  /** Bumped by "Try again": a new key remounts the children from scratch. */
  attempt: number;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Watchfloor: ${this.props.name} failed`, error, info.componentStack);
  }

  private readonly retry = () => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));

  override render(): ReactNode {
    if (this.state.error) return <Fallback variant={this.props.variant} tile={this.props.tile} style={this.props.style} onRetry={this.retry} />;
    return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
  }
}

function Fallback({ variant, tile, style, onRetry }: { variant: BoundaryVariant; tile?: number; style?: CSSProperties; onRetry(): void }) {
  const { t } = useTranslation();
  const retry = (
    <button type="button" className="button" onClick={onRetry}>
      {t('boundary.retry')}
    </button>
  );
  if (variant === 'tile') {
    const label = t('boundary.tile', { n: tile ?? 0 });
    return (
      <section className="tile boundary" style={style} role="region" aria-label={label} data-tile={tile} data-state="failed">
        <p role="alert">{label}</p>
        {retry}
      </section>
    );
  }
  const body = (
    <div className={`boundary boundary--${variant}`} role="alert">
      <p>{t('boundary.body')}</p>
      {retry}
    </div>
  );
  // A page keeps its landmark and a level-1 title, so navigation and screen readers still find it.
  return (
    <main className="page" aria-labelledby="page-title">
      <header className="page__header">
        <h1 id="page-title" tabIndex={-1}>
          {t('boundary.title')}
        </h1>
      </header>
      <div className="page__body">{body}</div>
    </main>
  );
}
