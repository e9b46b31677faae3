import type { ReactNode } from 'react';

/**
 * Every page: a main landmark named by its title, with optional tools beside the title.
 * `quietTitle`: the title is there for screen readers and focus but not drawn (the wall needs the
 * header's width for its toolbar, and the navigation already says where we are).
 */
export function Page({ title, tools, children, className, quietTitle }: { title: string; tools?: ReactNode; children: ReactNode; className?: string; quietTitle?: boolean }) {
  return (
    <main className={`page ${className ?? ''}`} aria-labelledby="page-title">
      <header className="page__header">
        <h1 id="page-title" tabIndex={-1} className={quietTitle ? 'visually-hidden' : undefined}>
          {title}
        </h1>
        {tools ? <div className="page__tools">{tools}</div> : null}
      </header>
      <div className="page__body">{children}</div>
    </main>
  );
}
