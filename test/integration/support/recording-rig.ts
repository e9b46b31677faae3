// A recording rig for integration tests: a real SQLite file, the register, the live relay and the
// recording service against lab cameras (real RTSP, real ffmpeg). Each rig has its own data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../../src/core/log/logger';
import { LiveService } from '../../../src/core/media/live/live-service';
import { RecordingService, type RecordingServiceOptions } from '../../../src/core/media/recorder/recording-service';
import type { CameraRecordingSettings } from '../../../src/core/media/recorder/settings-repository';
import { registerStore } from '../../../src/core/register/store';
import { RegisterService } from '../../../src/core/register/register-service';
import { fileKeySecretBox } from '../../../src/core/secrets/secret-box';
import { openDatabase, type Db } from '../../../src/core/store/database';
import type { SimCameraInfo } from '../../../src/sim/types';

export interface Rig {
  dataDir: string;
  db: Db;
  register: RegisterService;
  live: LiveService;
  recording: RecordingService;
  cameraIds: Map<string, string>;
  record(name: string, s?: Partial<CameraRecordingSettings>): Promise<void>;
  close(): Promise<void>;
  /** Closes services but keeps the data dir (a restart on the same data). */
  stop(): Promise<void>;
}

export async function openRig(
  cams: SimCameraInfo[],
  opts: { dataDir?: string; segmentMs?: number; extra?: Partial<RecordingServiceOptions>; start?: boolean } = {},
): Promise<Rig> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'wf-rec-'));
  const { db } = openDatabase({ dataDir });
  const secrets = fileKeySecretBox(dataDir);
  const register = new RegisterService(registerStore(db), secrets, () => undefined);
  const cameraIds = new Map<string, string>();
  const existing = register.tree();
  let pointId = existing.points[0]?.id;
  if (!pointId) {
    const area = register.createArea({ parentId: null, name: 'Phường Bến Nghé', kind: 'ward' });
    pointId = register.createPoint({ areaId: area.id, name: 'Ngã tư', address: '1 Lê Lợi', lat: 10.77, lon: 106.7 }).id;
  }
  for (const c of cams) {
    const found = existing.cameras.find((x) => x.name === c.name);
    const id = found
      ? found.id
      : register.createCamera({
          pointId,
          name: c.name,
          rtspMain: c.rtspMain,
          rtspSub: c.rtspSub,
          onvifUrl: c.onvif,
          username: c.username,
          password: c.password,
        }).id;
    cameraIds.set(c.name, id);
  }
  const live = new LiveService({
    runtimeDir: path.join(dataDir, 'run'),
    ffmpegPath: '/usr/bin/ffmpeg',
    graceMs: 300,
    resolveSource: async (id, stream) => register.source(id, stream),
  });
  const log = createLogger('recording');
  const recording = new RecordingService({
    db,
    live,
    resolveSource: async (id, stream) => register.source(id, stream),
    device: (id) => {
      const cam = register.camera(id);
      const src = register.source(id, 'main');
      return { onvifUrl: cam.onvifUrl, username: src.username, password: src.password };
    },
    ffmpegPath: '/usr/bin/ffmpeg',
    runtimeDir: path.join(dataDir, 'run'),
    defaultFolder: path.join(dataDir, 'recordings'),
    timeZone: () => 'Asia/Ho_Chi_Minh',
    logger: log,
    segmentMs: opts.segmentMs ?? 3000,
    syncMs: 500,
    ...opts.extra,
  });
  if (opts.start !== false) await recording.start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await recording.dispose();
    await live.dispose();
    db.close();
  };
  return {
    dataDir,
    db,
    register,
    live,
    recording,
    cameraIds,
    async record(name, s = {}) {
      const cameraId = cameraIds.get(name)!;
      await recording.save({ ...recording.settings(cameraId), mode: 'continuous', ...s, cameraId });
    },
    stop,
    async close() {
      await stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
