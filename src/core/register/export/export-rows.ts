// The register's rows as the spreadsheet columns (import/columns.ts) hold them, a chunk at a time,
// in Vietnamese order. Values are labels in the language asked for; the import reads either.
import type { AreaRecord } from '../../../shared/contract';
import type { CameraQuery } from '../camera-list-repository';
import { purposesFromBits } from '../register-repository';
import type { RegisterStore } from '../store';
import { EXPORT_COLUMNS, labelOf, type Lang } from '../import/columns';

export type ExportValue = string | number | null;

/** "TP. Hồ Chí Minh > Phường Bến Thành": the path the import resolves back to the same area. */
export function areaPaths(areas: readonly AreaRecord[]): Map<string, string> {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const out = new Map<string, string>();
  const pathOf = (id: string, depth = 0): string => {
    const known = out.get(id);
    if (known) return known;
    const a = byId.get(id);
    if (!a) return '';
    const p = a.parentId && depth < 32 ? pathOf(a.parentId, depth + 1) : '';
    const full = p ? `${p} > ${a.name}` : a.name;
    out.set(id, full);
    return full;
  };
  for (const a of areas) pathOf(a.id);
  return out;
}

export function* exportRows(store: RegisterStore, query: CameraQuery, lang: Lang, categoryNames: Map<string, string>): Generator<ExportValue[][]> {
  const paths = areaPaths(store.areas.records());
  for (const chunk of store.list.chunks(query)) {
    const full = store.list.exportDetails(chunk.map((r) => r.id));
    yield full.map((r) => {
      const v: Record<string, ExportValue> = {
        id: r.id,
        area: paths.get(r.area_id) ?? '',
        point: r.point_name,
        address: r.address,
        lat: r.lat,
        lon: r.lon,
        category: r.category_id ? (categoryNames.get(r.category_id) ?? labelOf('category', r.category_id, lang)) : null,
        purposes:
          purposesFromBits(r.purposes)
            .map((p) => labelOf('purposes', p, lang))
            .join('; ') || null,
        custodian: r.custodian,
        custodianContact: r.custodian_contact,
        name: r.name,
        make: r.make,
        model: r.model,
        serial: r.serial,
        rtspMain: r.rtsp_main,
        rtspSub: r.rtsp_sub,
        onvifUrl: r.onvif_url,
        username: r.username,
        ptz: labelOf('ptz', r.ptz ? 'yes' : 'no', lang),
        heading: r.heading,
        fieldOfView: r.field_of_view,
        ownership: labelOf('ownership', r.ownership, lang),
        fundingSource: r.funding_source,
        transmission: labelOf('transmission', r.transmission, lang),
        isp: r.isp ? labelOf('isp', r.isp, lang) : null,
        installDate: r.install_date,
        warrantyEnd: r.warranty_end,
        status: labelOf('status', r.status, lang),
        notes: r.notes,
      };
      return EXPORT_COLUMNS.map((c) => (v[c.key] === '' ? null : (v[c.key] ?? null)));
    });
  }
}
