"""The world a live PTZ camera looks at: a scene larger than the frame, pre-rendered at a few zoom
levels, of which each frame shows a window placed by pan and tilt (issue: "the picture is a window
over a larger scene that pans, tilts and zooms with the position").

The scene is built so that a test can read the position back from the pixels:
  - chroma U rises left to right across the whole world  -> pan right raises the frame's mean U;
  - chroma V and luma rise top to bottom                  -> tilt up lowers the frame's mean V;
  - a bright grid every 1/8 of the frame width at zoom 0  -> zoom in widens its spacing, and the
    U range across the frame narrows.
Everything is made with bytes operations (no per-pixel Python), once per camera and stream.

Cost per frame: one window copy (height row slices per plane, ~1.4 MB at 720p); cached while the
head does not move, so an idle PTZ camera costs what a fixed one does.
"""

ZOOM_LEVELS = 7          # zoom 0..1 in sixths: the window is the frame, the world 1.5x-3x it
MIN_SCALE = 1.5
MAX_SCALE = 3.0
GRID_LUMA = 235
GRID_WIDTH_DIV = 160     # grid line width = frame width / 160 (8 px at 720p, 4 px at 360p)


def _even(n):
    return int(n) & ~1


class SceneLevel:
    def __init__(self, out_w, out_h, scale):
        w, h = _even(out_w * scale), _even(out_h * scale)
        self.w, self.h = w, h
        grid = max(2, out_w * scale / 8.0)
        line = max(2, _even(out_w / GRID_WIDTH_DIV))
        # Grid columns: one mask row, reused for every row that is not a grid row.
        cols = bytearray(w)
        x = 0.0
        while x < w:
            start = int(x)
            cols[start:start + line] = bytes([1]) * len(cols[start:start + line])
            x += grid
        grid_rows = set()
        y = 0.0
        while y < h:
            for k in range(line):
                grid_rows.add(int(y) + k)
            y += grid
        full_row = bytes([GRID_LUMA]) * w
        rows = []
        cache = {}
        for r in range(h):
            if r in grid_rows:
                rows.append(full_row)
                continue
            luma = 40 + (150 * r) // h
            row = cache.get(luma)
            if row is None:
                row = bytes(GRID_LUMA if c else luma for c in cols)
                cache[luma] = row
            rows.append(row)
        self.y = b''.join(rows)
        cw, ch = w // 2, h // 2
        u_row = bytes(48 + (160 * c) // cw for c in range(cw))
        self.u = u_row * ch
        self.v = b''.join(bytes([48 + (160 * r) // ch]) * cw for r in range(ch))


class Scene:
    def __init__(self, out_w, out_h):
        self.out_w, self.out_h = out_w, out_h
        self.levels = [SceneLevel(out_w, out_h, MIN_SCALE + (MAX_SCALE - MIN_SCALE) * i / (ZOOM_LEVELS - 1))
                       for i in range(ZOOM_LEVELS)]
        self._key = None
        self._frame = None

    def window(self, pan, tilt, zoom):
        """The I420 frame seen at this position (pan, tilt -1..1 with tilt +1 = up; zoom 0..1)."""
        pan = min(1.0, max(-1.0, pan))
        tilt = min(1.0, max(-1.0, tilt))
        zoom = min(1.0, max(0.0, zoom))
        lvl = self.levels[int(round(zoom * (ZOOM_LEVELS - 1)))]
        w, h = self.out_w, self.out_h
        left = _even((lvl.w - w) * (pan + 1) / 2)
        top = _even((lvl.h - h) * (1 - tilt) / 2)
        key = (id(lvl), left, top)
        if key != self._key:
            lw = lvl.w
            y = b''.join(lvl.y[(top + r) * lw + left:(top + r) * lw + left + w] for r in range(h))
            cl, ct, cw, ow = left // 2, top // 2, lw // 2, w // 2
            u = b''.join(lvl.u[(ct + r) * cw + cl:(ct + r) * cw + cl + ow] for r in range(h // 2))
            v = b''.join(lvl.v[(ct + r) * cw + cl:(ct + r) * cw + cl + ow] for r in range(h // 2))
            self._frame = y + u + v
            self._key = key
        return self._frame
