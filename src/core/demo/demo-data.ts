// The demo site: a small centre in Ho Chi Minh City's old District 1 (now the wards of Bến Thành,
// Sài Gòn and Tân Định since the two-tier reform of July 2025): twelve camera eyes at ten points,
// with the mix a real centre has: PTZ at intersections, fixed bullets, an H.265 camera, an old
// MJPEG one, a broken camera awaiting repair, and a socialised camera on residents' Wi-Fi.
import type { Camera } from '../../shared/contract';

/** The kinds of virtual camera the lab offers (the shell injects the lab; the core never imports it). */
export type DemoVariant = 'ptz' | 'fixed' | 'h265' | 'mjpeg' | 'dead';

export interface DemoCamera {
  name: string;
  point: string;
  variant: DemoVariant;
  live?: boolean;
  status: Camera['status'];
  transmission: Camera['transmission'];
  funding: Camera['funding'];
  /** Where it looks (degrees from north) and how wide: the map draws its cone. */
  heading: number;
  fieldOfView: number;
}

export interface DemoPoint {
  name: string;
  ward: string;
  address: string;
  lat: number;
  lon: number;
}

export const DEMO_CITY = 'TP. Hồ Chí Minh';
export const DEMO_WARDS = ['Phường Bến Thành', 'Phường Sài Gòn', 'Phường Tân Định'];

export const DEMO_POINTS: DemoPoint[] = [
  { name: 'Chợ Bến Thành', ward: 'Phường Bến Thành', address: 'Lê Lợi – Phan Bội Châu', lat: 10.7725, lon: 106.698 },
  { name: 'Ngã tư Nguyễn Huệ – Lê Lợi', ward: 'Phường Sài Gòn', address: 'Nguyễn Huệ – Lê Lợi', lat: 10.774, lon: 106.703 },
  { name: 'Nhà thờ Đức Bà', ward: 'Phường Sài Gòn', address: '01 Công xã Paris', lat: 10.7798, lon: 106.699 },
  { name: 'Bến Bạch Đằng', ward: 'Phường Sài Gòn', address: 'Tôn Đức Thắng', lat: 10.7745, lon: 106.7075 },
  { name: 'Công viên 23/9', ward: 'Phường Bến Thành', address: 'Phạm Ngũ Lão', lat: 10.769, lon: 106.693 },
  { name: 'Ga Sài Gòn', ward: 'Phường Bến Thành', address: 'Nguyễn Thông', lat: 10.7825, lon: 106.677 },
  { name: 'Chợ Tân Định', ward: 'Phường Tân Định', address: '48 Mã Lộ', lat: 10.789, lon: 106.69 },
  { name: 'Cầu Thị Nghè', ward: 'Phường Tân Định', address: 'Nguyễn Thị Minh Khai', lat: 10.7895, lon: 106.706 },
  { name: 'Hẻm 42 Nguyễn Trãi', ward: 'Phường Bến Thành', address: 'Hẻm 42 Nguyễn Trãi (nhà trọ)', lat: 10.7662, lon: 106.6868 },
];

/** In lab order: the first is the live-encoded camera (clock, PTZ position, latency stamp). */
export const DEMO_CAMERAS: DemoCamera[] = [
  { name: 'Bến Thành – cổng Nam', point: 'Chợ Bến Thành', variant: 'ptz', live: true, status: 'working', transmission: 'fibre', funding: 'police', heading: 200, fieldOfView: 90 },
  { name: 'Bến Thành – cửa Bắc', point: 'Chợ Bến Thành', variant: 'fixed', status: 'working', transmission: 'fibre', funding: 'state', heading: 20, fieldOfView: 70 },
  { name: 'Nguyễn Huệ – Lê Lợi', point: 'Ngã tư Nguyễn Huệ – Lê Lợi', variant: 'ptz', status: 'working', transmission: 'fibre', funding: 'police', heading: 130, fieldOfView: 90 },
  { name: 'Phố đi bộ Nguyễn Huệ', point: 'Ngã tư Nguyễn Huệ – Lê Lợi', variant: 'fixed', status: 'working', transmission: 'direct', funding: 'state', heading: 35, fieldOfView: 60 },
  { name: 'Nhà thờ Đức Bà', point: 'Nhà thờ Đức Bà', variant: 'h265', status: 'working', transmission: 'direct', funding: 'state', heading: 150, fieldOfView: 75 },
  { name: 'Bến Bạch Đằng', point: 'Bến Bạch Đằng', variant: 'ptz', status: 'working', transmission: 'fibre', funding: 'state', heading: 90, fieldOfView: 100 },
  { name: 'Công viên 23/9 – Phạm Ngũ Lão', point: 'Công viên 23/9', variant: 'fixed', status: 'working', transmission: 'direct', funding: 'state', heading: 240, fieldOfView: 70 },
  { name: 'Công viên 23/9 – Lê Lai', point: 'Công viên 23/9', variant: 'mjpeg', status: 'working', transmission: 'mobile', funding: 'state', heading: 60, fieldOfView: 70 },
  { name: 'Ga Sài Gòn', point: 'Ga Sài Gòn', variant: 'fixed', status: 'working', transmission: 'fibre', funding: 'state', heading: 310, fieldOfView: 80 },
  { name: 'Chợ Tân Định', point: 'Chợ Tân Định', variant: 'ptz', status: 'working', transmission: 'direct', funding: 'socialised', heading: 180, fieldOfView: 90 },
  { name: 'Cầu Thị Nghè', point: 'Cầu Thị Nghè', variant: 'dead', status: 'awaiting_repair', transmission: 'direct', funding: 'state', heading: 45, fieldOfView: 60 },
  { name: 'Hẻm 42 Nguyễn Trãi', point: 'Hẻm 42 Nguyễn Trãi', variant: 'fixed', status: 'working', transmission: 'residents_wifi', funding: 'socialised', heading: 280, fieldOfView: 55 },
];

/**
 * One account per role, so a visitor can try the officer's, supervisor's, clerk's and ward's views.
 * They share one published password: the sign-in screen lists them while the demo site runs, and
 * an administrator should disable them before the console watches real cameras.
 */
export const DEMO_PASSWORD = 'watchfloor';
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: string; ward?: string }[] = [
  { username: 'admin', displayName: 'Quản trị viên', role: 'admin' },
  { username: 'trucban', displayName: 'Nguyễn Văn An (trực ban)', role: 'officer' },
  { username: 'chihuy', displayName: 'Trần Thị Bình (chỉ huy)', role: 'supervisor' },
  { username: 'trichxuat', displayName: 'Lê Văn Cường (trích xuất)', role: 'clerk' },
  { username: 'kythuat', displayName: 'Phạm Minh Đức (kỹ thuật)', role: 'technician' },
  { username: 'phuong.benthanh', displayName: 'Võ Thị Hoa (phường Bến Thành)', role: 'ward', ward: 'Phường Bến Thành' },
  { username: 'thanhtra', displayName: 'Đặng Quốc Huy (thanh tra)', role: 'auditor' },
];

/**
 * The camera lab's PTZ lens in the console's field-of-view terms (src/sim/README.md, "PTZ
 * picture"): click-to-centre on the demo's PTZ cameras lands where it is aimed.
 */
export const DEMO_PTZ_FOV = { hfovWideDeg: 180, zoomRatio: 4, panRangeDeg: 90, tiltRangeDeg: 50.625 };
