// Where other features plug into the map without the map knowing them: incidents (markers with a
// time filter, and a heat layer), alarms (a camera's marker flashes), a new incident from a camera.
// The incidents feature registers a source when it is present; until then the map hides those
// controls. Each registration returns a way to take it back.
export interface MapIncident {
  id: string;
  title: string;
  /** When it happened (UTC ms). */
  occurredAt: number;
  severity: string;
  lat: number;
  lon: number;
}

export interface MapIncidentSource {
  /** Incidents that happened in [from, to) and have coordinates. */
  list(from: number, to: number): Promise<MapIncident[]>;
  /** Opens the quick incident form for a camera. */
  newIncident(cameraId: string): void;
  /** Cameras with an alarm now (their markers flash), and a way to hear of changes. */
  alarmedCameras?(onChange: (ids: ReadonlySet<string>) => void): () => void;
}

let source: MapIncidentSource | null = null;
const listeners = new Set<() => void>();

export function provideIncidentSource(s: MapIncidentSource): () => void {
  source = s;
  for (const l of listeners) l();
  return () => {
    if (source !== s) return;
    source = null;
    for (const l of listeners) l();
  };
}

export function incidentSource(): MapIncidentSource | null {
  return source;
}

export function onIncidentSource(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
