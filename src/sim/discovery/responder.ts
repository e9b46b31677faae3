// WS-Discovery (2005/04, as ONVIF uses it) for the whole lab: ONE socket on UDP 3702 answers
// Probe for every camera, because several sockets on one port would split unicast probes
// between them. Multicast group 239.255.255.250; Hello when a camera comes up, Bye when it goes.
import { randomUUID } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { escapeXml, textOf } from '../onvif/soap';

export const WSD_GROUP = '239.255.255.250';
export const WSD_PORT = 3702;

export interface DiscoverableCamera {
  /** urn:uuid:... stable per camera */
  endpoint: string;
  xaddr: string;
  scopes: string[];
}

const NS =
  'xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
  'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl" ' +
  'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"';
const ACTION = 'http://schemas.xmlsoap.org/ws/2005/04/discovery';
const TYPES = 'dn:NetworkVideoTransmitter tds:Device';

function message(action: string, body: string, relatesTo?: string, to = 'urn:schemas-xmlsoap-org:ws:2005:04:discovery'): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope ${NS}><SOAP-ENV:Header>` +
    `<wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>` +
    (relatesTo ? `<wsa:RelatesTo>${escapeXml(relatesTo)}</wsa:RelatesTo>` : '') +
    `<wsa:To SOAP-ENV:mustUnderstand="true">${to}</wsa:To><wsa:Action SOAP-ENV:mustUnderstand="true">${ACTION}/${action}</wsa:Action>` +
    `</SOAP-ENV:Header><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

const endpointXml = (c: DiscoverableCamera) =>
  `<wsa:EndpointReference><wsa:Address>${c.endpoint}</wsa:Address></wsa:EndpointReference>` +
  `<d:Types>${TYPES}</d:Types><d:Scopes>${c.scopes.map(escapeXml).join(' ')}</d:Scopes>` +
  `<d:XAddrs>${c.xaddr}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>`;

export class DiscoveryResponder {
  private readonly cameras = new Map<string, DiscoverableCamera>();
  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly log: (line: string) => void,
  ) {
    socket.on('message', (msg, rinfo) => this.onMessage(msg.toString('utf8'), rinfo));
  }

  /** Binds the port; returns null (discovery off) when it cannot, after saying why. */
  static async start(port: number, log: (line: string) => void): Promise<DiscoveryResponder | null> {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(port, () => {
          socket.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      socket.close();
      log(`discovery off: cannot bind UDP ${port} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      return null;
    }
    try {
      socket.addMembership(WSD_GROUP);
      socket.setMulticastLoopback(true);
    } catch (err) {
      log(`discovery: multicast unavailable (${(err as NodeJS.ErrnoException).code ?? String(err)}); unicast probes only`);
    }
    socket.on('error', (err) => log(`discovery socket error: ${err.message}`));
    return new DiscoveryResponder(socket, socket.address().port, log);
  }

  /** Announces a camera (Hello) and answers probes for it from now on. */
  add(camera: DiscoverableCamera): void {
    this.cameras.set(camera.endpoint, camera);
    this.multicast(message('Hello', `<d:Hello>${endpointXml(camera)}</d:Hello>`));
  }

  /** Says Bye and stops answering for it. */
  remove(endpoint: string): void {
    if (!this.cameras.delete(endpoint)) return;
    const bye = `<d:Bye><wsa:EndpointReference><wsa:Address>${endpoint}</wsa:Address></wsa:EndpointReference></d:Bye>`;
    this.multicast(message('Bye', bye));
  }

  private multicast(xml: string): void {
    this.socket.send(xml, this.port, WSD_GROUP, (err) => {
      if (err) this.log(`discovery: could not multicast (${err.message})`);
    });
  }

  private onMessage(xml: string, rinfo: RemoteInfo): void {
    if (!/<(?:[\w-]+:)?Probe[\s>]/.test(xml)) return;
    const types = textOf(xml, 'Types') ?? '';
    // An empty Types matches everything; otherwise answer only for device/transmitter probes.
    if (types && !/NetworkVideoTransmitter|Device\b/.test(types)) return;
    const relatesTo = textOf(xml, 'MessageID');
    for (const camera of this.cameras.values()) {
      const reply = message(
        'ProbeMatches',
        `<d:ProbeMatches><d:ProbeMatch>${endpointXml(camera)}</d:ProbeMatch></d:ProbeMatches>`,
        relatesTo,
        'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous',
      );
      this.socket.send(reply, rinfo.port, rinfo.address);
    }
  }

  async dispose(): Promise<void> {
    for (const endpoint of [...this.cameras.keys()]) this.remove(endpoint);
    // Let the Byes leave before the socket closes.
    await new Promise((r) => setTimeout(r, 20));
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}
