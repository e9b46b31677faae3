import type { Area, Camera, CameraInput, Point, RegisterTree, StreamKind } from '../../shared/contract';
import { cameraInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { sortByName } from '../../shared/text';
import type { SecretBox } from '../secrets/secret-box';
import type { RegisterRepository } from './register-repository';

/** Where the live relay finds a camera's stream; the password is opened only here. */
export interface CameraSource {
  url: string;
  username?: string;
  password?: string;
  transport: 'tcp' | 'udp';
}

export class RegisterService {
  constructor(
    private readonly repo: RegisterRepository,
    private readonly secrets: SecretBox,
    private readonly onChange: () => void,
  ) {}

  /** Every list in Vietnamese alphabetical order (SQLite's ORDER BY puts "Cầu" after "Công"). */
  tree(): RegisterTree {
    const byName = <T extends { name: string }>(xs: T[]) => sortByName(xs, (x) => x.name);
    return { areas: byName(this.repo.areas()), points: byName(this.repo.points()), cameras: byName(this.repo.cameras()) };
  }

  exists(cameraId: string): boolean {
    return this.repo.camera(cameraId) !== null;
  }

  camera(id: string): Camera {
    const c = this.repo.camera(id);
    if (!c) throw new AppError('not_found', { kind: 'camera', id });
    return c;
  }

  createArea(input: Omit<Area, 'id'>): Area {
    if (input.parentId && !this.repo.areaExists(input.parentId)) throw new AppError('not_found', { kind: 'area', id: input.parentId });
    const a = this.repo.insertArea(input);
    this.onChange();
    return a;
  }

  createPoint(input: Omit<Point, 'id'>): Point {
    if (!this.repo.areaExists(input.areaId)) throw new AppError('not_found', { kind: 'area', id: input.areaId });
    const p = this.repo.insertPoint(input);
    this.onChange();
    return p;
  }

  createCamera(raw: CameraInput): Camera {
    const input = cameraInput.parse(raw);
    if (!this.repo.pointExists(input.pointId)) throw new AppError('not_found', { kind: 'point', id: input.pointId });
    const { password, ...rest } = input;
    const c = this.repo.insertCamera({ ...rest, passwordBox: password ? this.secrets.seal(password) : null });
    this.onChange();
    return c;
  }

  setPreferredStream(cameraId: string, stream: Camera['preferredStream']): Camera {
    this.camera(cameraId); // not_found if it is not there
    this.repo.setPreferredStream(cameraId, stream);
    this.onChange();
    return this.camera(cameraId);
  }

  /** The RTSP source for a camera's main or sub stream (sub falls back to main). */
  source(cameraId: string, stream: StreamKind): CameraSource {
    const c = this.camera(cameraId);
    const url = (stream === 'sub' ? c.rtspSub ?? c.rtspMain : c.rtspMain ?? c.rtspSub) ?? null;
    if (!url) throw new AppError('camera_stream_not_found', { camera: c.name });
    const box = this.repo.cameraPasswordBox(cameraId);
    return {
      url,
      transport: c.rtspTransport,
      ...(c.username ? { username: c.username } : {}),
      ...(box ? { password: this.secrets.open(box) } : {}),
    };
  }
}
