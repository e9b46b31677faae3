// PTZ service (ver20/ptz/wsdl) over the PtzModel, in ONVIF's generic spaces.
import { PtzError, type PtzModel, type PtzVector } from '../ptz/ptz-model';
import type { Handler, OnvifCamera } from './context';
import { elementOf, escapeXml, numberAttr, parseDuration, SoapFault, textOf } from './soap';

const SPACE = 'http://www.onvif.org/ver10/tptz';
const NODE_TOKEN = 'PTZNode_1';
const CONFIG_TOKEN = 'PTZConfig_1';

const range = (min: number, max: number) => `<tt:XRange><tt:Min>${min}</tt:Min><tt:Max>${max}</tt:Max></tt:XRange>`;
const range2 = (space: string, zero = false) =>
  `<tt:URI>${space}</tt:URI>${range(zero ? 0 : -1, 1)}${zero ? '' : `<tt:YRange><tt:Min>-1</tt:Min><tt:Max>1</tt:Max></tt:YRange>`}`;

export function ptzConfigurationXml(tag = 'tt:PTZConfiguration'): string {
  return (
    `<${tag} token="${CONFIG_TOKEN}"><tt:Name>PTZ</tt:Name><tt:UseCount>2</tt:UseCount><tt:NodeToken>${NODE_TOKEN}</tt:NodeToken>` +
    `<tt:DefaultAbsolutePantTiltPositionSpace>${SPACE}/PanTiltSpaces/PositionGenericSpace</tt:DefaultAbsolutePantTiltPositionSpace>` +
    `<tt:DefaultAbsoluteZoomPositionSpace>${SPACE}/ZoomSpaces/PositionGenericSpace</tt:DefaultAbsoluteZoomPositionSpace>` +
    `<tt:DefaultRelativePanTiltTranslationSpace>${SPACE}/PanTiltSpaces/TranslationGenericSpace</tt:DefaultRelativePanTiltTranslationSpace>` +
    `<tt:DefaultRelativeZoomTranslationSpace>${SPACE}/ZoomSpaces/TranslationGenericSpace</tt:DefaultRelativeZoomTranslationSpace>` +
    `<tt:DefaultContinuousPanTiltVelocitySpace>${SPACE}/PanTiltSpaces/VelocityGenericSpace</tt:DefaultContinuousPanTiltVelocitySpace>` +
    `<tt:DefaultContinuousZoomVelocitySpace>${SPACE}/ZoomSpaces/VelocityGenericSpace</tt:DefaultContinuousZoomVelocitySpace>` +
    '<tt:DefaultPTZSpeed><tt:PanTilt x="1" y="1"/><tt:Zoom x="1"/></tt:DefaultPTZSpeed><tt:DefaultPTZTimeout>PT60S</tt:DefaultPTZTimeout>' +
    `<tt:PanTiltLimits><tt:Range>${range2(`${SPACE}/PanTiltSpaces/PositionGenericSpace`)}</tt:Range></tt:PanTiltLimits>` +
    `<tt:ZoomLimits><tt:Range>${range2(`${SPACE}/ZoomSpaces/PositionGenericSpace`, true)}</tt:Range></tt:ZoomLimits>` +
    `</${tag}>`
  );
}

function nodeXml(): string {
  return (
    `<tptz:PTZNode token="${NODE_TOKEN}" FixedHomePosition="false"><tt:Name>PTZ</tt:Name><tt:SupportedPTZSpaces>` +
    `<tt:AbsolutePanTiltPositionSpace>${range2(`${SPACE}/PanTiltSpaces/PositionGenericSpace`)}</tt:AbsolutePanTiltPositionSpace>` +
    `<tt:AbsoluteZoomPositionSpace>${range2(`${SPACE}/ZoomSpaces/PositionGenericSpace`, true)}</tt:AbsoluteZoomPositionSpace>` +
    `<tt:RelativePanTiltTranslationSpace>${range2(`${SPACE}/PanTiltSpaces/TranslationGenericSpace`)}</tt:RelativePanTiltTranslationSpace>` +
    `<tt:RelativeZoomTranslationSpace><tt:URI>${SPACE}/ZoomSpaces/TranslationGenericSpace</tt:URI>${range(-1, 1)}</tt:RelativeZoomTranslationSpace>` +
    `<tt:ContinuousPanTiltVelocitySpace>${range2(`${SPACE}/PanTiltSpaces/VelocityGenericSpace`)}</tt:ContinuousPanTiltVelocitySpace>` +
    `<tt:ContinuousZoomVelocitySpace><tt:URI>${SPACE}/ZoomSpaces/VelocityGenericSpace</tt:URI>${range(-1, 1)}</tt:ContinuousZoomVelocitySpace>` +
    `<tt:PanTiltSpeedSpace><tt:URI>${SPACE}/PanTiltSpaces/GenericSpeedSpace</tt:URI>${range(0, 1)}</tt:PanTiltSpeedSpace>` +
    `<tt:ZoomSpeedSpace><tt:URI>${SPACE}/ZoomSpaces/ZoomGenericSpeedSpace</tt:URI>${range(0, 1)}</tt:ZoomSpeedSpace>` +
    '</tt:SupportedPTZSpaces><tt:MaximumNumberOfPresets>64</tt:MaximumNumberOfPresets><tt:HomeSupported>true</tt:HomeSupported></tptz:PTZNode>'
  );
}

function model(cam: OnvifCamera): PtzModel {
  if (!cam.ptz) throw new SoapFault('Receiver', 'ter:ActionNotSupported', 'PTZ is not supported by this device');
  return cam.ptz;
}

/** PanTilt x/y and Zoom x under the named element (Velocity, Position, Translation, Speed). */
function vector(body: string, localName: string): Partial<PtzVector> | undefined {
  const el = elementOf(body, localName);
  if (!el) return undefined;
  const v: Partial<PtzVector> = {};
  const pan = numberAttr(el, 'PanTilt', 'x');
  const tilt = numberAttr(el, 'PanTilt', 'y');
  const zoom = numberAttr(el, 'Zoom', 'x');
  if (pan !== undefined) v.pan = pan;
  if (tilt !== undefined) v.tilt = tilt;
  if (zoom !== undefined) v.zoom = zoom;
  return v;
}

/** Runs a PTZ command and tells the camera to redraw; maps model errors to ONVIF faults. */
function command(name: string, run: (ptz: PtzModel, body: string) => string | void): Handler {
  return (req, cam) => {
    const ptz = model(cam);
    let out: string | void;
    try {
      out = run(ptz, req.body);
    } catch (err) {
      if (err instanceof PtzError) {
        const reason = err.code === 'NoToken' ? 'No such preset token' : 'Too many presets';
        throw new SoapFault('Sender', `ter:${err.code}`, reason);
      }
      throw err;
    }
    cam.ptzChanged();
    return `<tptz:${name}Response>${out ?? ''}</tptz:${name}Response>`;
  };
}

const getStatus: Handler = (_req, cam) => {
  const s = model(cam).state();
  const st = (m: boolean) => (m ? 'MOVING' : 'IDLE');
  return (
    '<tptz:GetStatusResponse><tptz:PTZStatus><tt:Position>' +
    `<tt:PanTilt x="${s.pan.toFixed(4)}" y="${s.tilt.toFixed(4)}" space="${SPACE}/PanTiltSpaces/PositionGenericSpace"/>` +
    `<tt:Zoom x="${s.zoom.toFixed(4)}" space="${SPACE}/ZoomSpaces/PositionGenericSpace"/></tt:Position>` +
    `<tt:MoveStatus><tt:PanTilt>${st(s.panTiltMoving)}</tt:PanTilt><tt:Zoom>${st(s.zoomMoving)}</tt:Zoom></tt:MoveStatus>` +
    `<tt:UtcTime>${new Date(cam.nowMs()).toISOString()}</tt:UtcTime></tptz:PTZStatus></tptz:GetStatusResponse>`
  );
};

const presetXml = (p: { token: string; name: string; position: PtzVector }) =>
  `<tptz:Preset token="${escapeXml(p.token)}"><tt:Name>${escapeXml(p.name)}</tt:Name><tt:PTZPosition>` +
  `<tt:PanTilt x="${p.position.pan.toFixed(4)}" y="${p.position.tilt.toFixed(4)}"/><tt:Zoom x="${p.position.zoom.toFixed(4)}"/></tt:PTZPosition></tptz:Preset>`;

export const ptzHandlers: Record<string, Handler> = {
  GetNodes: (_req, cam) => (model(cam), `<tptz:GetNodesResponse>${nodeXml()}</tptz:GetNodesResponse>`),
  GetNode: (_req, cam) => (model(cam), `<tptz:GetNodeResponse>${nodeXml().replace(/tptz:PTZNode/g, 'tptz:PTZNode')}</tptz:GetNodeResponse>`),
  GetConfigurations: (_req, cam) => (
    model(cam),
    `<tptz:GetConfigurationsResponse>${ptzConfigurationXml('tptz:PTZConfiguration')}</tptz:GetConfigurationsResponse>`
  ),
  GetConfiguration: (_req, cam) => (
    model(cam),
    `<tptz:GetConfigurationResponse>${ptzConfigurationXml('tptz:PTZConfiguration')}</tptz:GetConfigurationResponse>`
  ),
  GetStatus: getStatus,
  ContinuousMove: command('ContinuousMove', (ptz, body) => {
    ptz.continuousMove(vector(body, 'Velocity') ?? {}, parseDuration(textOf(body, 'Timeout')));
  }),
  RelativeMove: command('RelativeMove', (ptz, body) => {
    ptz.relativeMove(vector(body, 'Translation') ?? {}, vector(body, 'Speed'));
  }),
  AbsoluteMove: command('AbsoluteMove', (ptz, body) => {
    ptz.absoluteMove(vector(body, 'Position') ?? {}, vector(body, 'Speed'));
  }),
  Stop: command('Stop', (ptz, body) => {
    // Both default to true when absent (ONVIF PTZ spec 5.3.5).
    const pt = textOf(body, 'PanTilt');
    const z = textOf(body, 'Zoom');
    ptz.stop(pt === undefined || pt === 'true', z === undefined || z === 'true');
  }),
  GetPresets: (_req, cam) => `<tptz:GetPresetsResponse>${model(cam).listPresets().map(presetXml).join('')}</tptz:GetPresetsResponse>`,
  SetPreset: command('SetPreset', (ptz, body) => {
    const token = ptz.setPreset(textOf(body, 'PresetName'), textOf(body, 'PresetToken') || undefined);
    return `<tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken>`;
  }),
  GotoPreset: command('GotoPreset', (ptz, body) => {
    ptz.gotoPreset(textOf(body, 'PresetToken') ?? '', vector(body, 'Speed'));
  }),
  RemovePreset: command('RemovePreset', (ptz, body) => {
    ptz.removePreset(textOf(body, 'PresetToken') ?? '');
  }),
  GotoHomePosition: command('GotoHomePosition', (ptz, body) => {
    ptz.gotoHome(vector(body, 'Speed'));
  }),
  SetHomePosition: command('SetHomePosition', (ptz) => {
    ptz.setHome();
  }),
  GetServiceCapabilities: (_req, cam) => (
    model(cam),
    '<tptz:GetServiceCapabilitiesResponse><tptz:Capabilities EFlip="false" Reverse="false" GetCompatibleConfigurations="false" MoveStatus="true" StatusPosition="true"/></tptz:GetServiceCapabilitiesResponse>'
  ),
};
