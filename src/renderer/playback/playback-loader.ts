// mpegts.js's loader for the /playback socket: binary frames go to the demuxer, text frames to
// `onText`, and the player's controls (play, pause, speed) go back on the same socket (`onOpen`
// hands it over). The live loader (video/meta-ws-loader.ts) has no way back; playback needs one.
import mpegts from 'mpegts.js';

const LoaderStatus = { kIdle: 0, kConnecting: 1, kBuffering: 2, kError: 3, kComplete: 4 } as const;
const EXCEPTION = 'Exception' as unknown as mpegts.LoaderErrors;

type Base = mpegts.BaseLoader & {
  _onDataArrival: mpegts.BaseLoader['onDataArrival'] | null;
  _onError: mpegts.BaseLoader['onError'] | null;
  _onComplete: mpegts.BaseLoader['onComplete'] | null;
};

export function playbackLoader(onText: (text: string) => void, onOpen: (ws: WebSocket) => void): mpegts.CustomLoaderConstructor {
  const BaseLoader = mpegts.BaseLoader as unknown as new (typeName: string) => Base;
  return class PlaybackLoader extends BaseLoader {
    private ws: WebSocket | null = null;
    private requestAbort = false;
    private received = 0;

    constructor() {
      super('watchfloor-playback-loader');
      this._needStash = false;
    }

    override destroy(): void {
      if (this.ws) this.abort();
      super.destroy();
    }

    override open(dataSource: mpegts.MediaSegment): void {
      try {
        const ws = new WebSocket(dataSource.url);
        this.ws = ws;
        ws.binaryType = 'arraybuffer';
        ws.onopen = () => {
          this._status = LoaderStatus.kBuffering;
          onOpen(ws);
        };
        ws.onclose = () => {
          if (this.requestAbort) {
            this.requestAbort = false;
            return;
          }
          this._status = LoaderStatus.kComplete;
          this._onComplete?.(0, this.received - 1);
        };
        ws.onmessage = (e: MessageEvent) => {
          if (typeof e.data === 'string') return onText(e.data);
          const chunk = e.data as ArrayBuffer;
          const start = this.received;
          this.received += chunk.byteLength;
          this._onDataArrival?.(chunk, start, this.received);
        };
        ws.onerror = () => {
          this._status = LoaderStatus.kError;
          this._onError?.(EXCEPTION, { code: -1, msg: 'playback socket error' });
        };
        this._status = LoaderStatus.kConnecting;
      } catch (e) {
        this._status = LoaderStatus.kError;
        this._onError?.(EXCEPTION, { code: -1, msg: String(e) });
      }
    }

    override abort(): void {
      const ws = this.ws;
      if (ws && (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN)) {
        this.requestAbort = true;
        ws.close();
      }
      this.ws = null;
      this._status = LoaderStatus.kComplete;
    }
  } as unknown as mpegts.CustomLoaderConstructor;
}
