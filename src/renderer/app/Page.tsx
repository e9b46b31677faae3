import type { ReactNode } from 'react';

/** Every page: a main landmark named by its title, with optional tools beside the title. */
export function Page({ title, tools, children, className }: { title: string; tools?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <main className={`page ${className ?? ''}`} aria-labelledby="page-title">
      <header className="page__header">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {tools ? <div className="page__tools">{tools}</div> : null}
      </header>
      <div className="page__body">{children}</div>
    </main>
  );
}
