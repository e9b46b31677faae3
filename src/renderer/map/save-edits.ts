// Edit mode saves through the register's own methods, so a moved point or a turned camera lands in
// the record's history like an edit in the register's forms: the whole record is read, one thing
// changed, and written back.
import type { CameraRecord, PointRecord } from '../../shared/contract';
import type { ApiClient } from '../api/client';

/** Six decimals: about 10 cm, finer than anyone can drag. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export async function saveMove(api: ApiClient, pointId: string, lat: number, lon: number): Promise<PointRecord> {
  const p = await api.call('register.point', { id: pointId });
  return api.call('register.savePoint', {
    id: p.id,
    create: false,
    areaId: p.areaId,
    name: p.name,
    address: p.address,
    lat: round6(lat),
    lon: round6(lon),
    categoryId: p.categoryId,
    purposes: p.purposes,
    custodian: p.custodian,
    custodianContact: p.custodianContact,
    notes: p.notes,
  });
}

export async function saveAim(api: ApiClient, cameraId: string, heading: number, fieldOfView: number): Promise<CameraRecord> {
  const c = await api.call('register.camera', { id: cameraId });
  const { hasPassword: _h, lastSeen: _l, disabled: _d, ...fields } = c;
  return api.call('register.updateCamera', { ...fields, keepPassword: true, heading: ((heading % 360) + 360) % 360, fieldOfView });
}
