// ONVIF event messages → alarm kinds. Topics differ by make; what they share is a word in the
// topic and a boolean data item:
//   motion     tns1:RuleEngine/CellMotionDetector/Motion (IsMotion), tns1:VideoSource/MotionAlarm
//              (State), tns1:RuleEngine/MotionRegionDetector/Motion (State) — Hikvision sends the
//              first two for one motion, so the kind is the OR of every motion source's state;
//   tampering  tns1:VideoSource/GlobalSceneChange/ImagingService (State), …/Tamper (IsTamper);
//   video loss tns1:VideoSource/SignalLoss (State), Dahua's …/VideoLoss.
import type { AlarmKind } from '../../shared/contract';
import type { OnvifEvent } from '../onvif';

export function kindOfTopic(topic: string): 'motion' | 'tampering' | 'video_loss' | null {
  const t = topic.toLowerCase();
  if (t.includes('motion')) return 'motion';
  if (t.includes('globalscenechange') || t.includes('tamper')) return 'tampering';
  if (t.includes('signalloss') || t.includes('videoloss')) return 'video_loss';
  return null;
}

const ACTIVE_ITEMS = ['IsMotion', 'State', 'IsTamper', 'IsVideoLoss', 'IsSignalLoss', 'Value'];

/** true / false from the message's data; null when it carries no state we understand. */
export function activeOf(data: Record<string, string>): boolean | null {
  for (const k of ACTIVE_ITEMS) {
    const v = data[k];
    if (v === undefined) continue;
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === '1') return true;
    if (s === 'false' || s === '0') return false;
  }
  return null;
}

/**
 * A camera's event state: each (topic, source) remembered, each kind active while any of its
 * sources is. `update` returns the kinds that just became active. "Initialized" messages (the
 * current state a new subscription starts with) set the state silently for motion — motion that
 * was already under way is not news — but a camera that is tampered with or has lost its video
 * when we (re)subscribe is, so those raise.
 */
export class CameraEventState {
  private readonly sources = new Map<string, boolean>();

  update(events: OnvifEvent[]): AlarmKind[] {
    // Message by message, in the camera's order: "off, on" in one pull is a new motion even when
    // the last one was never seen to end, and two motions in one pull are two (the queue counts them).
    const raised: AlarmKind[] = [];
    for (const e of events) {
      const kind = kindOfTopic(e.topic);
      const active = activeOf(e.data);
      if (!kind || active === null) continue;
      const before = this.activeKinds().has(kind);
      const key = `${kind}|${e.topic}|${Object.entries(e.source)
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}`;
      if (e.operation === 'Deleted') this.sources.delete(key);
      else this.sources.set(key, active);
      const now = this.activeKinds().has(kind);
      if (!before && now && (e.operation !== 'Initialized' || kind !== 'motion')) raised.push(kind);
    }
    return raised;
  }

  /** A new subscription starts from the camera's word, not ours. */
  reset(): void {
    this.sources.clear();
  }

  private activeKinds(): Set<AlarmKind> {
    const out = new Set<AlarmKind>();
    for (const [key, on] of this.sources) if (on) out.add(key.split('|')[0] as AlarmKind);
    return out;
  }
}
