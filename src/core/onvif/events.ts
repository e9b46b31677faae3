// Events service, pull-point only (ONVIF Core 9.2): what Profile S/T cameras must offer and what
// works behind NAT. A later issue builds alarms on this; facts it relies on (design.md):
//  - subscription addresses may contain colons (Hikvision: .../PullSubManager_2019-02-23T11:51:31Z_1)
//    and are rebased onto the camera's origin like every other address it gives us;
//  - the first pull returns the current state as PropertyOperation="Initialized" messages;
//  - cameras allow ~10 subscriptions: always Unsubscribe, and renew rather than re-create;
//  - many answer `Connection: close` (soap.ts never pools sockets).
import { type OnvifClient } from './client';
import { notSupportedError } from './errors';
import { NS } from './soap';
import { child, childrenOf, escapeXml, findAll, textOf, type XmlElement } from './xml';

export interface OnvifEvent {
  /** e.g. tns1:RuleEngine/CellMotionDetector/Motion (prefix as the camera wrote it). */
  topic: string;
  utcTime?: string;
  /** Initialized, Changed or Deleted (absent on stateless events). */
  operation?: string;
  source: Record<string, string>;
  data: Record<string, string>;
}

function items(el: XmlElement | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const it of childrenOf(el, 'SimpleItem')) if (it.attrs.Name !== undefined) out[it.attrs.Name] = it.attrs.Value ?? '';
  return out;
}

export function parseNotifications(body: XmlElement): OnvifEvent[] {
  return findAll(body, 'NotificationMessage').map((nm) => {
    const msg = child(child(nm, 'Message'), 'Message');
    return {
      topic: textOf(child(nm, 'Topic')) ?? '',
      utcTime: msg?.attrs.UtcTime,
      operation: msg?.attrs.PropertyOperation,
      source: items(child(msg, 'Source')),
      data: items(child(msg, 'Data')),
    };
  });
}

const duration = (ms: number) => `PT${Math.max(0, Math.round(ms / 100) / 10)}S`;

export class PullPointSubscription {
  constructor(
    private readonly client: OnvifClient,
    /** Where PullMessages/Renew/Unsubscribe go (rebased onto the camera's origin). */
    readonly address: string,
    /** As the camera wrote it (some want it back verbatim in wsa:To). */
    readonly rawAddress: string,
    public terminationTime: string | undefined,
  ) {}

  private header(action: string): string {
    return `<wsa:Action xmlns:wsa="${NS.wsa}">${action}</wsa:Action><wsa:To xmlns:wsa="${NS.wsa}">${escapeXml(this.rawAddress)}</wsa:To>`;
  }

  /** Long-polls up to `waitMs` for at most `limit` messages. */
  async pull(waitMs = 5000, limit = 100): Promise<{ events: OnvifEvent[]; terminationTime?: string }> {
    const body = await this.client.call(
      'events',
      'PullMessages',
      `<PullMessages xmlns="${NS.tev}"><Timeout>${duration(waitMs)}</Timeout><MessageLimit>${Math.max(1, Math.floor(limit))}</MessageLimit></PullMessages>`,
      {
        url: this.address,
        header: this.header('http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/PullMessagesRequest'),
        // The camera holds the answer up to waitMs: the deadline is on top of that.
        timeoutMs: waitMs + this.client.timeoutMs,
      },
    );
    const tt = textOf(child(body, 'TerminationTime'));
    if (tt) this.terminationTime = tt;
    return { events: parseNotifications(body), terminationTime: tt };
  }

  async renew(terminationMs = 60_000): Promise<void> {
    const body = await this.client.call('events', 'Renew', `<Renew xmlns="${NS.wsnt}"><TerminationTime>${duration(terminationMs)}</TerminationTime></Renew>`, {
      url: this.address,
      header: this.header('http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest'),
    });
    this.terminationTime = textOf(child(body, 'TerminationTime')) ?? this.terminationTime;
  }

  /** Asks the camera to send the current state again (Initialized messages). */
  async setSynchronizationPoint(): Promise<void> {
    await this.client.call('events', 'SetSynchronizationPoint', `<SetSynchronizationPoint xmlns="${NS.tev}"/>`, {
      url: this.address,
      header: this.header('http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/SetSynchronizationPointRequest'),
    });
  }

  async unsubscribe(): Promise<void> {
    await this.client.call('events', 'Unsubscribe', `<Unsubscribe xmlns="${NS.wsnt}"/>`, {
      url: this.address,
      header: this.header('http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest'),
    });
  }
}

export async function createPullPointSubscription(client: OnvifClient, terminationMs = 60_000): Promise<PullPointSubscription> {
  if (!client.serviceUrl('events')) throw notSupportedError(client.address, 'events');
  const body = await client.call(
    'events',
    'CreatePullPointSubscription',
    `<CreatePullPointSubscription xmlns="${NS.tev}"><InitialTerminationTime>${duration(terminationMs)}</InitialTerminationTime></CreatePullPointSubscription>`,
  );
  const raw = textOf(child(child(body, 'SubscriptionReference'), 'Address'));
  if (!raw) throw notSupportedError(client.address, 'pull-point subscription');
  return new PullPointSubscription(client, client.rebase(raw), raw, textOf(child(body, 'TerminationTime')));
}


