// Media service (ver10/media/wsdl): two profiles, main and sub, as Hikvision names them.
import { STREAM_FORMATS } from '../streams';
import type { Handler, OnvifCamera } from './context';
import { PROFILES } from './context';
import { ptzConfigurationXml } from './ptz';
import { SoapFault, textOf } from './soap';

/** ver10 only knows JPEG/MPEG4/H264; like Dahua and Hikvision, an H.265 camera says H265 anyway. */
const ENCODING = { h264: 'H264', h265: 'H265', mjpeg: 'JPEG' } as const;

function videoSourceConfiguration(): string {
  return (
    '<tt:VideoSourceConfiguration token="VideoSourceConfigToken"><tt:Name>VideoSourceConfig</tt:Name><tt:UseCount>2</tt:UseCount>' +
    '<tt:SourceToken>VideoSource_1</tt:SourceToken><tt:Bounds x="0" y="0" width="1280" height="720"/></tt:VideoSourceConfiguration>'
  );
}

function videoEncoderConfiguration(cam: OnvifCamera, index: number): string {
  const p = PROFILES[index]!;
  const f = STREAM_FORMATS[cam.info.codec][p.stream];
  const codecPart = cam.info.codec === 'h264' ? '<tt:H264><tt:GovLength>50</tt:GovLength><tt:H264Profile>Baseline</tt:H264Profile></tt:H264>' : '';
  return (
    `<tt:VideoEncoderConfiguration token="VideoEncoderToken_${index + 1}"><tt:Name>VideoEncoder_${index + 1}</tt:Name><tt:UseCount>1</tt:UseCount>` +
    `<tt:Encoding>${ENCODING[cam.info.codec]}</tt:Encoding>` +
    `<tt:Resolution><tt:Width>${f.width}</tt:Width><tt:Height>${f.height}</tt:Height></tt:Resolution>` +
    '<tt:Quality>3</tt:Quality>' +
    `<tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>${f.kbps}</tt:BitrateLimit></tt:RateControl>` +
    codecPart +
    '<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address></tt:Address><tt:Port>0</tt:Port><tt:TTL>1</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast>' +
    '<tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>'
  );
}

function profileXml(cam: OnvifCamera, index: number, tag = 'trt:Profiles'): string {
  const p = PROFILES[index]!;
  return (
    `<${tag} token="${p.token}" fixed="true"><tt:Name>${p.name}</tt:Name>` +
    videoSourceConfiguration() +
    videoEncoderConfiguration(cam, index) +
    (cam.ptz ? ptzConfigurationXml() : '') +
    `</${tag}>`
  );
}

function profileIndex(req: { body: string }): number {
  const token = textOf(req.body, 'ProfileToken');
  const index = PROFILES.findIndex((p) => p.token === token);
  if (index < 0) throw new SoapFault('Sender', 'ter:InvalidArgVal', 'The requested profile token does not exist');
  return index;
}

const getProfiles: Handler = (_req, cam) =>
  `<trt:GetProfilesResponse>${PROFILES.map((_p, i) => profileXml(cam, i)).join('')}</trt:GetProfilesResponse>`;

const getProfile: Handler = (req, cam) => `<trt:GetProfileResponse>${profileXml(cam, profileIndex(req), 'trt:Profile')}</trt:GetProfileResponse>`;

const getStreamUri: Handler = (req, cam) => {
  const p = PROFILES[profileIndex(req)]!;
  // The same RTSP URI whatever Protocol (UDP/HTTP/RTSP) is asked, as Hikvision does.
  const uri = p.stream === 'main' ? cam.info.rtspMain : cam.info.rtspSub;
  return (
    `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${uri}</tt:Uri>` +
    '<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT60S</tt:Timeout>' +
    '</trt:MediaUri></trt:GetStreamUriResponse>'
  );
};

const getSnapshotUri: Handler = (req, cam) => {
  const p = PROFILES[profileIndex(req)]!;
  const uri = `http://${cam.info.host}:${cam.info.onvifPort}/onvif/snapshot/${p.token}`;
  return (
    `<trt:GetSnapshotUriResponse><trt:MediaUri><tt:Uri>${uri}</tt:Uri>` +
    '<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT60S</tt:Timeout>' +
    '</trt:MediaUri></trt:GetSnapshotUriResponse>'
  );
};

const getVideoSources: Handler = () =>
  '<trt:GetVideoSourcesResponse><trt:VideoSources token="VideoSource_1"><tt:Framerate>25</tt:Framerate>' +
  '<tt:Resolution><tt:Width>1280</tt:Width><tt:Height>720</tt:Height></tt:Resolution></trt:VideoSources></trt:GetVideoSourcesResponse>';

const getVideoEncoderConfiguration: Handler = (req, cam) => {
  const token = textOf(req.body, 'ConfigurationToken') ?? 'VideoEncoderToken_1';
  const index = Math.max(
    0,
    PROFILES.findIndex((_p, i) => `VideoEncoderToken_${i + 1}` === token),
  );
  return `<trt:GetVideoEncoderConfigurationResponse>${videoEncoderConfiguration(cam, index).replace(/tt:VideoEncoderConfiguration\b/g, 'trt:Configuration')}</trt:GetVideoEncoderConfigurationResponse>`;
};

const getServiceCapabilities: Handler = () =>
  '<trt:GetServiceCapabilitiesResponse><trt:Capabilities SnapshotUri="true" Rotation="false" VideoSourceMode="false" OSD="false">' +
  '<trt:ProfileCapabilities MaximumNumberOfProfiles="2"/>' +
  '<trt:StreamingCapabilities RTPMulticast="false" RTP_TCP="true" RTP_RTSP_TCP="true" NonAggregateControl="false" NoRTSPStreaming="false"/>' +
  '</trt:Capabilities></trt:GetServiceCapabilitiesResponse>';

/** Media SetSynchronizationPoint (ONVIF Media 5.x): "add an I-frame as soon as possible". A live
 *  camera forces one on its encoders; a looped clip cannot and answers OK all the same, as
 *  cameras do (the spec gives no way to say "could not"). Events' SetSynchronizationPoint is a
 *  different call (a resync of event state) and stays in events.ts. */
const setSynchronizationPoint: Handler = async (req, cam) => {
  profileIndex(req);
  await cam.requestKeyframe().catch(() => false);
  return '<trt:SetSynchronizationPointResponse/>';
};

export const mediaHandlers: Record<string, Handler> = {
  SetSynchronizationPoint: setSynchronizationPoint,
  GetProfiles: getProfiles,
  GetProfile: getProfile,
  GetStreamUri: getStreamUri,
  GetSnapshotUri: getSnapshotUri,
  GetVideoSources: getVideoSources,
  GetVideoEncoderConfiguration: getVideoEncoderConfiguration,
  GetServiceCapabilities: getServiceCapabilities,
};
