// The contract's entries for ONVIF onboarding, the cameras' ONVIF facts, and PTZ with priority
// locks. Spread into `api` (api.ts), like auth-api.ts, so there is still one table of methods.
//
// Audit: every PTZ command that moves a camera or changes its presets or patrols is `write` (with
// the camera as target). Keeping a held move alive (`ptz.hold`, several times a second) is not
// audited: the move that started it was.
import { z } from 'zod';
import { method } from './method';
import * as o from './onboarding';
import * as p from './ptz';
import { camera, id } from './schemas';

const cameraId = { cameraId: id };
const onCamera = { cameraId: 'camera' } as const;

export const onboardingApi = {
  'onboarding.discover': method({
    summary: 'Start looking for ONVIF cameras: a WS-Discovery probe and/or a scan of an address range × ports. Progress comes as discovery.progress events.',
    permission: 'register.manage',
    audit: 'write',
    input: o.discoverInput,
    output: z.object({ jobId: id }),
  }),
  'onboarding.job': method({
    summary: 'A discovery job as it stands: progress, time left, and what it found so far.',
    permission: 'register.manage',
    audit: 'none',
    input: z.object({ jobId: id }),
    output: o.discoveryJob,
  }),
  'onboarding.cancel': method({
    summary: 'Stop a discovery job; what it found so far stays.',
    permission: 'register.manage',
    audit: 'none',
    input: z.object({ jobId: id }),
    output: o.discoveryJob,
  }),
  'onboarding.inspect': method({
    summary: 'Read a camera by address and credentials: make, model, streams, snapshot, PTZ and its clock offset. Nothing is stored.',
    permission: 'register.manage',
    audit: 'read',
    input: o.inspectInput,
    output: o.inspectedCamera,
  }),
  'onboarding.add': method({
    summary: 'Add an ONVIF camera at a point: read it again, then store its streams, PTZ, identity and clock offset (password sealed).',
    permission: 'register.manage',
    audit: 'write',
    targets: { pointId: 'point' },
    input: o.onboardInput,
    output: camera,
  }),
  'onboarding.bulkAdd': method({
    summary: 'Add many discovered cameras at one point with one set of credentials; each row succeeds or fails on its own, with its reason.',
    permission: 'register.manage',
    audit: 'write',
    targets: { pointId: 'point' },
    input: o.bulkAddInput,
    output: o.bulkAddResult,
  }),
  'devices.list': method({
    summary: "The ONVIF facts of the cameras the caller may see: make, model, firmware, serial, MAC, clock offset and skew flag, field of view.",
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(o.cameraDevice),
  }),
  'devices.checkClock': method({
    summary: "Read a camera's clock again and store the offset (a skew above the threshold is flagged and audited).",
    permission: 'register.view',
    audit: 'read',
    targets: onCamera,
    input: z.object(cameraId),
    output: o.cameraDevice,
  }),
  'devices.setFov': method({
    summary: "Set a PTZ camera's field of view (data sheet values), used by click-to-centre and box zoom.",
    permission: 'register.manage',
    audit: 'write',
    targets: onCamera,
    input: z.object({ ...cameraId, fov: p.ptzFov }),
    output: o.cameraDevice,
  }),
} as const;

export const ptzApi = {
  'ptz.state': method({
    summary: "A PTZ camera's capabilities, position, who holds it and any running patrol.",
    permission: 'ptz.control',
    audit: 'none',
    targets: onCamera,
    input: z.object(cameraId),
    output: p.ptzState,
  }),
  'ptz.move': method({
    summary: 'Start (or change) a continuous move. Keep it alive with ptz.hold at least once a second, or the core stops the camera.',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object({ ...cameraId, velocity: p.ptzVelocity }),
    output: z.object({ lock: p.ptzLock }),
  }),
  'ptz.hold': method({
    summary: 'Keep a held move going (sent while the key or button stays down); not audited.',
    permission: 'ptz.control',
    audit: 'none',
    targets: onCamera,
    input: z.object(cameraId),
    output: z.object({ moving: z.boolean() }),
  }),
  'ptz.stop': method({
    summary: 'Stop pan, tilt and zoom (key or button let go).',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object(cameraId),
    output: z.object({ stopped: z.boolean() }),
  }),
  'ptz.centre': method({
    summary: 'Turn the camera so the clicked point of the picture comes to the centre (RelativeMove, or AbsoluteMove from the current position).',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object({ ...cameraId, target: p.pictureBox }),
    output: z.object({ pan: z.number(), tilt: z.number(), zoom: z.number() }),
  }),
  'ptz.zoomBox': method({
    summary: 'Centre the box drawn on the picture and zoom until it fills the picture (from the field of view at the current zoom).',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object({ ...cameraId, box: p.pictureBox }),
    output: z.object({ pan: z.number(), tilt: z.number(), zoom: z.number() }),
  }),
  'ptz.home': method({
    summary: 'Go to the home position.',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object(cameraId),
    output: z.object({ ok: z.boolean() }),
  }),
  'ptz.presets': method({
    summary: "A camera's presets (empty slots left out), with the console's names for them.",
    permission: 'ptz.control',
    audit: 'none',
    targets: onCamera,
    input: z.object(cameraId),
    output: z.array(p.ptzPreset),
  }),
  'ptz.gotoPreset': method({
    summary: 'Go to a preset.',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object({ ...cameraId, token: z.string().min(1).max(64) }),
    output: z.object({ ok: z.boolean() }),
  }),
  'ptz.savePreset': method({
    summary: 'Save the current position as a new preset, or over an existing one (token).',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object({ ...cameraId, name: z.string().trim().min(1).max(100), token: z.string().min(1).max(64).optional() }),
    output: p.ptzPreset,
  }),
  'ptz.renamePreset': method({
    summary: 'Rename a preset without moving the camera (the name is kept by the console).',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object({ ...cameraId, token: z.string().min(1).max(64), name: z.string().trim().min(1).max(100) }),
    output: p.ptzPreset,
  }),
  'ptz.deletePreset': method({
    summary: 'Delete a preset from the camera (patrols that use it skip it).',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object({ ...cameraId, token: z.string().min(1).max(64) }),
    output: z.object({ token: z.string() }),
  }),
  'ptz.release': method({
    summary: 'Let go of a camera now. An administrator may release anyone’s hold.',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object(cameraId),
    output: z.object({ released: z.boolean() }),
  }),
  'ptz.patrols': method({
    summary: "A camera's patrols (presets with dwell times).",
    permission: 'ptz.control',
    audit: 'none',
    targets: onCamera,
    input: z.object(cameraId),
    output: z.array(p.patrol),
  }),
  'ptz.savePatrol': method({
    summary: 'Create or change a patrol.',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: p.patrolInput,
    output: p.patrol,
  }),
  'ptz.deletePatrol': method({
    summary: 'Delete a patrol (stopped first if it runs).',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object({ ...cameraId, patrolId: id }),
    output: z.object({ id }),
  }),
  'ptz.startPatrol': method({
    summary: 'Start a patrol: the core visits its presets in turn until someone stops it or takes manual control.',
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object({ ...cameraId, patrolId: id }),
    output: p.patrolRun,
  }),
  'ptz.stopPatrol': method({
    summary: "Stop the camera's running patrol.",
    permission: 'ptz.control',
    audit: 'write',
    targets: onCamera,
    input: z.object(cameraId),
    output: z.object({ stopped: z.boolean() }),
  }),
} as const;
