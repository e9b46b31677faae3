// The wall's toolbar: one row, short, also in Vietnamese at 1280 px. The common controls are on
// it; the rest sit in the "More" menu and the command palette. Every button runs a registered
// action, and every dropdown hands the focus back to the wall when a choice is made, so the wall's
// keys keep working without a click.
import { useTranslation } from 'react-i18next';
import type { Tour, View } from '../../shared/contract';
import { PRESETS } from '../../shared/layouts';
import { useActionRegistry } from '../actions/ActionsProvider';
import { Icon } from '../app/Icon';
import { MenuButton, type MenuItem } from '../app/MenuButton';
import type { TourRun } from './use-tour';
import type { WallState } from './wall-state';

export interface WallToolbarProps {
  state: WallState;
  views: View[];
  tours: Tour[];
  tourRun: TourRun | null;
  editingGrid: boolean;
  /** Where the focus goes after a dropdown choice. */
  returnFocus(): void;
}

export function WallToolbar(p: WallToolbarProps) {
  const { t } = useTranslation();
  const registry = useActionRegistry();
  const run = (name: string) => registry.run(name);
  const current = p.views.find((v) => v.id === p.state.viewId);
  const choose = (e: React.ChangeEvent<HTMLSelectElement>, action: (value: string) => void) => {
    const value = e.target.value;
    e.currentTarget.blur();
    p.returnFocus();
    if (value) action(value);
  };
  const more: MenuItem[] = [
    { action: 'views.setDefault', label: t('actions.views.setDefault') },
    { action: 'views.delete', label: t('actions.views.delete') },
    { action: 'wall.newWindow', label: t('actions.wall.newWindow') },
    { action: 'wall.newWallWindow', label: t('actions.wall.newWallWindow') },
    { action: 'tours.new', label: t('actions.tours.new') },
    ...p.tours.filter((x) => x.editable).flatMap((x) => [
      { action: `tours.edit.${x.id}`, label: t('actions.tours.edit', { name: x.name }) },
      { action: `tours.delete.${x.id}`, label: t('actions.tours.delete', { name: x.name }) },
    ]),
    { action: 'app.keys', label: t('actions.keys'), keys: '?' },
    { action: 'app.palette', label: t('actions.palette'), keys: 'Ctrl+K' },
  ];
  return (
    <div className="wall__toolbar" role="toolbar" aria-label={t('pages.wall.toolbar')}>
      <label className="inline-field">
        <span>{t('pages.wall.layout')}</span>
        <select className="input input--compact" value={p.state.layout.name} onChange={(e) => choose(e, (v) => run(`wall.layout.${v}`))}>
          {PRESETS.map((l) => (
            <option key={l.name} value={l.name}>
              {l.name}
            </option>
          ))}
          {p.state.layout.name === 'custom' ? <option value="custom">{t('pages.wall.layoutCustom')}</option> : null}
        </select>
      </label>
      <button type="button" className="button button--icon" aria-pressed={p.editingGrid} onClick={() => run('wall.editGrid')} aria-label={t('pages.wall.editGrid')} title={t('pages.wall.editGrid')}>
        <Icon name="grid" />
      </button>
      <span className="toolbar__sep" />
      <label className="inline-field">
        <span>{t('pages.wall.view')}</span>
        <select className="input input--compact toolbar__view" value={p.state.viewId ?? ''} onChange={(e) => choose(e, (id) => run(`views.load.${id}`))}>
          <option value="">{t('pages.wall.viewNone')}</option>
          {p.views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.shortcut ? `${v.shortcut} · ` : ''}
              {v.shared ? t('pages.wall.viewShared', { name: v.name }) : v.name}
            </option>
          ))}
        </select>
      </label>
      {p.state.dirty && current ? (
        <span className="toolbar__note" role="status">
          {t('pages.wall.viewUnsaved')}
        </span>
      ) : null}
      <button type="button" className="button" onClick={() => run('views.save')} title={`${t('pages.wall.saveView')} (Ctrl+S)`}>
        {t('pages.wall.saveView')}
      </button>
      <span className="toolbar__sep" />
      {p.tourRun ? (
        <>
          {p.tourRun.paused ? (
            <button type="button" className="button button--primary" onClick={() => run('tours.resume')}>
              {t('pages.wall.tourResume')}
            </button>
          ) : (
            <button type="button" className="button" onClick={() => run('tours.pause')}>
              {t('pages.wall.tourPause')}
            </button>
          )}
          <button type="button" className="button" onClick={() => run('tours.stop')}>
            {t('pages.wall.tourStop')}
          </button>
        </>
      ) : (
        <select className="input input--compact" value="" onChange={(e) => choose(e, (id) => run(`tours.start.${id}`))} aria-label={t('pages.wall.tourStart')} title={t('pages.wall.tourStart')}>
          <option value="">{t('pages.wall.tourNone')}</option>
          {p.tours.map((tour) => (
            <option key={tour.id} value={tour.id}>
              {tour.name}
            </option>
          ))}
        </select>
      )}
      <span className="toolbar__spacer" />
      <button type="button" className="button button--icon" onClick={() => run('wall.operatorMode')} aria-label={t('actions.wall.operatorMode')} title={`${t('actions.wall.operatorMode')} (O)`}>
        <Icon name="operator" />
      </button>
      <button type="button" className="button button--icon" onClick={() => run('wall.fullscreen')} aria-keyshortcuts="F" aria-label={t('pages.wall.fullscreen')} title={t('pages.wall.fullscreen')}>
        <Icon name="fullscreen" />
      </button>
      <MenuButton label={t('pages.wall.more')} icon={<Icon name="more" />} items={more} />
    </div>
  );
}
