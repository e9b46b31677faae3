// PTZ service (ver20/ptz/wsdl) in ONVIF's generic spaces: pan/tilt -1..1, zoom 0..1, velocities
// -1..1. Everything node-onvif lacks (RelativeMove, AbsoluteMove, presets, home, nodes, options)
// lives here. A camera without PTZ answers with onvif_not_supported (from the fault, or at once
// when it lists no PTZ service).
import { type OnvifClient } from './client';
import { notSupportedError } from './errors';
import { NS } from './soap';
import { child, childrenOf, escapeXml, findText, numberOf, textOf, type XmlElement } from './xml';

export interface PtzVector {
  pan?: number;
  tilt?: number;
  zoom?: number;
}

export interface PtzStatus {
  pan?: number;
  tilt?: number;
  zoom?: number;
  panTiltMoving: boolean;
  zoomMoving: boolean;
  /** The camera's own words: IDLE, MOVING, UNKNOWN (or absent). */
  moveStatus: { panTilt?: string; zoom?: string };
  utcTime?: string;
  error?: string;
}

export interface PtzPreset {
  token: string;
  name: string;
  position?: PtzVector;
}

export type Range = [number, number];

export interface PtzNode {
  token: string;
  name: string;
  maxPresets?: number;
  homeSupported?: boolean;
  absolutePanTilt?: { x: Range; y: Range };
  absoluteZoom?: Range;
  relativePanTilt?: { x: Range; y: Range };
  relativeZoom?: Range;
  continuousPanTilt?: { x: Range; y: Range };
  continuousZoom?: Range;
  panTiltSpeed?: Range;
  zoomSpeed?: Range;
}

const num = (v: number) => String(Math.round(v * 1e6) / 1e6);
const tok = (t: string) => escapeXml(t);

/** PanTilt/Zoom children in the tt: namespace (Velocity, Position, Translation, Speed). */
function vectorXml(tag: string, v: PtzVector | undefined): string {
  if (!v) return '';
  let inner = '';
  if (v.pan !== undefined || v.tilt !== undefined) inner += `<PanTilt xmlns="${NS.tt}" x="${num(v.pan ?? 0)}" y="${num(v.tilt ?? 0)}"/>`;
  if (v.zoom !== undefined) inner += `<Zoom xmlns="${NS.tt}" x="${num(v.zoom)}"/>`;
  return inner ? `<${tag}>${inner}</${tag}>` : '';
}

function requirePtz(client: OnvifClient): void {
  if (!client.serviceUrl('ptz')) throw notSupportedError(client.address, 'PTZ');
}

async function ptzCall(client: OnvifClient, action: string, inner: string): Promise<XmlElement> {
  requirePtz(client);
  return client.call('ptz', action, `<${action} xmlns="${NS.tptz}">${inner}</${action}>`);
}

/** Velocity in -1..1 per axis; the camera stops by itself after `timeoutMs` if given. */
export async function continuousMove(client: OnvifClient, profileToken: string, velocity: PtzVector, timeoutMs?: number): Promise<void> {
  const timeout = timeoutMs !== undefined ? `<Timeout>PT${num(Math.max(0, timeoutMs) / 1000)}S</Timeout>` : '';
  await ptzCall(client, 'ContinuousMove', `<ProfileToken>${tok(profileToken)}</ProfileToken>${vectorXml('Velocity', velocity)}${timeout}`);
}

export async function stop(client: OnvifClient, profileToken: string, axes: { panTilt?: boolean; zoom?: boolean } = {}): Promise<void> {
  await ptzCall(
    client,
    'Stop',
    `<ProfileToken>${tok(profileToken)}</ProfileToken><PanTilt>${axes.panTilt ?? true}</PanTilt><Zoom>${axes.zoom ?? true}</Zoom>`,
  );
}

export async function relativeMove(client: OnvifClient, profileToken: string, translation: PtzVector, speed?: PtzVector): Promise<void> {
  await ptzCall(client, 'RelativeMove', `<ProfileToken>${tok(profileToken)}</ProfileToken>${vectorXml('Translation', translation)}${vectorXml('Speed', speed)}`);
}

export async function absoluteMove(client: OnvifClient, profileToken: string, position: PtzVector, speed?: PtzVector): Promise<void> {
  await ptzCall(client, 'AbsoluteMove', `<ProfileToken>${tok(profileToken)}</ProfileToken>${vectorXml('Position', position)}${vectorXml('Speed', speed)}`);
}

function vectorOf(el: XmlElement | undefined): PtzVector | undefined {
  if (!el) return undefined;
  const pt = child(el, 'PanTilt');
  const z = child(el, 'Zoom');
  const v: PtzVector = {};
  if (pt) {
    v.pan = numberOf(pt.attrs.x);
    v.tilt = numberOf(pt.attrs.y);
  }
  if (z) v.zoom = numberOf(z.attrs.x);
  return pt || z ? v : undefined;
}

export function parseStatus(body: XmlElement): PtzStatus {
  const st = child(body, 'PTZStatus') ?? body;
  const pos = vectorOf(child(st, 'Position'));
  const ms = child(st, 'MoveStatus');
  // Vendor quirk (ONVIF 1.x firmwares): MoveStatus as a bare string instead of PanTilt/Zoom.
  const panTilt = textOf(child(ms, 'PanTilt')) ?? (ms && ms.children.length === 0 ? textOf(ms) : undefined);
  const zoom = textOf(child(ms, 'Zoom')) ?? (ms && ms.children.length === 0 ? textOf(ms) : undefined);
  const moving = (s: string | undefined) => (s ?? '').toUpperCase() === 'MOVING';
  return {
    ...pos,
    panTiltMoving: moving(panTilt),
    zoomMoving: moving(zoom),
    moveStatus: { panTilt, zoom },
    utcTime: textOf(child(st, 'UtcTime')),
    error: textOf(child(st, 'Error')) || undefined,
  };
}

export async function getStatus(client: OnvifClient, profileToken: string): Promise<PtzStatus> {
  return parseStatus(await ptzCall(client, 'GetStatus', `<ProfileToken>${tok(profileToken)}</ProfileToken>`));
}

/**
 * Vendor quirk (Hikvision and others): GetPresets lists every slot the camera has (up to 255),
 * empty ones included, with an empty or placeholder name and no position. Those are dropped
 * unless `includeEmpty`. Tokens are often plain numbers ("1" … "255"); they stay strings.
 */
export function parsePresets(body: XmlElement, includeEmpty = false): PtzPreset[] {
  const out: PtzPreset[] = [];
  for (const p of childrenOf(body, 'Preset')) {
    const token = p.attrs.token ?? '';
    const name = textOf(child(p, 'Name')) ?? '';
    const position = vectorOf(child(p, 'PTZPosition'));
    if (!token) continue;
    if (!includeEmpty && !position && !name) continue;
    out.push({ token, name, ...(position ? { position } : {}) });
  }
  return out;
}

export async function getPresets(client: OnvifClient, profileToken: string, includeEmpty = false): Promise<PtzPreset[]> {
  return parsePresets(await ptzCall(client, 'GetPresets', `<ProfileToken>${tok(profileToken)}</ProfileToken>`), includeEmpty);
}

/** Stores the current position; returns the preset token (a new one unless `presetToken`). */
export async function setPreset(client: OnvifClient, profileToken: string, name?: string, presetToken?: string): Promise<string> {
  // Many cameras cap names at ~32 characters (design.md); cut rather than be refused.
  const n = name !== undefined ? `<PresetName>${escapeXml(name.slice(0, 32))}</PresetName>` : '';
  const t = presetToken !== undefined ? `<PresetToken>${tok(presetToken)}</PresetToken>` : '';
  const body = await ptzCall(client, 'SetPreset', `<ProfileToken>${tok(profileToken)}</ProfileToken>${n}${t}`);
  return findText(body, 'PresetToken') ?? presetToken ?? '';
}

export async function gotoPreset(client: OnvifClient, profileToken: string, presetToken: string, speed?: PtzVector): Promise<void> {
  await ptzCall(client, 'GotoPreset', `<ProfileToken>${tok(profileToken)}</ProfileToken><PresetToken>${tok(presetToken)}</PresetToken>${vectorXml('Speed', speed)}`);
}

export async function removePreset(client: OnvifClient, profileToken: string, presetToken: string): Promise<void> {
  await ptzCall(client, 'RemovePreset', `<ProfileToken>${tok(profileToken)}</ProfileToken><PresetToken>${tok(presetToken)}</PresetToken>`);
}

export async function gotoHomePosition(client: OnvifClient, profileToken: string, speed?: PtzVector): Promise<void> {
  await ptzCall(client, 'GotoHomePosition', `<ProfileToken>${tok(profileToken)}</ProfileToken>${vectorXml('Speed', speed)}`);
}

export async function setHomePosition(client: OnvifClient, profileToken: string): Promise<void> {
  await ptzCall(client, 'SetHomePosition', `<ProfileToken>${tok(profileToken)}</ProfileToken>`);
}

function rangeOf(el: XmlElement | undefined, name: 'XRange' | 'YRange'): Range | undefined {
  const r = child(el, name);
  const min = numberOf(textOf(child(r, 'Min')));
  const max = numberOf(textOf(child(r, 'Max')));
  return min !== undefined && max !== undefined ? [min, max] : undefined;
}

function space2(el: XmlElement | undefined): { x: Range; y: Range } | undefined {
  const x = rangeOf(el, 'XRange');
  const y = rangeOf(el, 'YRange');
  return x && y ? { x, y } : undefined;
}

/** Spaces of a node's SupportedPTZSpaces (or a configuration's options Spaces): generic ones first. */
function spacesOf(spaces: XmlElement | undefined): Omit<PtzNode, 'token' | 'name' | 'maxPresets' | 'homeSupported'> {
  // A node can list several spaces of a kind (generic, degrees, ...): prefer the generic one.
  const pick = (name: string) => {
    const all = childrenOf(spaces, name);
    return all.find((e) => /Generic/i.test(textOf(child(e, 'URI')) ?? '')) ?? all[0];
  };
  return {
    absolutePanTilt: space2(pick('AbsolutePanTiltPositionSpace')),
    absoluteZoom: rangeOf(pick('AbsoluteZoomPositionSpace'), 'XRange'),
    relativePanTilt: space2(pick('RelativePanTiltTranslationSpace')),
    relativeZoom: rangeOf(pick('RelativeZoomTranslationSpace'), 'XRange'),
    continuousPanTilt: space2(pick('ContinuousPanTiltVelocitySpace')),
    continuousZoom: rangeOf(pick('ContinuousZoomVelocitySpace'), 'XRange'),
    panTiltSpeed: rangeOf(pick('PanTiltSpeedSpace'), 'XRange'),
    zoomSpeed: rangeOf(pick('ZoomSpeedSpace'), 'XRange'),
  };
}

export function parseNodes(body: XmlElement): PtzNode[] {
  const nodes = [...childrenOf(body, 'PTZNode'), ...childrenOf(body, 'PTZNodes')];
  return nodes.map((n) => ({
    token: n.attrs.token ?? '',
    name: textOf(child(n, 'Name')) ?? '',
    maxPresets: numberOf(textOf(child(n, 'MaximumNumberOfPresets'))),
    homeSupported: (textOf(child(n, 'HomeSupported')) ?? '').toLowerCase() === 'true',
    ...spacesOf(child(n, 'SupportedPTZSpaces')),
  }));
}

export async function getNodes(client: OnvifClient): Promise<PtzNode[]> {
  return parseNodes(await ptzCall(client, 'GetNodes', ''));
}

export interface PtzConfigurationOptions extends Omit<PtzNode, 'token' | 'name' | 'maxPresets' | 'homeSupported'> {
  /** ContinuousMove timeout range, ms. */
  timeoutMs?: Range;
}

export async function getConfigurationOptions(client: OnvifClient, configurationToken: string): Promise<PtzConfigurationOptions> {
  const body = await ptzCall(client, 'GetConfigurationOptions', `<ConfigurationToken>${tok(configurationToken)}</ConfigurationToken>`);
  const opts = child(body, 'PTZConfigurationOptions') ?? body;
  const t = child(opts, 'PTZTimeout');
  const d = (s: string | undefined) => parseDuration(s);
  const min = d(textOf(child(t, 'Min')));
  const max = d(textOf(child(t, 'Max')));
  return { ...spacesOf(child(opts, 'Spaces')), ...(min !== undefined && max !== undefined ? { timeoutMs: [min, max] as Range } : {}) };
}

/** ISO 8601 duration (PT5S, PT1M30.5S, P1D) to ms; undefined when absent or not a duration. */
export function parseDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, d, h, min, s] = m;
  return (((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60 + Number(s ?? 0)) * 1000;
}


