// mpegts.js owns the WebSocket of its built-in loader and treats any text message as a fatal
// error. Our video socket sends state and stats as text frames on the same connection, so we give
// mpegts.js this loader (config.customLoader): binary frames go to the demuxer as before, text
// frames to `onText`. One connection per tile keeps state and bytes in order and halves the
// sockets of a wall. Cost: a customLoader is a function, which cannot be posted to a worker, so
// `enableWorker` must stay false (demuxing runs on the page's thread; cheap for TS remuxing).
import mpegts from 'mpegts.js';

const LoaderStatus = { kIdle: 0, kConnecting: 1, kBuffering: 2, kError: 3, kComplete: 4 } as const;
const EXCEPTION = 'Exception' as unknown as mpegts.LoaderErrors;

type Base = mpegts.BaseLoader & {
  _onDataArrival: mpegts.BaseLoader['onDataArrival'] | null;
  _onError: mpegts.BaseLoader['onError'] | null;
  _onComplete: mpegts.BaseLoader['onComplete'] | null;
};

export function metaWebSocketLoader(onText: (text: string) => void, onOpen?: () => void): mpegts.CustomLoaderConstructor {
  const BaseLoader = mpegts.BaseLoader as unknown as new (typeName: string) => Base;

  return class MetaWebSocketLoader extends BaseLoader {
    private ws: WebSocket | null = null;
    private requestAbort = false;
    private received = 0;

    constructor() {
      super('watchfloor-websocket-loader');
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
          onOpen?.();
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
          if (typeof e.data === 'string') {
            onText(e.data);
            return;
          }
          const chunk = e.data as ArrayBuffer;
          const start = this.received;
          this.received += chunk.byteLength;
          this._onDataArrival?.(chunk, start, this.received);
        };
        ws.onerror = () => {
          this._status = LoaderStatus.kError;
          this._onError?.(EXCEPTION, { code: -1, msg: 'video socket error' });
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
