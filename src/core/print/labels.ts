// Words of the printouts (the shift minute, the incident list) in Vietnamese and English. The
// console's screens have their own locale files; a printout is made by the core, which has no
// access to them (src/renderer is another layer).
import type { AlarmKind, AlarmPriority, IncidentStatus, Severity } from '../../shared/contract';

export type PrintLang = 'vi' | 'en';

const STATUS: Record<PrintLang, Record<IncidentStatus, string>> = {
  vi: { new: 'Mới', in_progress: 'Đang xử lý', resolved: 'Đã giải quyết', closed: 'Đã đóng' },
  en: { new: 'New', in_progress: 'In progress', resolved: 'Resolved', closed: 'Closed' },
};
const SEVERITY: Record<PrintLang, Record<Severity, string>> = {
  vi: { low: 'Thấp', medium: 'Trung bình', high: 'Cao', critical: 'Khẩn cấp' },
  en: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
};
const KIND: Record<PrintLang, Record<AlarmKind, string>> = {
  vi: {
    motion: 'Chuyển động',
    tampering: 'Che chắn, xoay camera',
    video_loss: 'Mất tín hiệu hình',
    camera_offline: 'Camera mất kết nối',
    disk_full: 'Ổ đĩa sắp đầy',
    recording_failed: 'Lỗi ghi hình',
    events_gap: 'Gián đoạn nhận sự kiện',
  },
  en: {
    motion: 'Motion',
    tampering: 'Tampering',
    video_loss: 'Video loss',
    camera_offline: 'Camera offline',
    disk_full: 'Disk nearly full',
    recording_failed: 'Recording failed',
    events_gap: 'Event gap',
  },
};
const PRIORITY: Record<PrintLang, Record<AlarmPriority, string>> = {
  vi: { critical: 'Khẩn cấp', high: 'Cao', normal: 'Bình thường', low: 'Thấp' },
  en: { critical: 'Critical', high: 'High', normal: 'Normal', low: 'Low' },
};

const WORDS = {
  vi: {
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    centre: 'TRUNG TÂM GIÁM SÁT',
    minute: 'BIÊN BẢN GIAO CA',
    period: 'Ca trực từ {from} đến {to}',
    scope: 'Phạm vi: {areas}',
    wholeCentre: 'Toàn trung tâm',
    outgoing: 'Người giao ca',
    incoming: 'Người nhận ca',
    signedAt: 'Ký giao ca lúc {at}',
    ackedAt: 'Nhận ca lúc {at}',
    notAcked: 'Chưa có người nhận ca',
    incidents: 'I. Tình hình vụ việc',
    opened: 'Vụ việc mới tiếp nhận',
    changed: 'Vụ việc có cập nhật',
    closed: 'Vụ việc đã đóng',
    carried: 'Vụ việc chuyển ca sau (chưa đóng)',
    alarms: 'II. Cảnh báo và xử lý',
    byKind: 'Tổng hợp theo loại',
    notable: 'Cảnh báo mức cao, khẩn cấp',
    openAlarms: 'Cảnh báo chưa xác nhận',
    cameras: 'III. Camera mất kết nối, hoạt động trở lại',
    ptz: 'IV. Chuyển quyền điều khiển PTZ',
    exports: 'V. Trích xuất dữ liệu',
    snoozes: 'Tạm tắt cảnh báo',
    notes: 'VI. Nội dung bàn giao',
    entries: 'Ghi chú, đính chính sau khi ký',
    none: 'Không có.',
    truncated: 'Danh sách dài đã được rút gọn; số liệu tổng hợp đầy đủ.',
    sign: '(Ký, ghi rõ họ tên)',
    hash: 'Mã kiểm tra báo cáo (SHA-256): {hash}',
    cols: {
      number: 'Số',
      title: 'Nội dung',
      status: 'Trạng thái',
      time: 'Thời gian',
      area: 'Khu vực',
      kind: 'Loại',
      rows: 'Số dòng',
      raised: 'Số lần',
      acked: 'Đã xác nhận',
      escalated: 'Chuyển vụ việc',
      open: 'Chưa xử lý',
      camera: 'Camera',
      priority: 'Mức',
      handled: 'Xử lý',
      offline: 'Mất kết nối',
      back: 'Hoạt động lại',
      who: 'Người thực hiện',
      action: 'Thao tác',
      detail: 'Chi tiết',
      category: 'Loại vụ việc',
      severity: 'Mức độ',
      assignee: 'Người phụ trách',
    },
    stillOffline: 'chưa',
    listTitle: 'DANH SÁCH VỤ VIỆC',
    listCount: '{n} vụ việc',
    printedAt: 'In lúc {at}',
  },
  en: {
    nation: 'SOCIALIST REPUBLIC OF VIET NAM',
    motto: 'Independence - Freedom - Happiness',
    centre: 'MONITORING CENTRE',
    minute: 'SHIFT HANDOVER MINUTE',
    period: 'Shift from {from} to {to}',
    scope: 'Areas: {areas}',
    wholeCentre: 'The whole centre',
    outgoing: 'Outgoing officer',
    incoming: 'Incoming officer',
    signedAt: 'Signed off at {at}',
    ackedAt: 'Taken over at {at}',
    notAcked: 'Not yet taken over',
    incidents: 'I. Incidents',
    opened: 'Logged in this shift',
    changed: 'Updated in this shift',
    closed: 'Closed in this shift',
    carried: 'Carried over (not closed)',
    alarms: 'II. Alarms and how they were handled',
    byKind: 'By kind',
    notable: 'High and critical alarms',
    openAlarms: 'Not yet acknowledged',
    cameras: 'III. Cameras that went offline or came back',
    ptz: 'IV. PTZ takeovers',
    exports: 'V. Exports',
    snoozes: 'Snoozed cameras',
    notes: 'VI. Handover notes',
    entries: 'Notes and corrections after signing',
    none: 'None.',
    truncated: 'Long lists were shortened; the counts cover everything.',
    sign: '(Signature and full name)',
    hash: 'Report checksum (SHA-256): {hash}',
    cols: {
      number: 'No.',
      title: 'Summary',
      status: 'Status',
      time: 'Time',
      area: 'Area',
      kind: 'Kind',
      rows: 'Rows',
      raised: 'Raised',
      acked: 'Acknowledged',
      escalated: 'Escalated',
      open: 'Open',
      camera: 'Camera',
      priority: 'Priority',
      handled: 'Handled',
      offline: 'Offline',
      back: 'Back',
      who: 'By',
      action: 'Action',
      detail: 'Detail',
      category: 'Category',
      severity: 'Severity',
      assignee: 'Assignee',
    },
    stillOffline: 'not yet',
    listTitle: 'INCIDENT LIST',
    listCount: '{n} incidents',
    printedAt: 'Printed {at}',
  },
};

export type Words = (typeof WORDS)['vi'];

export function labels(lang: PrintLang) {
  return { words: WORDS[lang], status: STATUS[lang], severity: SEVERITY[lang], kind: KIND[lang], priority: PRIORITY[lang] };
}

export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Date and time in the console's zone, as the printouts show it. */
export function printTime(ms: number | null, lang: PrintLang, timeZone: string): string {
  if (ms === null) return '';
  const key = `${lang}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false };
    try {
      f = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { ...opts, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { ...opts, timeZone: 'Asia/Ho_Chi_Minh' });
    }
    formatters.set(key, f);
  }
  return f.format(ms);
}
