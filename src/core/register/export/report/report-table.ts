// The ward report as a table of cells: one header (two rows: groups and columns), a row per area
// (indented by depth) and a total. Both the XLSX and the printable page are drawn from this.
import type { Counts, StatsReport } from '../../../../shared/contract';
import type { Lang } from '../../import/columns';
import { REPORT_LABELS, type ReportLabel } from './report-labels';

type Col = { label: ReportLabel; group?: ReportLabel; value: (c: Counts) => number | string };

export const REPORT_COLUMNS: Col[] = [
  { label: 'points', value: (c) => c.points },
  { label: 'cameras', value: (c) => c.cameras },
  { label: 'working', value: (c) => c.status.working },
  { label: 'offline', value: (c) => c.status.offline },
  { label: 'awaiting_repair', value: (c) => c.status.awaiting_repair },
  { label: 'decommissioned', value: (c) => c.status.decommissioned },
  { label: 'state', group: 'ownershipHead', value: (c) => c.ownership.state },
  { label: 'police', group: 'ownershipHead', value: (c) => c.ownership.police },
  {
    label: 'socialised',
    group: 'ownershipHead',
    value: (c) => c.ownership.business + c.ownership.household + c.ownership.rental_owner + c.ownership.socialised,
  },
  { label: 'direct', group: 'transmissionHead', value: (c) => c.transmission.direct + c.transmission.fibre },
  { label: 'residents_wifi', group: 'transmissionHead', value: (c) => c.transmission.residents_wifi },
  { label: 'mobile', group: 'transmissionHead', value: (c) => c.transmission.mobile },
  { label: 'other', group: 'transmissionHead', value: (c) => c.transmission.other },
  { label: 'public_order', group: 'purposeHead', value: (c) => c.purpose.public_order },
  { label: 'traffic', group: 'purposeHead', value: (c) => c.purpose.traffic },
  { label: 'fire', group: 'purposeHead', value: (c) => c.purpose.fire },
  { label: 'environment', group: 'purposeHead', value: (c) => c.purpose.environment },
  { label: 'urban_order', group: 'purposeHead', value: (c) => c.purpose.urban_order },
  { label: 'admin_violations', group: 'purposeHead', value: (c) => c.purpose.admin_violations },
  { label: 'groups', group: 'complianceHead', value: (c) => `${c.residentialGroupsCovered}/${c.residentialGroups}` },
  { label: 'rentals', group: 'complianceHead', value: (c) => `${c.rentalHousesCovered}/${c.rentalHouses}` },
];

export interface ReportTable {
  groups: { label: string; span: number }[];
  header: string[];
  rows: { depth: number; cells: (string | number)[] }[];
  total: (string | number)[];
}

export function reportTable(report: StatsReport, lang: Lang): ReportTable {
  const L = REPORT_LABELS[lang];
  const groups: ReportTable['groups'] = [{ label: '', span: 1 }];
  for (const c of REPORT_COLUMNS) {
    const g = c.group ? L[c.group] : '';
    const last = groups[groups.length - 1]!;
    if (last.label === g && g !== '') last.span++;
    else groups.push({ label: g, span: 1 });
  }
  return {
    groups,
    header: [L.area, ...REPORT_COLUMNS.map((c) => L[c.label])],
    rows: report.rows.map((r) => ({ depth: r.depth, cells: [r.name, ...REPORT_COLUMNS.map((c) => c.value(r.total))] })),
    total: [L.total, ...REPORT_COLUMNS.map((c) => c.value(report.total))],
  };
}
