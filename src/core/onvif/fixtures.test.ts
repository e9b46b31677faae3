// Captured answers of real cameras (fixtures/SOURCES.md) through the library's parsers: the
// values a user would see. Vendor quirks are named where the parsing code handles them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCapabilities, parseDeviceInformation, parseServices } from './device';
import { parseMediaUri } from './media';
import { parsePresets, parseStatus } from './ptz';
import { child, parseXml, type XmlElement } from './xml';
import { OnvifClient, parseSystemDateAndTime } from './client';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The `...Response` element of a fixture, through the same hardened parser as the wire. */
function response(file: string): XmlElement {
  const env = parseXml(readFileSync(path.join(here, 'fixtures', file)));
  return child(env, 'Body')!.children[0]!;
}

describe('Dahua (go2rtc captures)', () => {
  it('GetStreamUri: &amp; in the query is unescaped and the URI kept whole', () => {
    expect(parseMediaUri(response('dahua/GetStreamUri.xml'))).toBe('rtsp://192.168.1.123:554/cam/realmonitor?channel=1&subtype=1&unicast=true&proto=Onvif');
  });
  it('GetSnapshotUri', () => {
    expect(parseMediaUri(response('dahua/GetSnapshotUri.xml'))).toBe('http://192.168.1.123/onvifsnapshot/media_service/snapshot?channel=1&subtype=1');
  });
  it('GetCapabilities: service addresses, pull-point support, no PTZ', () => {
    const caps = parseCapabilities(response('dahua/GetCapabilities.xml'));
    expect(caps.xaddrs).toEqual({
      device: 'http://192.168.1.123/onvif/device_service',
      media: 'http://192.168.1.123/onvif/media_service',
      events: 'http://192.168.1.123/onvif/event_service',
      imaging: 'http://192.168.1.123/onvif/imaging_service',
    });
    expect(caps.pullPointSupport).toBe(true);
  });
  it('the camera LAN addresses are rebased onto the address we were given (NAT quirk)', () => {
    const client = new OnvifClient({ deviceUrl: 'http://203.0.113.5:8081/onvif/device_service' });
    expect(client.rebase('http://192.168.1.123/onvif/media_service')).toBe('http://203.0.113.5:8081/onvif/media_service');
  });
});

describe('Hikvision (go-onvif capture)', () => {
  it('GetDeviceInformation with Hikvision extension namespaces and indentation', () => {
    expect(parseDeviceInformation(response('hikvision/GetDeviceInformation.xml'))).toEqual({
      manufacturer: 'HIKVISION',
      model: 'DS-2CD3T45P1-I',
      firmwareVersion: 'V5.5.31 build 180903',
      serialNumber: 'DS-2CD3T45P1-I20210803AACH248538890',
      hardwareId: '88',
    });
  });
});

describe('Axis M5525-E (RVS_ONVIF captures)', () => {
  it('GetDeviceInformation', () => {
    expect(parseDeviceInformation(response('axis/GetDeviceInformation.xml'))).toMatchObject({ manufacturer: 'AXIS', model: 'M5525-E', firmwareVersion: '8.40.1.1', serialNumber: 'ACCC8EBECCEA' });
  });
  it('GetServices: one shared XAddr for most services, vendor namespaces ignored, PTZ present', () => {
    const list = parseServices(response('axis/GetServices.xml'));
    expect(list).toHaveLength(13);
    const byName = Object.fromEntries(list.filter((s) => s.name).map((s) => [s.name, s]));
    expect(byName.ptz).toMatchObject({ url: 'http://192.168.4.12/onvif/services', version: '2.41' });
    expect(byName.device).toMatchObject({ url: 'http://192.168.4.12/onvif/device_service', version: '2.21' });
    expect(byName.media?.url).toBe('http://192.168.4.12/onvif/services');
    expect(byName.events?.version).toBe('2.21');
    expect(list.filter((s) => s.name === null).map((s) => s.namespace)).toContain('http://www.axis.com/vapix/ws/webserver');
  });
  it('GetServiceCapabilities says HTTP Digest is supported (the 401 fallback matters on Axis)', () => {
    const caps = response('axis/GetServiceCapabilities.xml');
    expect(child(child(caps, 'Capabilities'), 'Security')?.attrs).toMatchObject({ HttpDigest: 'true', UsernameToken: 'true' });
  });
});

// Hand-made answers (NOT captures): shapes the design notes report from real cameras, for which
// no citable capture was found (see fixtures/SOURCES.md).
describe('documented quirks (hand-made input, not captured)', () => {
  const body = (xml: string) => parseXml(`<r xmlns:tt="t" xmlns:tds="d">${xml}</r>`);
  it('GetSystemDateAndTime: UTCDateTime counts, not LocalDateTime in CST-8', () => {
    const b = body(
      '<tds:SystemDateAndTime><tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone>' +
        '<tt:UTCDateTime><tt:Time><tt:Hour>3</tt:Hour><tt:Minute>4</tt:Minute><tt:Second>5</tt:Second></tt:Time><tt:Date><tt:Year>2026</tt:Year><tt:Month>9</tt:Month><tt:Day>25</tt:Day></tt:Date></tt:UTCDateTime>' +
        '<tt:LocalDateTime><tt:Time><tt:Hour>11</tt:Hour><tt:Minute>4</tt:Minute><tt:Second>5</tt:Second></tt:Time><tt:Date><tt:Year>2026</tt:Year><tt:Month>9</tt:Month><tt:Day>25</tt:Day></tt:Date></tt:LocalDateTime></tds:SystemDateAndTime>',
    );
    const r = parseSystemDateAndTime(b, Date.UTC(2026, 8, 25, 3, 4, 5));
    expect(r.cameraUtcMs).toBe(Date.UTC(2026, 8, 25, 3, 4, 5));
    expect(r.offsetMs).toBe(500);
    expect(r.timeZone).toBe('CST-8');
  });
  it('GetPresets: 255 slots with empty ones dropped, numeric tokens kept as strings', () => {
    const slots = Array.from({ length: 255 }, (_, i) =>
      i < 2
        ? `<tptz:Preset token="${i + 1}"><tt:Name>preset ${i + 1}</tt:Name><tt:PTZPosition><tt:PanTilt x="0.${i + 1}" y="0"/><tt:Zoom x="0"/></tt:PTZPosition></tptz:Preset>`
        : `<tptz:Preset token="${i + 1}"><tt:Name></tt:Name></tptz:Preset>`,
    ).join('');
    const b = parseXml(`<r xmlns:tt="t" xmlns:tptz="p">${slots}</r>`);
    expect(parsePresets(b)).toEqual([
      { token: '1', name: 'preset 1', position: { pan: 0.1, tilt: 0, zoom: 0 } },
      { token: '2', name: 'preset 2', position: { pan: 0.2, tilt: 0, zoom: 0 } },
    ]);
    expect(parsePresets(b, true)).toHaveLength(255);
  });
  it('GetStatus: MoveStatus as a bare string (ONVIF 1.x firmwares)', () => {
    const s = parseStatus(body('<tt:PTZStatus><tt:Position><tt:PanTilt x="0.5" y="-0.2"/></tt:Position><tt:MoveStatus>MOVING</tt:MoveStatus></tt:PTZStatus>'));
    expect(s).toMatchObject({ pan: 0.5, tilt: -0.2, panTiltMoving: true, zoomMoving: true });
  });
});
