// Event recording's trigger: the camera's own motion and tampering events, through an ONVIF
// pull-point subscription (what Profile S/T cameras offer and what works behind NAT). Renewed before
// it lapses, re-created with backoff when the camera drops it, always unsubscribed at stop (cameras
// allow about ten). The first pull returns the current state ("Initialized"), which is taken as is.
import type { Logger } from '../../log/logger';
import { OnvifClient } from '../../onvif/client';
import { resolveServices } from '../../onvif/device';
import { createPullPointSubscription, PullPointSubscription, type OnvifEvent } from '../../onvif/events';

const createPullPointSubscriptionFor = (client: OnvifClient, s: PullPointSubscription) =>
  new PullPointSubscription(client, s.address, s.rawAddress, s.terminationTime);

export type TriggerKind = 'motion' | 'tampering';

/** Which trigger an event is, and whether it says "on" or "off"; null for anything else. */
export function classifyEvent(e: OnvifEvent): { kind: TriggerKind; active: boolean } | null {
  const kind: TriggerKind | null = /GlobalSceneChange|Tamper/i.test(e.topic) ? 'tampering' : /Motion/i.test(e.topic) ? 'motion' : null;
  if (!kind) return null;
  const value = e.data.IsMotion ?? e.data.State ?? e.data.IsTamper ?? e.data.Value ?? Object.values(e.data)[0];
  if (value === undefined) return null;
  return { kind, active: /^(true|1|on)$/i.test(value) };
}

export interface OnvifTriggerOptions {
  deviceUrl: string;
  username?: string;
  password?: string;
  logger: Logger;
  onTrigger: (kind: TriggerKind, active: boolean) => void;
  /** Long-poll length per PullMessages. */
  pullMs?: number;
}

/** Starts listening at once; returns the function that stops (and unsubscribes). */
export function startOnvifTrigger(o: OnvifTriggerOptions): () => Promise<void> {
  let stopped = false;
  // Aborts a long-poll in flight at stop, so no socket outlives the recorder.
  const abort = new AbortController();
  let sub: PullPointSubscription | null = null;
  let failures = 0;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });

  const loop = async () => {
    while (!stopped) {
      try {
        const client = new OnvifClient({ deviceUrl: o.deviceUrl, username: o.username, password: o.password, signal: abort.signal });
        await client.measureClock().catch(() => undefined);
        await resolveServices(client);
        sub = await createPullPointSubscription(client, 60_000);
        let renewAt = Date.now() + 30_000;
        while (!stopped) {
          const { events } = await sub.pull(o.pullMs ?? 5000, 50);
          failures = 0;
          for (const e of events) {
            const t = classifyEvent(e);
            if (t) o.onTrigger(t.kind, t.active);
          }
          if (Date.now() > renewAt) {
            await sub.renew(60_000);
            renewAt = Date.now() + 30_000;
          }
        }
      } catch (err) {
        if (stopped) break;
        failures++;
        const delay = Math.min(60_000, 2000 * 2 ** Math.min(5, failures - 1));
        o.logger.warn('camera events unavailable; retrying', { err: err instanceof Error ? err.message : String(err), retryInMs: delay });
        sub = null;
        await sleep(delay);
      }
    }
  };
  const running = loop();
  return async () => {
    stopped = true;
    wake?.();
    const s = sub;
    sub = null;
    abort.abort();
    // Unsubscribe with a client of its own (the loop's is aborted): cameras allow few subscriptions.
    if (s) {
      const client = new OnvifClient({ deviceUrl: o.deviceUrl, username: o.username, password: o.password, timeoutMs: 2000 });
      await client.measureClock().catch(() => undefined);
      await resolveServices(client).catch(() => undefined);
      await createPullPointSubscriptionFor(client, s)
        .unsubscribe()
        .catch(() => undefined);
    }
    await running;
  };
}
