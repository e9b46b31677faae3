// Events service (ver10/events/wsdl), pull-point only (what ONVIF Profile S/T cameras must
// offer and what NVRs use behind NAT). Messages follow Hikvision's and Axis's topic layout.
import type { Handler, OnvifCamera } from './context';
import { parseDuration, SoapFault, textOf } from './soap';

export type EventTopic = 'motion' | 'tampering';

interface Subscription {
  id: number;
  queue: string[];
  expiresAt: number;
  waiter: (() => void) | null;
}

const DEFAULT_TERMINATION_MS = 60_000;
/** Long-poll cap: clients ask for PT60S but we must not hold tests hostage. */
const MAX_PULL_WAIT_MS = 10_000;

export class EventHub {
  private readonly subs = new Map<number, Subscription>();
  private seq = 1;

  constructor(private readonly nowMs: () => number) {}

  subscribe(terminationMs = DEFAULT_TERMINATION_MS): Subscription {
    this.expire();
    const sub: Subscription = { id: this.seq++, queue: [], expiresAt: Date.now() + terminationMs, waiter: null };
    this.subs.set(sub.id, sub);
    // Real cameras first send the current state of every property ("Initialized").
    sub.queue.push(motionMessages(false, this.nowMs(), 'Initialized'), tamperMessage(false, this.nowMs(), 'Initialized'));
    return sub;
  }

  get(id: number): Subscription | undefined {
    this.expire();
    return this.subs.get(id);
  }

  /** SetSynchronizationPoint: the current state again, as "Initialized" messages. */
  resync(sub: Subscription): void {
    sub.queue.push(motionMessages(false, this.nowMs(), 'Initialized'), tamperMessage(false, this.nowMs(), 'Initialized'));
    sub.waiter?.();
  }

  remove(id: number): boolean {
    const sub = this.subs.get(id);
    sub?.waiter?.();
    return this.subs.delete(id);
  }

  raise(topic: EventTopic, active: boolean): void {
    this.expire();
    const now = this.nowMs();
    const msg = topic === 'motion' ? motionMessages(active, now, 'Changed') : tamperMessage(active, now, 'Changed');
    for (const sub of this.subs.values()) {
      sub.queue.push(msg);
      sub.waiter?.();
    }
  }

  /** Waits up to `timeoutMs` for messages, then takes at most `limit`. */
  async pull(sub: Subscription, timeoutMs: number, limit: number): Promise<string[]> {
    if (sub.queue.length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(timeoutMs, MAX_PULL_WAIT_MS));
        function done() {
          clearTimeout(timer);
          sub.waiter = null;
          resolve();
        }
        sub.waiter = done;
      });
    }
    return sub.queue.splice(0, Math.max(1, limit));
  }

  /** Ends every long poll (camera reboot or lab stop). */
  close(): void {
    for (const sub of this.subs.values()) sub.waiter?.();
    this.subs.clear();
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, sub] of this.subs) if (sub.expiresAt < now) this.remove(id);
  }
}

function notification(topic: string, utc: string, op: string, source: string, data: string): string {
  return (
    '<wsnt:NotificationMessage><wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">' +
    `${topic}</wsnt:Topic><wsnt:Message><tt:Message UtcTime="${utc}" PropertyOperation="${op}">` +
    `<tt:Source>${source}</tt:Source><tt:Data>${data}</tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>`
  );
}

const item = (name: string, value: string) => `<tt:SimpleItem Name="${name}" Value="${value}"/>`;

function motionMessages(active: boolean, nowMs: number, op: string): string {
  const utc = new Date(nowMs).toISOString();
  return (
    notification(
      'tns1:RuleEngine/CellMotionDetector/Motion',
      utc,
      op,
      item('VideoSourceConfigurationToken', 'VideoSourceConfigToken') +
        item('VideoAnalyticsConfigurationToken', 'VideoAnalyticsToken') +
        item('Rule', 'MyMotionDetectorRule'),
      item('IsMotion', String(active)),
    ) + notification('tns1:VideoSource/MotionAlarm', utc, op, item('Source', 'VideoSource_1'), item('State', String(active)))
  );
}

function tamperMessage(active: boolean, nowMs: number, op: string): string {
  return notification(
    'tns1:VideoSource/GlobalSceneChange/ImagingService',
    new Date(nowMs).toISOString(),
    op,
    item('Source', 'VideoSource_1'),
    item('State', String(active)),
  );
}

function subscriptionId(url: URL, header: string): number {
  const fromPath = /\/subscription\/(\d+)/.exec(url.pathname)?.[1];
  const fromTo = /\/subscription\/(\d+)/.exec(textOf(header, 'To') ?? '')?.[1];
  return Number(fromPath ?? fromTo ?? NaN);
}

function subscriptionOf(cam: OnvifCamera, url: URL, header: string) {
  const sub = cam.events.get(subscriptionId(url, header));
  if (!sub) throw new SoapFault('Sender', 'ter:InvalidArgVal', 'No such subscription (expired or unsubscribed)');
  return sub;
}

export const eventHandlers: Record<string, Handler> = {
  CreatePullPointSubscription: (req, cam) => {
    const termination = parseDuration(textOf(req.body, 'InitialTerminationTime'));
    const sub = cam.events.subscribe(termination);
    const now = cam.nowMs();
    return (
      '<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference>' +
      `<wsa:Address>http://${cam.info.host}:${cam.info.onvifPort}/onvif/subscription/${sub.id}</wsa:Address>` +
      `</tev:SubscriptionReference><wsnt:CurrentTime>${new Date(now).toISOString()}</wsnt:CurrentTime>` +
      `<wsnt:TerminationTime>${new Date(now + (sub.expiresAt - Date.now())).toISOString()}</wsnt:TerminationTime>` +
      '</tev:CreatePullPointSubscriptionResponse>'
    );
  },
  PullMessages: async (req, cam, url) => {
    const sub = subscriptionOf(cam, url, req.header);
    const timeout = parseDuration(textOf(req.body, 'Timeout')) ?? 0;
    const limit = Number(textOf(req.body, 'MessageLimit') ?? 100) || 100;
    sub.expiresAt = Math.max(sub.expiresAt, Date.now() + DEFAULT_TERMINATION_MS);
    const messages = await cam.events.pull(sub, timeout, limit);
    const now = cam.nowMs();
    return (
      `<tev:PullMessagesResponse><tev:CurrentTime>${new Date(now).toISOString()}</tev:CurrentTime>` +
      `<tev:TerminationTime>${new Date(now + DEFAULT_TERMINATION_MS).toISOString()}</tev:TerminationTime>` +
      messages.join('') +
      '</tev:PullMessagesResponse>'
    );
  },
  Renew: (req, cam, url) => {
    const sub = subscriptionOf(cam, url, req.header);
    sub.expiresAt = Date.now() + (parseDuration(textOf(req.body, 'TerminationTime')) ?? DEFAULT_TERMINATION_MS);
    const now = cam.nowMs();
    return `<wsnt:RenewResponse><wsnt:TerminationTime>${new Date(now + sub.expiresAt - Date.now()).toISOString()}</wsnt:TerminationTime><wsnt:CurrentTime>${new Date(now).toISOString()}</wsnt:CurrentTime></wsnt:RenewResponse>`;
  },
  SetSynchronizationPoint: (req, cam, url) => {
    cam.events.resync(subscriptionOf(cam, url, req.header));
    return '<tev:SetSynchronizationPointResponse/>';
  },
  Unsubscribe: (req, cam, url) => {
    const sub = subscriptionOf(cam, url, req.header);
    cam.events.remove(sub.id);
    return '<wsnt:UnsubscribeResponse/>';
  },
  GetEventProperties: () =>
    '<tev:GetEventPropertiesResponse><tev:TopicNamespaceLocation>http://www.onvif.org/onvif/ver10/topics/topicns.xml</tev:TopicNamespaceLocation>' +
    '<wsnt:FixedTopicSet>true</wsnt:FixedTopicSet><wstop:TopicSet xmlns:wstop="http://docs.oasis-open.org/wsn/t-1">' +
    '<tns1:RuleEngine><CellMotionDetector><Motion wstop:topic="true"/></CellMotionDetector></tns1:RuleEngine>' +
    '<tns1:VideoSource><MotionAlarm wstop:topic="true"/><GlobalSceneChange><ImagingService wstop:topic="true"/></GlobalSceneChange></tns1:VideoSource>' +
    '</wstop:TopicSet></tev:GetEventPropertiesResponse>',
  GetServiceCapabilities: () =>
    '<tev:GetServiceCapabilitiesResponse><tev:Capabilities WSSubscriptionPolicySupport="false" WSPullPointSupport="true" WSPausableSubscriptionManagerInterfaceSupport="false" MaxNotificationProducers="0" MaxPullPoints="10"/></tev:GetServiceCapabilitiesResponse>',
};
