// Device service (ver10/device/wsdl): identity, services and capabilities, network interfaces.
import { serviceForNamespace, type OnvifClient, type ServiceName } from './client';
import { isOnvifError } from './errors';
import { NS } from './soap';
import { boolOf, child, childrenOf, findAll, findText, textOf, type XmlElement } from './xml';

export interface DeviceInformation {
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
  hardwareId: string;
}

export interface ServiceEntry {
  name: ServiceName | null;
  namespace: string;
  url: string;
  version: string;
}

export function parseDeviceInformation(body: XmlElement): DeviceInformation {
  // Vendor quirk (seen in a Dahua-like answer in the wild): FirmwareVersion in the tt: namespace
  // instead of tds:. Lookup by local name does not care.
  const t = (n: string) => findText(body, n) ?? '';
  return { manufacturer: t('Manufacturer'), model: t('Model'), firmwareVersion: t('FirmwareVersion'), serialNumber: t('SerialNumber'), hardwareId: t('HardwareId') };
}

export async function getDeviceInformation(client: OnvifClient): Promise<DeviceInformation> {
  return parseDeviceInformation(await client.call('device', 'GetDeviceInformation', `<GetDeviceInformation xmlns="${NS.tds}"/>`));
}

export function parseServices(body: XmlElement): ServiceEntry[] {
  return childrenOf(body, 'Service').map((s) => {
    const namespace = textOf(child(s, 'Namespace')) ?? '';
    const v = child(s, 'Version');
    return {
      name: serviceForNamespace(namespace) ?? null,
      namespace,
      url: textOf(child(s, 'XAddr')) ?? '',
      version: `${textOf(child(v, 'Major')) ?? '?'}.${textOf(child(v, 'Minor')) ?? '?'}`,
    };
  });
}

export async function getServices(client: OnvifClient): Promise<ServiceEntry[]> {
  const body = await client.call('device', 'GetServices', `<GetServices xmlns="${NS.tds}"><IncludeCapability>false</IncludeCapability></GetServices>`);
  return parseServices(body);
}

export interface Capabilities {
  /** Service name → XAddr as the camera wrote it. */
  xaddrs: Partial<Record<ServiceName, string>>;
  pullPointSupport: boolean | undefined;
}

/** ONVIF 1.x GetCapabilities (pre-auth); older firmwares have no GetServices. */
export function parseCapabilities(body: XmlElement): Capabilities {
  const caps = child(body, 'Capabilities') ?? body;
  const xaddrs: Capabilities['xaddrs'] = {};
  const take = (el: XmlElement | undefined, name: ServiceName) => {
    const x = textOf(child(el, 'XAddr'));
    if (x) xaddrs[name] = x;
  };
  take(child(caps, 'Device'), 'device');
  take(child(caps, 'Media'), 'media');
  take(child(caps, 'PTZ'), 'ptz');
  take(child(caps, 'Events'), 'events');
  take(child(caps, 'Imaging'), 'imaging');
  // Media2 hides in Extension on some firmwares.
  for (const m2 of findAll(child(caps, 'Extension'), 'Media2')) take(m2, 'media2');
  return { xaddrs, pullPointSupport: boolOf(findText(child(caps, 'Events'), 'WSPullPointSupport')) };
}

export async function getCapabilities(client: OnvifClient): Promise<Capabilities> {
  return parseCapabilities(await client.call('device', 'GetCapabilities', `<GetCapabilities xmlns="${NS.tds}"><Category>All</Category></GetCapabilities>`));
}

/**
 * Fills client.services: GetServices (ONVIF 2.x), else GetCapabilities (1.x). Addresses are
 * rebased onto the device URL's origin (see OnvifClient.rebase). Returns the raw service list.
 */
export async function resolveServices(client: OnvifClient): Promise<ServiceEntry[]> {
  let list: ServiceEntry[] = [];
  try {
    list = await getServices(client);
  } catch (err) {
    if (!isOnvifError(err) || err.code === 'camera_timeout' || err.code === 'camera_unreachable') throw err;
  }
  if (list.some((s) => s.name)) {
    for (const s of list) if (s.name && s.url && !client.services[s.name]) client.services[s.name] = client.rebase(s.url);
    client.services.device = client.deviceUrl;
    // Vendor quirk (Axis): GetServices may omit PTZ on a PTZ camera until asked by capability;
    // GetCapabilities is pre-auth and cheap, so ask it too when PTZ is missing.
    if (!client.services.ptz) await addCapabilityXaddrs(client).catch(() => undefined);
    return list;
  }
  await addCapabilityXaddrs(client);
  return Object.entries(client.services).map(([name, url]) => ({ name: name as ServiceName, namespace: '', url: url!, version: '?' }));
}

async function addCapabilityXaddrs(client: OnvifClient): Promise<void> {
  const caps = await getCapabilities(client);
  for (const [name, x] of Object.entries(caps.xaddrs)) {
    const key = name as ServiceName;
    if (key !== 'device' && !client.services[key]) client.services[key] = client.rebase(x);
  }
}

export interface NetworkInterfaceInfo {
  token: string;
  name: string;
  mac: string;
  ipv4: string[];
}

export function parseNetworkInterfaces(body: XmlElement): NetworkInterfaceInfo[] {
  return childrenOf(body, 'NetworkInterfaces').map((ni) => {
    const info = child(ni, 'Info');
    const ipv4 = child(ni, 'IPv4');
    const addrs = [...findAll(ipv4, 'Manual'), ...findAll(ipv4, 'FromDHCP'), ...findAll(ipv4, 'LinkLocal')]
      .map((a) => textOf(child(a, 'Address')))
      .filter((a): a is string => !!a);
    return { token: ni.attrs.token ?? '', name: textOf(child(info, 'Name')) ?? '', mac: normaliseMac(textOf(child(info, 'HwAddress')) ?? ''), ipv4: addrs };
  });
}

/** aa:bb:cc:dd:ee:ff, lower case; vendors write AA-BB-..., AABBCC... or with colons. */
export function normaliseMac(raw: string): string {
  const hex = raw.replace(/[^0-9a-f]/gi, '').toLowerCase();
  return hex.length === 12 ? hex.match(/../g)!.join(':') : '';
}

export async function getNetworkInterfaces(client: OnvifClient): Promise<NetworkInterfaceInfo[]> {
  return parseNetworkInterfaces(await client.call('device', 'GetNetworkInterfaces', `<GetNetworkInterfaces xmlns="${NS.tds}"/>`));
}

export interface ScopeInfo {
  scopes: string[];
  name?: string;
  hardware?: string;
  location?: string;
  mac?: string;
  manufacturer?: string;
}

/** onvif://www.onvif.org/<key>/<value> scopes (discovery and GetScopes), values URL-decoded. */
export function parseScopes(scopes: string[]): ScopeInfo {
  const out: ScopeInfo = { scopes };
  for (const s of scopes) {
    const m = /^onvif:\/\/www\.onvif\.org\/([^/]+)\/(.*)$/i.exec(s.trim());
    if (!m) continue;
    let value = m[2]!;
    try {
      value = decodeURIComponent(value);
    } catch {
      /* keep it raw */
    }
    const key = m[1]!.toLowerCase();
    if (!value) continue;
    if (key === 'name' && !out.name) out.name = value;
    else if (key === 'hardware' && !out.hardware) out.hardware = value;
    else if (key === 'location' && !out.location) out.location = value;
    else if ((key === 'macaddress' || key === 'mac') && !out.mac) out.mac = normaliseMac(value) || undefined;
    // Vendor quirk (Hanwha Vision and others): the make rides in a non-standard scope key.
    else if ((key === 'manufacturer' || key === 'mfr') && !out.manufacturer) out.manufacturer = value;
  }
  return out;
}

export async function getScopes(client: OnvifClient): Promise<ScopeInfo> {
  const body = await client.call('device', 'GetScopes', `<GetScopes xmlns="${NS.tds}"/>`);
  return parseScopes(childrenOf(body, 'Scopes').map((s) => textOf(child(s, 'ScopeItem')) ?? '').filter(Boolean));
}

export async function getHostname(client: OnvifClient): Promise<string | undefined> {
  const body = await client.call('device', 'GetHostname', `<GetHostname xmlns="${NS.tds}"/>`);
  return findText(body, 'Name') || undefined;
}


