// The columns of the register's spreadsheet, shared by import, export and the template: an export
// re-imports unchanged. Headers and values are recognised in Vietnamese or English, with or
// without diacritics ("Khu vuc" = "Khu vực" = "Area"); the template and exports write the
// language asked for. One row is one camera, with its point and area.
import { CAMERA_STATUSES, ISPS, OWNERSHIPS, PURPOSES, TRANSMISSIONS } from '../../../shared/contract';
import { foldText } from '../../../shared/text';

export type Lang = 'vi' | 'en';

export interface Column {
  key: string;
  vi: string;
  en: string;
  required?: boolean;
  /** A hint for the template's second sheet. */
  help: { vi: string; en: string };
}

export const COLUMNS = [
  {
    key: 'id',
    vi: 'Mã camera',
    en: 'Camera ID',
    help: { vi: 'Để trống khi thêm mới; giữ nguyên khi sửa từ tệp xuất', en: 'Empty for a new camera; keep it when editing an export' },
  },
  {
    key: 'area',
    vi: 'Khu vực',
    en: 'Area',
    required: true,
    help: { vi: 'Tên hoặc đường dẫn: TP. Hồ Chí Minh > Phường Bến Thành', en: 'Name or path: TP. Hồ Chí Minh > Phường Bến Thành' },
  },
  { key: 'point', vi: 'Điểm', en: 'Point', required: true, help: { vi: 'Tên điểm lắp đặt', en: 'Mounting location name' } },
  { key: 'address', vi: 'Địa chỉ', en: 'Address', help: { vi: '', en: '' } },
  { key: 'lat', vi: 'Vĩ độ', en: 'Latitude', help: { vi: 'Ví dụ 10.7725 (trong Việt Nam: 6–23.5)', en: 'E.g. 10.7725 (in Vietnam: 6–23.5)' } },
  { key: 'lon', vi: 'Kinh độ', en: 'Longitude', help: { vi: 'Ví dụ 106.698 (trong Việt Nam: 102–118)', en: 'E.g. 106.698 (in Vietnam: 102–118)' } },
  {
    key: 'category',
    vi: 'Loại địa điểm',
    en: 'Location category',
    help: { vi: 'Nút giao, chợ, nhà trọ…', en: 'Intersection, market, rental house…' },
  },
  { key: 'purposes', vi: 'Mục đích', en: 'Purposes', help: { vi: 'Nhiều mục, cách nhau bằng dấu ;', en: 'Several, separated by ;' } },
  {
    key: 'custodian',
    vi: 'Đơn vị/hộ quản lý',
    en: 'Custodian',
    help: { vi: 'Hộ gia đình hoặc doanh nghiệp (camera xã hội hoá)', en: 'Household or business (socialised cameras)' },
  },
  { key: 'custodianContact', vi: 'Liên hệ', en: 'Contact', help: { vi: 'Số điện thoại', en: 'Phone number' } },
  { key: 'name', vi: 'Tên camera', en: 'Camera', required: true, help: { vi: '', en: '' } },
  { key: 'make', vi: 'Hãng', en: 'Make', help: { vi: '', en: '' } },
  { key: 'model', vi: 'Model', en: 'Model', help: { vi: '', en: '' } },
  { key: 'serial', vi: 'Số sê-ri', en: 'Serial', help: { vi: 'Không trùng nhau', en: 'Unique' } },
  { key: 'rtspMain', vi: 'Luồng chính (RTSP)', en: 'Main stream (RTSP)', help: { vi: 'rtsp://…', en: 'rtsp://…' } },
  { key: 'rtspSub', vi: 'Luồng phụ (RTSP)', en: 'Sub stream (RTSP)', help: { vi: '', en: '' } },
  { key: 'onvifUrl', vi: 'Địa chỉ ONVIF', en: 'ONVIF address', help: { vi: 'http://…/onvif/device_service', en: 'http://…/onvif/device_service' } },
  { key: 'username', vi: 'Tên đăng nhập', en: 'User name', help: { vi: '', en: '' } },
  {
    key: 'password',
    vi: 'Mật khẩu',
    en: 'Password',
    help: { vi: 'Không bao giờ được xuất ra; để trống để giữ mật khẩu đã lưu', en: 'Never exported; leave empty to keep the stored one' },
  },
  { key: 'ptz', vi: 'PTZ', en: 'PTZ', help: { vi: 'Có / Không', en: 'Yes / No' } },
  { key: 'heading', vi: 'Hướng (độ)', en: 'Heading (°)', help: { vi: '0–360, 0 = Bắc', en: '0–360, 0 = north' } },
  { key: 'fieldOfView', vi: 'Góc nhìn (độ)', en: 'Field of view (°)', help: { vi: '', en: '' } },
  {
    key: 'ownership',
    vi: 'Sở hữu',
    en: 'Ownership',
    help: {
      vi: 'Ngân sách nhà nước, Công an, Doanh nghiệp, Hộ gia đình, Chủ nhà trọ, Xã hội hoá',
      en: 'State budget, Police, Business, Household, Rental-house owner, Socialised',
    },
  },
  { key: 'fundingSource', vi: 'Nguồn kinh phí', en: 'Funding source', help: { vi: '', en: '' } },
  {
    key: 'transmission',
    vi: 'Đường truyền',
    en: 'Transmission',
    help: { vi: 'Đường truyền trực tiếp, Cáp quang, Wi-Fi nhà dân, 4G/5G, Khác', en: 'Direct line, Fibre, Residents’ Wi-Fi, 4G/5G, Other' },
  },
  { key: 'isp', vi: 'Nhà mạng', en: 'ISP', help: { vi: 'Viettel, VNPT, FPT, Khác', en: 'Viettel, VNPT, FPT, Other' } },
  { key: 'installDate', vi: 'Ngày lắp đặt', en: 'Install date', help: { vi: 'YYYY-MM-DD hoặc DD/MM/YYYY', en: 'YYYY-MM-DD or DD/MM/YYYY' } },
  { key: 'warrantyEnd', vi: 'Hết bảo hành', en: 'Warranty end', help: { vi: 'YYYY-MM-DD hoặc DD/MM/YYYY', en: 'YYYY-MM-DD or DD/MM/YYYY' } },
  {
    key: 'status',
    vi: 'Tình trạng',
    en: 'Status',
    help: { vi: 'Đang hoạt động, Mất kết nối, Chờ sửa chữa, Ngừng sử dụng', en: 'Working, Offline, Awaiting repair, Decommissioned' },
  },
  { key: 'notes', vi: 'Ghi chú', en: 'Notes', help: { vi: '', en: '' } },
] as const satisfies readonly Column[];

export type ColumnKey = (typeof COLUMNS)[number]['key'];

/** Exports leave out the password column: a password never leaves the core. */
export const EXPORT_COLUMNS = COLUMNS.filter((c) => c.key !== 'password');

/** Labels of every enumerated value, as written in exports and recognised in imports. */
export const VALUE_LABELS: Record<string, Record<string, { vi: string; en: string }>> = {
  status: {
    unknown: { vi: 'Chưa rõ', en: 'Unknown' },
    working: { vi: 'Đang hoạt động', en: 'Working' },
    offline: { vi: 'Mất kết nối', en: 'Offline' },
    awaiting_repair: { vi: 'Chờ sửa chữa', en: 'Awaiting repair' },
    decommissioned: { vi: 'Ngừng sử dụng', en: 'Decommissioned' },
  },
  ownership: {
    state: { vi: 'Ngân sách nhà nước', en: 'State budget' },
    police: { vi: 'Công an', en: 'Police' },
    business: { vi: 'Doanh nghiệp', en: 'Business' },
    household: { vi: 'Hộ gia đình', en: 'Household' },
    rental_owner: { vi: 'Chủ nhà trọ', en: 'Rental-house owner' },
    socialised: { vi: 'Xã hội hoá', en: 'Socialised' },
  },
  transmission: {
    direct: { vi: 'Đường truyền trực tiếp', en: 'Direct line' },
    fibre: { vi: 'Cáp quang', en: 'Fibre' },
    residents_wifi: { vi: 'Wi-Fi nhà dân', en: 'Residents’ Wi-Fi' },
    mobile: { vi: '4G/5G', en: '4G/5G' },
    other: { vi: 'Khác', en: 'Other' },
  },
  isp: {
    viettel: { vi: 'Viettel', en: 'Viettel' },
    vnpt: { vi: 'VNPT', en: 'VNPT' },
    fpt: { vi: 'FPT', en: 'FPT' },
    other: { vi: 'Khác', en: 'Other' },
  },
  purposes: {
    public_order: { vi: 'An ninh trật tự', en: 'Public order' },
    traffic: { vi: 'Giao thông', en: 'Traffic' },
    fire: { vi: 'Phòng cháy chữa cháy', en: 'Fire' },
    environment: { vi: 'Môi trường', en: 'Environment' },
    urban_order: { vi: 'Trật tự đô thị', en: 'Urban order' },
    admin_violations: { vi: 'Xử lý vi phạm hành chính', en: 'Administrative violations' },
  },
  category: {
    intersection: { vi: 'Nút giao', en: 'Intersection' },
    traffic_route: { vi: 'Tuyến giao thông', en: 'Traffic route' },
    station: { vi: 'Nhà ga', en: 'Station' },
    bus_station: { vi: 'Bến xe', en: 'Bus station' },
    airport: { vi: 'Sân bay', en: 'Airport' },
    market: { vi: 'Chợ', en: 'Market' },
    supermarket: { vi: 'Siêu thị', en: 'Supermarket' },
    hotel: { vi: 'Khách sạn', en: 'Hotel' },
    industrial_park: { vi: 'Khu công nghiệp', en: 'Industrial park' },
    bank: { vi: 'Ngân hàng', en: 'Bank' },
    school: { vi: 'Trường học', en: 'School' },
    historic_site: { vi: 'Di tích', en: 'Historic site' },
    residential_group: { vi: 'Tổ dân phố', en: 'Residential group' },
    rental_house: { vi: 'Nhà trọ', en: 'Rental house' },
    other: { vi: 'Khác', en: 'Other' },
  },
  ptz: { yes: { vi: 'Có', en: 'Yes' }, no: { vi: 'Không', en: 'No' } },
};

// Contract and labels stay in step (a test checks this too).
void [CAMERA_STATUSES, OWNERSHIPS, TRANSMISSIONS, ISPS, PURPOSES];

const fold = (s: string) =>
  foldText(s.normalize('NFC'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Header text → column key ("khu vuc", "Khu vực", "Area", "area" alike), or null. */
const HEADER_INDEX = new Map<string, ColumnKey>();
for (const c of COLUMNS) for (const label of [c.key, c.vi, c.en]) HEADER_INDEX.set(fold(label), c.key);

export function columnOf(header: string): ColumnKey | null {
  return HEADER_INDEX.get(fold(header)) ?? null;
}

const VALUE_INDEX = new Map<string, Map<string, string>>();
for (const [group, values] of Object.entries(VALUE_LABELS)) {
  const m = new Map<string, string>();
  for (const [key, l] of Object.entries(values)) for (const label of [key, l.vi, l.en]) m.set(fold(label), key);
  VALUE_INDEX.set(group, m);
}
// Common spellings seen in ward spreadsheets.
VALUE_INDEX.get('transmission')!.set('wifi', 'residents_wifi').set('4g', 'mobile').set('5g', 'mobile').set('truc tiep', 'direct');
VALUE_INDEX.get('ptz')!.set('1', 'yes').set('0', 'no').set('true', 'yes').set('false', 'no').set('x', 'yes');
VALUE_INDEX.get('ownership')!.set('ngan sach', 'state').set('xhh', 'socialised');

/** A label in either language (or the key itself) → the value's key, or null. */
export function valueOf(group: string, text: string): string | null {
  // A sheet repeats a few labels thousands of times; folding each again was a tenth of the check.
  const key = `${group}\u0000${text}`;
  let v = valueCache.get(key);
  if (v === undefined) {
    if (valueCache.size > 5000) valueCache.clear();
    valueCache.set(key, (v = VALUE_INDEX.get(group)?.get(fold(text)) ?? null));
  }
  return v;
}
const valueCache = new Map<string, string | null>();

export function labelOf(group: string, key: string, lang: Lang): string {
  return VALUE_LABELS[group]?.[key]?.[lang] ?? key;
}

export function headerOf(key: ColumnKey, lang: Lang): string {
  return COLUMNS.find((c) => c.key === key)![lang];
}
