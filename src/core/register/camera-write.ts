// From a checked camera input (contract/register.ts) to what the repository writes, and the
// snapshots history compares. One place, so create, edit and import write cameras the same way.
import type { CameraCreateInput, CameraRecord, Ownership, PointRecord } from '../../shared/contract';
import { cameraCreateInput } from '../../shared/contract';
import { vietnameseSortKey } from '../../shared/register/collation';
import { foldForIndex } from '../../shared/register/fold';
import type { CameraWrite, PointWrite } from './register-repository';

export type CheckedCamera = ReturnType<typeof cameraCreateInput.parse>;

/** Ownership as given, or from the older three-way `funding` (a socialised camera of unknown kind). */
export function ownershipOf(c: { ownership: Ownership | null; funding: 'state' | 'police' | 'socialised' }): Ownership {
  return c.ownership ?? c.funding;
}

export function toCameraWrite(c: Omit<CheckedCamera, 'id' | 'password'>, passwordBox: string | null): CameraWrite {
  return {
    pointId: c.pointId,
    name: c.name,
    status: c.status,
    ptz: c.ptz,
    onvifUrl: c.onvifUrl,
    rtspMain: c.rtspMain,
    rtspSub: c.rtspSub,
    username: c.username,
    passwordBox,
    rtspTransport: c.rtspTransport,
    preferredStream: c.preferredStream,
    transmission: c.transmission,
    make: c.make,
    model: c.model,
    serial: c.serial,
    heading: c.heading,
    fieldOfView: c.fieldOfView,
    ownership: ownershipOf(c),
    fundingSource: c.fundingSource,
    isp: c.isp,
    installDate: c.installDate,
    warrantyEnd: c.warrantyEnd,
    notes: c.notes,
    sortKey: vietnameseSortKey(c.name),
  };
}

export function parseCamera(raw: CameraCreateInput): CheckedCamera {
  return cameraCreateInput.parse(raw);
}

/** What history shows of a camera: every field but the password (only whether there is one) and last seen. */
export function cameraSnapshot(c: CameraRecord): Record<string, unknown> {
  const { lastSeen: _seen, funding: _funding, id: _id, ...rest } = c;
  return rest;
}

export function pointSnapshot(p: PointRecord): Record<string, unknown> {
  const { cameras: _cameras, id: _id, ...rest } = p;
  return rest;
}

export function toPointWrite(p: Omit<PointWrite, 'sortKey' | 'search'>): PointWrite {
  return { ...p, sortKey: vietnameseSortKey(p.name), search: foldForIndex(p.name, p.address, p.custodian) };
}
