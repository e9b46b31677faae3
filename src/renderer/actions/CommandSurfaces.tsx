// The command palette (Ctrl+K) and the key help (?), both built from the actions registry: what
// they list is exactly what the keys, buttons and joystick can run now, for this role.
import { useMemo, useRef, useState, useEffect, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { matchesSearch } from '../../shared/text';
import { useActionRegistry, useActions, useAvailableActions } from './ActionsProvider';
import { keyLabel } from './key-label';
import type { ActionGroup, ActionSpec, BoundAction } from './types';

const GROUP_ORDER: ActionGroup[] = ['wall', 'tile', 'views', 'tours', 'ptz', 'map', 'health', 'app'];
/** The palette leads with what an officer reaches for most: views, then the selected tile. */
const PALETTE_ORDER: ActionGroup[] = ['views', 'tile', 'wall', 'tours', 'ptz', 'map', 'health', 'register', 'app'];

type Surface = 'palette' | 'keys' | null;
interface Ctx {
  open: (s: Surface) => void;
}

const SURFACE_ACTIONS: ActionSpec<Ctx>[] = [
  { name: 'app.palette', labelKey: 'actions.palette', group: 'app', keys: ['Ctrl+K'], whileTyping: true, perform: (c) => c.open('palette') },
  { name: 'app.keys', labelKey: 'actions.keys', group: 'app', keys: ['?'], perform: (c) => c.open('keys') },
];

function useLabel() {
  const { t } = useTranslation();
  return (a: BoundAction) => t(a.spec.labelKey, a.spec.labelParams ?? {});
}

function Modal({ label, onClose, children, className }: { label: string; onClose(): void; children: React.ReactNode; className: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className={`dialog ${className}`} aria-label={label} onClose={onClose}>
      {children}
    </dialog>
  );
}

function Palette({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const registry = useActionRegistry();
  const actions = useAvailableActions();
  const label = useLabel();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const items = useMemo(
    () =>
      actions
        .filter((a) => !a.spec.hidden && a.spec.name !== 'app.palette')
        .filter((a) => !query || matchesSearch(`${label(a)} ${(a.spec.keys ?? []).join(' ')}`, query))
        .sort((x, y) => Number(registry.isEnabled(y)) - Number(registry.isEnabled(x)) || PALETTE_ORDER.indexOf(x.spec.group) - PALETTE_ORDER.indexOf(y.spec.group)),
    // `label` is stable for one language; the list follows the registry and the query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [actions, query, t],
  );
  const run = (a: BoundAction | undefined) => {
    if (!a || !registry.isEnabled(a)) return;
    onClose();
    // After the dialog has closed, so the command acts on the page and not on the palette.
    setTimeout(() => registry.run(a.spec.name), 0);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = items.length;
      if (n) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(items[active]);
    }
  };
  return (
    <Modal label={t('actions.palette')} onClose={onClose} className="palette">
      <input
        className="input palette__search"
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={items[active] ? `palette-${items[active]!.spec.name}` : undefined}
        aria-label={t('actions.paletteSearch')}
        placeholder={t('actions.paletteSearch')}
        value={query}
        onChange={(e) => (setQuery(e.target.value), setActive(0))}
        onKeyDown={onKey}
      />
      <ul id="palette-list" role="listbox" className="palette__list" aria-label={t('actions.palette')}>
        {items.length === 0 ? <li className="muted palette__none">{t('actions.noMatch')}</li> : null}
        {items.map((a, i) => {
          const enabled = registry.isEnabled(a);
          return (
            <li
              key={a.spec.name}
              id={`palette-${a.spec.name}`}
              role="option"
              aria-selected={i === active}
              aria-disabled={!enabled}
              className={`palette__item${i === active ? ' palette__item--active' : ''}`}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(a)}
            >
              <span className="palette__group">{t(`actions.group.${a.spec.group}`)}</span>
              <span className="palette__label">{label(a)}</span>
              {a.spec.keys?.length ? <kbd>{keyLabel(a.spec.keys[0]!)}</kbd> : null}
            </li>
          );
        })}
      </ul>
    </Modal>
  );
}

function KeyHelp({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const actions = useAvailableActions();
  const label = useLabel();
  const rows = useMemo(() => {
    const seen = new Set<string>();
    const out: { group: ActionGroup; label: string; keys: string }[] = [];
    for (const a of actions) {
      const fam = a.spec.family;
      if (fam) {
        if (seen.has(fam.labelKey)) continue;
        seen.add(fam.labelKey);
        out.push({ group: a.spec.group, label: t(fam.labelKey), keys: fam.keys });
      } else if (a.spec.keys?.length) out.push({ group: a.spec.group, label: label(a), keys: a.spec.keys.map(keyLabel).join(t('actions.or')) });
    }
    return GROUP_ORDER.map((g) => ({ group: g, rows: out.filter((r) => r.group === g) })).filter((g) => g.rows.length > 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actions, t]);
  return (
    <Modal label={t('actions.keys')} onClose={onClose} className="key-help">
      <h2>{t('actions.keys')}</h2>
      <div className="key-help__groups">
        {rows.map((g) => (
          <section key={g.group} aria-label={t(`actions.group.${g.group}`)}>
            <h3>{t(`actions.group.${g.group}`)}</h3>
            <table className="key-help__table">
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.label}>
                    <td>
                      <kbd>{r.keys}</kbd>
                    </td>
                    <td>{r.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" autoFocus onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}

/** Mounted once per window: registers Ctrl+K and ?, and shows whichever was asked for. */
export function CommandSurfaces() {
  const [open, setOpen] = useState<Surface>(null);
  const ctx = useMemo<Ctx>(() => ({ open: setOpen }), []);
  useActions(SURFACE_ACTIONS, ctx);
  if (open === 'palette') return <Palette onClose={() => setOpen(null)} />;
  if (open === 'keys') return <KeyHelp onClose={() => setOpen(null)} />;
  return null;
}
