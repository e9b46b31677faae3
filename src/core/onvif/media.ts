// Media service ver10 (trt), with Media2 (tr2) used for profiles and URIs when the camera offers
// it and Media1 fails. Stream URIs come back unescaped (`&amp;` → `&` by the XML parser) and
// without credentials: we strip any user:password a camera embeds, because the console keeps
// credentials sealed and adds them itself when it opens a stream.
import { type OnvifClient } from './client';
import { isOnvifError } from './errors';
import { NS } from './soap';
import { child, childrenOf, findText, numberOf, textOf, type XmlElement } from './xml';

export interface MediaProfile {
  token: string;
  name: string;
  /** H264, H265, JPEG, MPEG4 as the camera says it (H265 even in Media1, a Dahua/Hikvision habit). */
  encoding?: string;
  width?: number;
  height?: number;
  fps?: number;
  bitrateKbps?: number;
  videoSourceToken?: string;
  /** Present when the profile has a PTZ configuration (PTZ commands need such a profile). */
  ptzConfigurationToken?: string;
  ptzNodeToken?: string;
}

export function parseProfiles(body: XmlElement): MediaProfile[] {
  return childrenOf(body, 'Profiles').map((p) => {
    const vec = child(p, 'VideoEncoderConfiguration') ?? child(child(p, 'Configurations'), 'VideoEncoder');
    const vsc = child(p, 'VideoSourceConfiguration') ?? child(child(p, 'Configurations'), 'VideoSource');
    const ptz = child(p, 'PTZConfiguration') ?? child(child(p, 'Configurations'), 'PTZ');
    const res = child(vec, 'Resolution');
    const rate = child(vec, 'RateControl');
    return {
      token: p.attrs.token ?? '',
      name: textOf(child(p, 'Name')) ?? p.attrs.token ?? '',
      encoding: textOf(child(vec, 'Encoding')) || vec?.attrs.Encoding || undefined,
      width: numberOf(textOf(child(res, 'Width'))),
      height: numberOf(textOf(child(res, 'Height'))),
      fps: numberOf(textOf(child(rate, 'FrameRateLimit'))),
      bitrateKbps: numberOf(textOf(child(rate, 'BitrateLimit'))),
      videoSourceToken: textOf(child(vsc, 'SourceToken')),
      ptzConfigurationToken: ptz?.attrs.token,
      ptzNodeToken: textOf(child(ptz, 'NodeToken')),
    };
  });
}

export async function getProfiles(client: OnvifClient): Promise<MediaProfile[]> {
  if (client.serviceUrl('media')) {
    try {
      return parseProfiles(await client.call('media', 'GetProfiles', `<GetProfiles xmlns="${NS.trt}"/>`));
    } catch (err) {
      if (!client.serviceUrl('media2') || !isOnvifError(err, 'onvif_not_supported')) throw err;
    }
  }
  return parseProfiles(await client.call('media2', 'GetProfiles', `<GetProfiles xmlns="${NS.tr2}"><Type>All</Type></GetProfiles>`));
}

/** A camera URI made safe to store and show: trimmed, credentials removed. */
export function cleanUri(raw: string | undefined): string | undefined {
  // Vendor quirk (Dahua, reformatted answers in go2rtc's tests): the URI wrapped in whitespace.
  const s = raw?.trim();
  if (!s) return undefined;
  try {
    const u = new URL(s);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return undefined;
  }
}

export function parseMediaUri(body: XmlElement): string | undefined {
  // Media1: MediaUri/Uri; Media2: Uri directly under the response.
  return cleanUri(findText(child(body, 'MediaUri') ?? body, 'Uri'));
}

export async function getStreamUri(client: OnvifClient, profileToken: string): Promise<string | undefined> {
  const tok = escapeToken(profileToken);
  if (client.serviceUrl('media')) {
    try {
      const body = await client.call(
        'media',
        'GetStreamUri',
        `<GetStreamUri xmlns="${NS.trt}"><StreamSetup><Stream xmlns="${NS.tt}">RTP-Unicast</Stream><Transport xmlns="${NS.tt}"><Protocol>RTSP</Protocol></Transport></StreamSetup><ProfileToken>${tok}</ProfileToken></GetStreamUri>`,
      );
      return parseMediaUri(body);
    } catch (err) {
      if (!client.serviceUrl('media2') || !isOnvifError(err, 'onvif_not_supported')) throw err;
    }
  }
  const body = await client.call('media2', 'GetStreamUri', `<GetStreamUri xmlns="${NS.tr2}"><Protocol>RTSP</Protocol><ProfileToken>${tok}</ProfileToken></GetStreamUri>`);
  return parseMediaUri(body);
}

export async function getSnapshotUri(client: OnvifClient, profileToken: string): Promise<string | undefined> {
  const tok = escapeToken(profileToken);
  const service = client.serviceUrl('media') ? 'media' : 'media2';
  const ns = service === 'media' ? NS.trt : NS.tr2;
  const body = await client.call(service, 'GetSnapshotUri', `<GetSnapshotUri xmlns="${ns}"><ProfileToken>${tok}</ProfileToken></GetSnapshotUri>`);
  return parseMediaUri(body);
}

/**
 * Media SetSynchronizationPoint: asks for an I-frame as soon as possible on the profile's stream,
 * so a client that just joined (or lost packets) need not wait up to a GOP. Cameras answer OK
 * even where they cannot; watch the stream to know.
 */
export async function setSynchronizationPoint(client: OnvifClient, profileToken: string): Promise<void> {
  const service = client.serviceUrl('media') ? 'media' : 'media2';
  const ns = service === 'media' ? NS.trt : NS.tr2;
  await client.call(service, 'SetSynchronizationPoint', `<SetSynchronizationPoint xmlns="${ns}"><ProfileToken>${escapeToken(profileToken)}</ProfileToken></SetSynchronizationPoint>`);
}

function escapeToken(t: string): string {
  return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}


