// A button that opens a short menu (WAI-ARIA menu button): arrows move, Enter runs, Esc closes.
// Each item runs a registered action by name, so the menu offers exactly what the keys and the
// palette offer, greyed where the action is not available now.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useActionRegistry } from '../actions/ActionsProvider';

export interface MenuItem {
  action: string;
  label: string;
  keys?: string;
}

export function MenuButton({ label, icon, items }: { label: string; icon: ReactNode; items: MenuItem[] }) {
  const registry = useActionRegistry();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const close = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);

  const onKey = (e: React.KeyboardEvent) => {
    const entries = [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = entries.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const n = entries.length;
      entries[(i + (e.key === 'ArrowDown' ? 1 : n - 1) + n) % n]?.focus();
    } else if (e.key === 'Escape') {
      setOpen(false);
      ref.current?.querySelector('button')?.focus();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="menu" ref={ref} onKeyDown={onKey}>
      <button type="button" className="button button--icon" aria-haspopup="menu" aria-expanded={open} aria-label={label} title={label} onClick={() => setOpen((o) => !o)}>
        {icon}
      </button>
      {open ? (
        <ul className="menu__list" role="menu" aria-label={label} ref={list}>
          {items.map((item) => {
            const bound = registry.find(item.action);
            const enabled = !!bound && registry.isEnabled(bound);
            return (
              <li role="none" key={item.action}>
                <button
                  type="button"
                  role="menuitem"
                  aria-disabled={!enabled}
                  onClick={() => {
                    if (!enabled) return;
                    setOpen(false);
                    registry.run(item.action);
                  }}
                >
                  <span>{item.label}</span>
                  {item.keys ? <kbd>{item.keys}</kbd> : null}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
