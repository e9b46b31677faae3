// Device service (ver10/device/wsdl). Answers follow the shape of a Hikvision DS-2DE PTZ dome
// (captured answers trimmed to what clients read); the PTZ entries vanish for fixed cameras.
import type { Handler, OnvifCamera } from './context';
import { serviceUrl } from './context';
import { escapeXml, textOf } from './soap';

function dateTimeXml(ms: number): string {
  const d = new Date(ms);
  return (
    `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute><tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>`
  );
}

const getSystemDateAndTime: Handler = (_req, cam) => {
  const now = cam.nowMs();
  return (
    '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>' +
    '<tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>' +
    '<tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>' +
    `<tt:UTCDateTime>${dateTimeXml(now)}</tt:UTCDateTime>` +
    `<tt:LocalDateTime>${dateTimeXml(now)}</tt:LocalDateTime>` +
    '</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>'
  );
};

const getDeviceInformation: Handler = (_req, cam) => {
  const i = cam.info;
  return (
    '<tds:GetDeviceInformationResponse>' +
    `<tds:Manufacturer>${escapeXml(i.manufacturer)}</tds:Manufacturer><tds:Model>${escapeXml(i.model)}</tds:Model>` +
    '<tds:FirmwareVersion>V5.7.3 build 230101</tds:FirmwareVersion>' +
    `<tds:SerialNumber>${i.serialNumber}</tds:SerialNumber><tds:HardwareId>88</tds:HardwareId>` +
    '</tds:GetDeviceInformationResponse>'
  );
};

function capabilitiesXml(cam: OnvifCamera, category: string): string {
  const all = category === 'All' || category === '';
  const want = (c: string) => all || category === c;
  let x = '';
  if (want('Device'))
    x +=
      `<tt:Device><tt:XAddr>${serviceUrl(cam.info, 'device')}</tt:XAddr>` +
      '<tt:Network><tt:IPFilter>false</tt:IPFilter><tt:ZeroConfiguration>false</tt:ZeroConfiguration><tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS></tt:Network>' +
      '<tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve><tt:DiscoveryBye>true</tt:DiscoveryBye><tt:RemoteDiscovery>false</tt:RemoteDiscovery><tt:SystemBackup>false</tt:SystemBackup><tt:SystemLogging>false</tt:SystemLogging><tt:FirmwareUpgrade>false</tt:FirmwareUpgrade>' +
      '<tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tt:SupportedVersions></tt:System>' +
      '<tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>false</tt:TLS1.2><tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration><tt:AccessPolicyConfig>false</tt:AccessPolicyConfig><tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false</tt:SAMLToken><tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false</tt:RELToken></tt:Security>' +
      '</tt:Device>';
  if (want('Events'))
    x +=
      `<tt:Events><tt:XAddr>${serviceUrl(cam.info, 'events')}</tt:XAddr>` +
      '<tt:WSSubscriptionPolicySupport>false</tt:WSSubscriptionPolicySupport><tt:WSPullPointSupport>true</tt:WSPullPointSupport><tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>';
  if (want('Media'))
    x +=
      `<tt:Media><tt:XAddr>${serviceUrl(cam.info, 'media')}</tt:XAddr>` +
      '<tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>';
  if (want('PTZ') && cam.ptz) x += `<tt:PTZ><tt:XAddr>${serviceUrl(cam.info, 'ptz')}</tt:XAddr></tt:PTZ>`;
  return x;
}

const getCapabilities: Handler = (req, cam) => {
  const category = textOf(req.body, 'Category') ?? 'All';
  return `<tds:GetCapabilitiesResponse><tds:Capabilities>${capabilitiesXml(cam, category)}</tds:Capabilities></tds:GetCapabilitiesResponse>`;
};

const getServices: Handler = (_req, cam) => {
  const svc = (ns: string, url: string, major: number, minor: number) =>
    `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${url}</tds:XAddr><tds:Version><tt:Major>${major}</tt:Major><tt:Minor>${minor}</tt:Minor></tds:Version></tds:Service>`;
  return (
    '<tds:GetServicesResponse>' +
    svc('http://www.onvif.org/ver10/device/wsdl', serviceUrl(cam.info, 'device'), 2, 60) +
    svc('http://www.onvif.org/ver10/media/wsdl', serviceUrl(cam.info, 'media'), 2, 60) +
    svc('http://www.onvif.org/ver10/events/wsdl', serviceUrl(cam.info, 'events'), 2, 60) +
    (cam.ptz ? svc('http://www.onvif.org/ver20/ptz/wsdl', serviceUrl(cam.info, 'ptz'), 2, 60) : '') +
    '</tds:GetServicesResponse>'
  );
};

const getServiceCapabilities: Handler = () =>
  '<tds:GetServiceCapabilitiesResponse><tds:Capabilities>' +
  '<tds:Network IPFilter="false" ZeroConfiguration="false" IPVersion6="false" DynDNS="false" NTP="1"/>' +
  '<tds:Security UsernameToken="true" HttpDigest="false"/>' +
  '<tds:System DiscoveryResolve="false" DiscoveryBye="true" RemoteDiscovery="false" SystemBackup="false" SystemLogging="false" FirmwareUpgrade="false"/>' +
  '</tds:Capabilities></tds:GetServiceCapabilitiesResponse>';

export function scopesOf(cam: { info: OnvifCamera['info'] }): string[] {
  const i = cam.info;
  return [
    'onvif://www.onvif.org/type/video_encoder',
    'onvif://www.onvif.org/Profile/Streaming',
    ...(i.codec === 'h264' ? ['onvif://www.onvif.org/Profile/T'] : []),
    ...(i.ptz ? ['onvif://www.onvif.org/type/ptz'] : []),
    `onvif://www.onvif.org/name/${encodeURIComponent(i.name)}`,
    `onvif://www.onvif.org/hardware/${encodeURIComponent(i.model)}`,
    'onvif://www.onvif.org/location/city/watchfloor-lab',
  ];
}

const getScopes: Handler = (_req, cam) =>
  '<tds:GetScopesResponse>' +
  scopesOf(cam)
    .map((s) => `<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>${escapeXml(s)}</tt:ScopeItem></tds:Scopes>`)
    .join('') +
  '</tds:GetScopesResponse>';

function macOf(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const bytes = [0x02, 0x57, (h >>> 24) & 255, (h >>> 16) & 255, (h >>> 8) & 255, h & 255];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

const getNetworkInterfaces: Handler = (_req, cam) =>
  '<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"><tt:Enabled>true</tt:Enabled>' +
  `<tt:Info><tt:Name>eth0</tt:Name><tt:HwAddress>${macOf(cam.info.name)}</tt:HwAddress><tt:MTU>1500</tt:MTU></tt:Info>` +
  '<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config>' +
  `<tt:Manual><tt:Address>${cam.info.host}</tt:Address><tt:PrefixLength>8</tt:PrefixLength></tt:Manual><tt:DHCP>false</tt:DHCP>` +
  '</tt:Config></tt:IPv4></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>';

const getHostname: Handler = (_req, cam) =>
  `<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP><tt:Name>${escapeXml(cam.info.name)}</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse>`;

const getWsdlUrl: Handler = () =>
  '<tds:GetWsdlUrlResponse><tds:WsdlUrl>http://www.onvif.org/Documents/Specifications.aspx</tds:WsdlUrl></tds:GetWsdlUrlResponse>';

const getEndpointReference: Handler = (_req, cam) =>
  `<tds:GetEndpointReferenceResponse><tds:GUID>urn:uuid:${deviceUuid(cam.info.name)}</tds:GUID></tds:GetEndpointReferenceResponse>`;

/** A stable UUID per camera name (WS-Discovery endpoint reference). */
export function deviceUuid(name: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of name) {
    h1 = Math.imul(h1 ^ ch.charCodeAt(0), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ ch.charCodeAt(0), 2246822519) >>> 0;
  }
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const s = hex(h1) + hex(h2) + hex(h1 ^ 0x5a5a5a5a) + hex(h2 ^ 0xa5a5a5a5);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

const systemReboot: Handler = (_req, cam) => {
  cam.systemReboot();
  return '<tds:SystemRebootResponse><tds:Message>Rebooting in 1 second</tds:Message></tds:SystemRebootResponse>';
};

export const deviceHandlers: Record<string, Handler> = {
  SystemReboot: systemReboot,
  GetSystemDateAndTime: getSystemDateAndTime,
  GetDeviceInformation: getDeviceInformation,
  GetCapabilities: getCapabilities,
  GetServices: getServices,
  GetServiceCapabilities: getServiceCapabilities,
  GetScopes: getScopes,
  GetNetworkInterfaces: getNetworkInterfaces,
  GetHostname: getHostname,
  GetWsdlUrl: getWsdlUrl,
  GetEndpointReference: getEndpointReference,
};
