// Edit mode, beside the map: the links from this map to others. Add one (choose the map, click
// where it goes), rename it, point it at another map, or remove it; its button on the map is
// dragged to move it. Every change is saved at once (maps.saveHotspot, audited).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapHotspot, MapInfo } from '../../shared/contract';
import { useActionRegistry } from '../actions/ActionsProvider';

export function HotspotEditor({ map, maps, hotspots, linking, onLinking, onSave }: {
  map: MapInfo;
  maps: readonly MapInfo[];
  hotspots: readonly MapHotspot[];
  linking: { targetId: string; label: string } | null;
  onLinking: (l: { targetId: string; label: string } | null) => void;
  onSave: (h: MapHotspot) => void;
}) {
  const { t } = useTranslation();
  const actions = useActionRegistry();
  const others = maps.filter((m) => m.id !== map.id);
  return (
    <section aria-label={t('pages.map.hotspots')} className="map-hotspots">
      <h2>{t('pages.map.hotspots')}</h2>
      <label className="map-side__selects">
        {t('pages.map.addHotspot')}
        <select
          value={linking?.targetId ?? ''}
          onChange={(e) => {
            const target = others.find((m) => m.id === e.target.value);
            onLinking(target ? { targetId: target.id, label: target.name } : null);
          }}
        >
          <option value="">—</option>
          {others.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      {linking ? <p className="muted">{t('pages.map.hotspotPlace', { name: linking.label })}</p> : null}
      {hotspots.length > 0 ? <p className="muted">{t('pages.map.hotspotDrag')}</p> : null}
      <ul className="map-hotspots__list">
        {hotspots.map((h) => (
          <HotspotRow key={h.id} hotspot={h} others={others} onSave={onSave} onRemove={() => actions.run('map.removeHotspot', h.id)} />
        ))}
      </ul>
    </section>
  );
}

function HotspotRow({ hotspot: h, others, onSave, onRemove }: { hotspot: MapHotspot; others: readonly MapInfo[]; onSave: (h: MapHotspot) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState(h.label);
  // A rename saved elsewhere (another console) shows here unless this one is being typed.
  const [savedLabel, setSavedLabel] = useState(h.label);
  if (savedLabel !== h.label) {
    setSavedLabel(h.label);
    setLabel(h.label);
  }
  const rename = () => {
    const next = label.trim();
    if (next && next !== h.label) onSave({ ...h, label: next });
    else setLabel(h.label);
  };
  return (
    <li className="map-hotspots__row" aria-label={h.label}>
      <label>
        <span className="muted">{t('pages.map.hotspotLabel')}</span>
        <input
          value={label}
          maxLength={200}
          onChange={(e) => setLabel(e.target.value)}
          onBlur={rename}
          onKeyDown={(e) => {
            if (e.key === 'Enter') rename();
            if (e.key === 'Escape') setLabel(h.label);
          }}
        />
      </label>
      <label>
        <span className="muted">{t('pages.map.hotspotTarget')}</span>
        <select value={h.targetId} onChange={(e) => onSave({ ...h, targetId: e.target.value })}>
          {others.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button button--quiet" onClick={onRemove}>
        {t('pages.map.hotspotRemove')}
      </button>
    </li>
  );
}
