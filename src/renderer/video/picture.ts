// What a tile's picture is drawn on: a <video> (MSE path) or a <canvas> (WebCodecs path). Everything
// that reads the picture (snapshots, the kept still, PTZ aiming, tests) goes through these two.

export type PictureElement = HTMLVideoElement | HTMLCanvasElement;

/** The picture's own size in pixels (0 × 0 before the first frame). */
export function pictureSize(el: PictureElement): { width: number; height: number } {
  if ('videoWidth' in el) return { width: el.videoWidth, height: el.videoHeight };
  // A canvas is 300 × 150 before anything is drawn on it: no picture yet.
  return el.dataset.frames ? { width: el.width, height: el.height } : { width: 0, height: 0 };
}
