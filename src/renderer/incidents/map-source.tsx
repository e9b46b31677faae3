// The incident log as the map's incident source (src/renderer/map/seams.ts): incidents with a place
// in a time window (markers and the heat layer), the quick incident form for a camera, and the
// cameras with an open alarm (their markers flash). Mounted once under the alarm and incident
// providers; the map shows these layers only while a source is provided.
import { useEffect } from 'react';
import { useAlarmViewStore, type AlarmView } from '../alarms/alarm-store';
import { useApp } from '../app/app-context';
import { provideIncidentSource, type MapIncident } from '../map/seams';
import { useIncidentLauncher } from './launcher';

/** At most this many incidents on the map at once (the newest in the window). */
const MAP_LIMIT = 2000;

export function MapIncidentSource() {
  const { api, can } = useApp();
  const { fromCamera } = useIncidentLauncher();
  const views = useAlarmViewStore();
  const allowed = can('incidents.view');
  useEffect(() => {
    if (!allowed) return;
    return provideIncidentSource({
      async list(from, to) {
        const out: MapIncident[] = [];
        let before: number | undefined;
        for (let seen = 0; seen < MAP_LIMIT; ) {
          const page = await api.call('incidents.list', { from, to: Math.max(from, to - 1), limit: 200, ...(before !== undefined ? { before } : {}) });
          seen += page.items.length;
          for (const i of page.items) {
            if (i.lat !== null && i.lon !== null) out.push({ id: i.id, title: i.title, occurredAt: i.occurredAt, severity: i.severity, lat: i.lat, lon: i.lon });
          }
          if (page.next === null || page.items.length === 0) break;
          before = page.next;
        }
        return out;
      },
      newIncident: (cameraId) => fromCamera(cameraId),
      ...(views
        ? {
            alarmedCameras(onChange: (ids: ReadonlySet<string>) => void) {
              const tell = (v: AlarmView) => onChange(new Set(v.byCamera.keys()));
              tell(views.get());
              return views.subscribe(() => tell(views.get()));
            },
          }
        : {}),
    });
  }, [allowed, api, fromCamera, views]);
  return null;
}
