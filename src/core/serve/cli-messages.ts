// What serve mode prints on the terminal, in the user's language (LANG / LC_ALL decide).
import type { ErrorInfo } from '../../shared/errors';

type Lang = 'en' | 'vi';

export function terminalLanguage(env = process.env): Lang {
  const l = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').toLowerCase();
  return l.startsWith('vi') ? 'vi' : 'en';
}

const TEXT: Record<Lang, Record<string, (p: Record<string, unknown>) => string>> = {
  en: {
    serving: (p) => `Watchfloor is running at ${p.url}  (data: ${p.dataDir})`,
    no_electron: () => 'Electron is not installed on this machine, so Watchfloor starts in serve mode: open the address below in a browser.',
    port_in_use: (p) => `Port ${p.port} is already in use on ${p.host}. Choose another with --port, or stop the program using it.`,
    host_unavailable: (p) => `Cannot listen on ${p.host}:${p.port}: that address is not available on this machine.`,
    data_dir_not_writable: (p) => `The data folder ${p.path} cannot be written. Choose another with --data-dir or fix its permissions.`,
    db_newer_than_app: (p) => `The database ${p.file} was written by a newer Watchfloor (schema ${p.version}; this version knows ${p.supported}). Nothing was changed. Update Watchfloor.`,
    db_locked: (p) => `The database ${p.file} is locked by another program. Close it and start again.`,
    db_corrupt: (p) => `The database ${p.file} is damaged or is not a Watchfloor database. Restore a backup or move the file away.`,
    db_unreadable: (p) => `The database ${p.file} cannot be opened (permissions or disk). Check the file.`,
    disk_full: (p) => `The disk holding ${p.file} is full.`,
    bad_args: (p) => `Unknown or incomplete option: ${p.arg}. Usage: npm run serve -- --port P --data-dir D [--host H]`,
    internal: () => 'Watchfloor could not start because of an unexpected error (see the log above).',
    demo_starting: () => 'Starting the demo site (virtual cameras); the first start prepares their video and takes a minute…',
    demo_running: (p) => `Demo site running: ${p.cameras} virtual cameras.`,
    demo_unavailable: (p) => `The demo site could not start: ${p.detail}`,
    lan_needs_tls: (p) =>
      `Refusing to listen on ${p.host} without TLS: passwords and video would cross the network in clear. Give --tls-cert FILE --tls-key FILE, or --insecure-lan on a network you trust.`,
    tls_unreadable: (p) => `The TLS certificate or key ${p.file} cannot be read.`,
    init_admin_bad: () => 'WATCHFLOOR_INIT_ADMIN must be user:password (user name of 2–64 letters, digits, . _ - @; password of at least 8 characters). It was ignored.',
    setup_needed: (p) => `First start: open ${p.url} on this machine to create the administrator.`,
    demo_accounts: (p) => `Demo accounts (password "${p.password}"): ${p.list}`,
  },
  vi: {
    serving: (p) => `Watchfloor đang chạy tại ${p.url}  (dữ liệu: ${p.dataDir})`,
    no_electron: () => 'Máy này chưa cài Electron nên Watchfloor chạy ở chế độ máy chủ: mở địa chỉ dưới đây bằng trình duyệt.',
    port_in_use: (p) => `Cổng ${p.port} trên ${p.host} đang được dùng. Chọn cổng khác bằng --port hoặc dừng chương trình đang dùng nó.`,
    host_unavailable: (p) => `Không thể lắng nghe trên ${p.host}:${p.port}: địa chỉ này không có trên máy.`,
    data_dir_not_writable: (p) => `Không ghi được vào thư mục dữ liệu ${p.path}. Chọn thư mục khác bằng --data-dir hoặc sửa quyền.`,
    db_newer_than_app: (p) => `Cơ sở dữ liệu ${p.file} do phiên bản Watchfloor mới hơn ghi (lược đồ ${p.version}; bản này hỗ trợ ${p.supported}). Không có gì bị thay đổi. Hãy cập nhật Watchfloor.`,
    db_locked: (p) => `Cơ sở dữ liệu ${p.file} đang bị chương trình khác khoá. Đóng chương trình đó rồi chạy lại.`,
    db_corrupt: (p) => `Cơ sở dữ liệu ${p.file} bị hỏng hoặc không phải của Watchfloor. Khôi phục bản sao lưu hoặc chuyển tệp đi nơi khác.`,
    db_unreadable: (p) => `Không mở được cơ sở dữ liệu ${p.file} (quyền truy cập hoặc ổ đĩa). Hãy kiểm tra tệp.`,
    disk_full: (p) => `Ổ đĩa chứa ${p.file} đã đầy.`,
    bad_args: (p) => `Tuỳ chọn không hợp lệ hoặc thiếu giá trị: ${p.arg}. Cách dùng: npm run serve -- --port P --data-dir D [--host H]`,
    internal: () => 'Watchfloor không khởi động được do lỗi không mong muốn (xem nhật ký phía trên).',
    demo_starting: () => 'Đang khởi động khu demo (camera ảo); lần đầu cần khoảng một phút để chuẩn bị video…',
    demo_running: (p) => `Khu demo đang chạy: ${p.cameras} camera ảo.`,
    demo_unavailable: (p) => `Không khởi động được khu demo: ${p.detail}`,
    lan_needs_tls: (p) =>
      `Không lắng nghe trên ${p.host} khi không có TLS: mật khẩu và video sẽ đi qua mạng không mã hoá. Hãy thêm --tls-cert TỆP --tls-key TỆP, hoặc --insecure-lan nếu mạng này tin cậy được.`,
    tls_unreadable: (p) => `Không đọc được chứng chỉ hoặc khoá TLS ${p.file}.`,
    init_admin_bad: () => 'WATCHFLOOR_INIT_ADMIN phải có dạng tên:mật_khẩu (tên 2–64 ký tự gồm chữ, số, . _ - @; mật khẩu ít nhất 8 ký tự). Giá trị này đã bị bỏ qua.',
    setup_needed: (p) => `Lần chạy đầu: mở ${p.url} trên chính máy này để tạo tài khoản quản trị.`,
    demo_accounts: (p) => `Tài khoản demo (mật khẩu "${p.password}"): ${p.list}`,
  },
};

export function say(key: string, params: Record<string, unknown> = {}, lang = terminalLanguage()): string {
  const t = TEXT[lang][key] ?? TEXT.en[key] ?? TEXT[lang].internal!;
  return t(params);
}

export function sayError(error: ErrorInfo, lang = terminalLanguage()): string {
  return say(TEXT[lang][error.code] ? error.code : 'internal', error.params, lang);
}
