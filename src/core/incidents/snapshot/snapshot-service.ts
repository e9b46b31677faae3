// "New incident from this camera" needs the camera's picture at full resolution, not the tile's
// sub stream (640×360 today). In order of preference:
//  1. the relay already pulls the main stream (someone watches it big): its GOP cache holds the
//     newest keyframe and what followed — decoded by ffmpeg, the newest frame taken. No new
//     connection to the camera (cameras allow few RTSP sessions). Skipped when the relay
//     transcodes, since that caps the width.
//  2. the camera's ONVIF snapshot URI (HTTP Digest): its own JPEG at full size, usually fast.
//  3. one frame of the RTSP main stream by ffmpeg (waits for a keyframe: up to a GOP).
// Everything runs in child processes or on sockets: the event loop never decodes a picture.
import path from 'node:path';
import { AppError, isAppError } from '../../../shared/errors';
import type { Logger } from '../../log/logger';
import { ffmpegCapabilities } from '../../media/ffmpeg/capabilities';
import { ChildRegistry } from '../../media/live/child-registry';
import type { LiveService } from '../../media/live';
import type { LiveSource } from '../../media/live/types';
import { chooseStreams, getProfiles, getSnapshotUri, OnvifClient, resolveServices } from '../../onvif';
import type { OnvifAccess } from '../../register/register-service';
import type { Snapshot } from '../incident-files';
import { frameFromGop, frameFromRtsp } from './frame-grab';
import { fetchSnapshot } from './http-snapshot';
import { jpegSize } from './jpeg';

export interface SnapshotServiceOptions {
  live: LiveService;
  /** The camera's main stream with its credentials (register.source). */
  mainSource: (cameraId: string) => LiveSource;
  /** The camera's ONVIF address and credentials, or null without one. */
  onvif: (cameraId: string) => OnvifAccess | null;
  ffmpegPath: string | null;
  /** <data-dir>/run: pid files of the grabs (a crashed core's leftovers are reaped). */
  runtimeDir: string;
  /** Where a GOP is written for ffmpeg to read (inside the data dir). */
  workDir: string;
  log: Logger;
}

const URI_TTL_MS = 10 * 60_000;

export class SnapshotService {
  private readonly children: ChildRegistry;
  private readonly uris = new Map<string, { key: string; uri: string | null; at: number }>();

  constructor(private readonly o: SnapshotServiceOptions) {
    this.children = new ChildRegistry({ runtimeDir: path.join(o.runtimeDir, 'snapshots'), logger: o.log });
    this.children.reapLeftovers();
  }

  async take(cameraId: string): Promise<Snapshot> {
    const takenAt = Date.now();
    const shot = (jpeg: Buffer, source: Snapshot['source']): Snapshot => ({
      jpeg,
      source,
      takenAt,
      ...(jpegSize(jpeg) ?? { width: null, height: null }),
    });
    const gop = this.relayGop(cameraId);
    if (gop && this.o.ffmpegPath) {
      try {
        return shot(await frameFromGop(this.children, this.o.ffmpegPath, gop, this.o.workDir), 'relay');
      } catch (err) {
        this.o.log.warn('snapshot from the relay failed; asking the camera', { cameraId, err: String(err) });
      }
    }
    const access = this.o.onvif(cameraId);
    if (access) {
      try {
        const uri = await this.snapshotUri(cameraId, access);
        if (uri)
          return shot(
            await fetchSnapshot(uri, access.username !== null ? { username: access.username, password: access.password ?? '' } : null),
            'onvif',
          );
      } catch (err) {
        this.o.log.warn('ONVIF snapshot failed; taking a frame of the main stream', { cameraId, err: isAppError(err) ? err.code : String(err) });
      }
    }
    if (!this.o.ffmpegPath) throw new AppError('ffmpeg_missing', {});
    const source = this.o.mainSource(cameraId);
    const timeout = (await ffmpegCapabilities(this.o.ffmpegPath)).rtspSocketTimeout;
    return shot(await frameFromRtsp(this.children, this.o.ffmpegPath, source, timeout), 'rtsp');
  }

  /** PAT + PMT + the cached GOP of the relay's main stream, when it runs in copy mode. */
  private relayGop(cameraId: string): Buffer | null {
    const state = this.o.live.stateOf(cameraId, 'main');
    if (state.state !== 'live' || state.transcoded) return null;
    let gop: Buffer | null = null;
    // A viewer for an instant: the hub hands a newcomer its GOP cache synchronously.
    const off = this.o.live.subscribe(cameraId, 'main', { data: (c) => (gop ??= Buffer.from(c)), state: () => undefined });
    off();
    return gop;
  }

  private async snapshotUri(cameraId: string, a: OnvifAccess): Promise<string | null> {
    const key = `${a.deviceUrl}\u0000${a.username ?? ''}`;
    const cached = this.uris.get(cameraId);
    if (cached && cached.key === key && Date.now() - cached.at < URI_TTL_MS) return cached.uri;
    const client = new OnvifClient({
      deviceUrl: a.deviceUrl,
      ...(a.username !== null ? { username: a.username, password: a.password ?? '' } : {}),
      timeoutMs: 4000,
    });
    await client.measureClock().catch(() => undefined);
    await resolveServices(client);
    const main = chooseStreams(await getProfiles(client)).main;
    const raw = main ? await getSnapshotUri(client, main.token) : undefined;
    // Only the path and query are the camera's to choose; the origin stays the device's.
    const uri = raw ? client.rebase(raw) : null;
    this.uris.set(cameraId, { key, uri, at: Date.now() });
    return uri;
  }

  dispose(): void {
    this.children.dispose();
  }
}
