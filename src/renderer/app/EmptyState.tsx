import type { ReactNode } from 'react';

export function EmptyState({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <div className="empty-state__mark" aria-hidden="true" />
      <h2>{title}</h2>
      <p>{body}</p>
      {children}
    </section>
  );
}
