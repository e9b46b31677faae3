// Just enough SOAP for a camera: find the action and a few values by local name, ignoring
// prefixes (clients use tds:, ns0:, or none), and build SOAP 1.2 (or 1.1) envelopes and faults.
// Real cameras parse this loosely too; a full XML parser would not make the lab more faithful.

export type SoapVersion = '1.1' | '1.2';

export const NS_SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
export const NS_SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';

export interface SoapRequest {
  version: SoapVersion;
  /** Local name of the Body's first element, e.g. `GetProfiles`. */
  action: string;
  header: string;
  body: string;
}

const NAMESPACES = [
  'xmlns:tt="http://www.onvif.org/ver10/schema"',
  'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"',
  'xmlns:trt="http://www.onvif.org/ver10/media/wsdl"',
  'xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl"',
  'xmlns:tev="http://www.onvif.org/ver10/events/wsdl"',
  'xmlns:ter="http://www.onvif.org/ver10/error"',
  'xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"',
  'xmlns:wsa="http://www.w3.org/2005/08/addressing"',
  'xmlns:tns1="http://www.onvif.org/ver10/topics"',
].join(' ');

/** Returns null when the text is not a SOAP envelope with a body element. */
export function parseSoap(xml: string): SoapRequest | null {
  const env = /<(?:[\w-]+:)?Envelope\b[^>]*>/.exec(xml);
  if (!env) return null;
  const version: SoapVersion = env[0].includes(NS_SOAP11) ? '1.1' : '1.2';
  const header = /<(?:[\w-]+:)?Header\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?Header>/.exec(xml)?.[1] ?? '';
  const bodyMatch = /<(?:[\w-]+:)?Body\b[^>]*>([\s\S]*)<\/(?:[\w-]+:)?Body>/.exec(xml);
  if (!bodyMatch) return null;
  const body = bodyMatch[1]!;
  const first = /<(?:[\w-]+:)?([\w-]+)\b/.exec(body);
  if (!first) return null;
  return { version, action: first[1]!, header, body };
}

const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text of the first element with this local name (any prefix), or undefined. */
export function textOf(xml: string, localName: string): string | undefined {
  const m = new RegExp(`<(?:[\\w-]+:)?${localName}\\b[^>]*>([^<]*)</(?:[\\w-]+:)?${localName}>`).exec(xml);
  return m ? unescape(m[1]!.trim()) : undefined;
}

/** The whole first element with this local name (for nested lookups), or undefined. */
export function elementOf(xml: string, localName: string): string | undefined {
  const re = new RegExp(`<(?:[\\w-]+:)?${localName}\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:[\\w-]+:)?${localName}>)`);
  return re.exec(xml)?.[0];
}

/** An attribute of the first element with this local name. */
export function attrOf(xml: string, localName: string, attr: string): string | undefined {
  const el = new RegExp(`<(?:[\\w-]+:)?${localName}\\b([^>]*)>`).exec(xml);
  if (!el) return undefined;
  const a = new RegExp(`\\b${attr}\\s*=\\s*"([^"]*)"`).exec(el[1]!) ?? new RegExp(`\\b${attr}\\s*=\\s*'([^']*)'`).exec(el[1]!);
  return a ? unescape(a[1]!) : undefined;
}

export function numberAttr(xml: string | undefined, localName: string, attr: string): number | undefined {
  if (!xml) return undefined;
  const v = attrOf(xml, localName, attr);
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function envelope(body: string, version: SoapVersion, header = ''): string {
  const ns = version === '1.1' ? NS_SOAP11 : NS_SOAP12;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${ns}" ${NAMESPACES}>` +
    (header ? `<SOAP-ENV:Header>${header}</SOAP-ENV:Header>` : '') +
    `<SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>\n`
  );
}

export type FaultCode = 'Sender' | 'Receiver';

/** A SOAP fault in the shape Hikvision/Axis send (SOAP 1.2 Code/Subcode, 1.1 faultcode). */
export function faultBody(code: FaultCode, subcode: string, reason: string, version: SoapVersion): string {
  if (version === '1.1') {
    const c = code === 'Sender' ? 'SOAP-ENV:Client' : 'SOAP-ENV:Server';
    return `<SOAP-ENV:Fault><faultcode>${c}</faultcode><faultstring>${escapeXml(reason)}</faultstring><detail><ter:Subcode>${subcode}</ter:Subcode></detail></SOAP-ENV:Fault>`;
  }
  return (
    `<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:${code}</SOAP-ENV:Value>` +
    `<SOAP-ENV:Subcode><SOAP-ENV:Value>${subcode}</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code>` +
    `<SOAP-ENV:Reason><SOAP-ENV:Text xml:lang="en">${escapeXml(reason)}</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault>`
  );
}

/** Thrown by handlers; the server turns it into a fault with the right HTTP status. */
export class SoapFault extends Error {
  constructor(
    readonly code: FaultCode,
    readonly subcode: string,
    reason: string,
    readonly httpStatus = code === 'Sender' ? 400 : 500,
  ) {
    super(reason);
  }
}

/** ISO 8601 duration (PT5S, PT1M30.5S, PT0.5S) to milliseconds; undefined when absent/invalid. */
export function parseDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, d, h, min, s] = m;
  return (((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60 + Number(s ?? 0)) * 1000;
}
