import { useTranslation } from 'react-i18next';
import type { PageId } from './routes';

const ICONS: Record<PageId, string> = {
  wall: 'M3 3h8v8H3zM13 3h8v8h-8zM3 13h8v8H3zM13 13h8v8h-8z',
  map: 'M9 3 3 5v16l6-2 6 2 6-2V3l-6 2-6-2zm0 2 6 2v12l-6-2V5z',
  incidents: 'M12 2 1 21h22L12 2zm0 5 7.5 12h-15L12 7zm-1 4v4h2v-4h-2zm0 5v2h2v-2h-2z',
  health: 'M3 12h4l2-5 4 10 2-5h6v2h-4.7L13 21 9 11l-.7 3H3v-2z',
  cameras: 'M4 6h11a2 2 0 0 1 2 2v1l4-2v10l-4-2v1a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z',
  playback: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm-2 5 6 4-6 4V8z',
  reports: 'M4 20V10h3v10H4zm6 0V4h3v16h-3zm6 0v-7h3v7h-3z',
  users: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-4 0-7 2-7 5v2h14v-2c0-3-3-5-7-5zm8-2a3 3 0 1 0 0-6v6zm1 2h-1.5c1.6 1.2 2.5 2.9 2.5 5v2h3v-2c0-2.6-1.8-4.3-4-5z',
  audit: 'M6 2h9l5 5v15H6V2zm8 1.5V8h4.5L14 3.5zM9 12h8v2H9v-2zm0 4h8v2H9v-2zm0-8h4v2H9V8z',
  settings: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm9 5v-2l-2.3-.6-.6-1.5 1.2-2-1.4-1.4-2 1.2-1.5-.6L14 3h-2l-.6 2.3-1.5.6-2-1.2-1.4 1.4 1.2 2-.6 1.5L3 11v2l2.3.6.6 1.5-1.2 2 1.4 1.4 2-1.2 1.5.6L10 21h2l.6-2.3 1.5-.6 2 1.2 1.4-1.4-1.2-2 .6-1.5L21 13z',
};

export function Navigation({ pages, current, onNavigate }: { pages: readonly PageId[]; current: PageId; onNavigate: (p: PageId) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="nav__brand" aria-hidden="true">
        WF
      </div>
      <ul>
        {pages.map((p, i) => (
          <li key={p}>
            <a
              href={`#/${p}`}
              className={p === current ? 'nav__link nav__link--current' : 'nav__link'}
              aria-current={p === current ? 'page' : undefined}
              aria-keyshortcuts={i < 10 ? `Alt+${(i + 1) % 10}` : undefined}
              title={i < 10 ? `${t(`nav.${p}`)} (${t('nav.shortcut', { key: (i + 1) % 10 })})` : t(`nav.${p}`)}
              onClick={(e) => {
                e.preventDefault();
                onNavigate(p);
              }}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true" className="nav__icon">
                <path d={ICONS[p]} />
              </svg>
              <span>{t(`nav.${p}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
