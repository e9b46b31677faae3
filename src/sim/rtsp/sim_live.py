"""Live picture for the first camera(s): frames are made here, in Python, and pushed into an
appsrc at 25 fps, because the latency stamp must be written into the pixels at capture time and
GStreamer's Python bindings on Debian give no writable view of a buffer made elsewhere.

Cost: a 1.4 MB copy + 16 row patches per 720p frame (well under 1 ms); the encode is the cost.
"""
import time

from gi.repository import GLib, Gst

from sim_scene import Scene
from sim_stamp import StampPainter

FPS = 25
FRAME_NS = Gst.SECOND // FPS
BACKGROUND_FRAMES = 25  # one second of moving test pattern, cycled


def render_backgrounds(width, height, index):
    """Moving SMPTE 75 % bars (no noise block: noise would starve the encoder), rendered once by videotestsrc and kept as raw I420 frames."""
    desc = ('videotestsrc pattern=smpte75 horizontal-speed=4 num-buffers=%d '
            '! video/x-raw,format=I420,width=%d,height=%d,framerate=25/1 ! appsink name=out sync=false'
            % (BACKGROUND_FRAMES, width, height))
    pipeline = Gst.parse_launch(desc)
    sink = pipeline.get_by_name('out')
    pipeline.set_state(Gst.State.PLAYING)
    frames = []
    while True:
        sample = sink.emit('try-pull-sample', 10 * Gst.SECOND)
        if sample is None:
            break
        buf = sample.get_buffer()
        frames.append(bytearray(buf.extract_dup(0, buf.get_size())))
    pipeline.set_state(Gst.State.NULL)
    if not frames:
        raise RuntimeError('could not render background frames')
    return frames


def clock_text(ms):
    seconds = int(ms // 1000)
    return '%s.%03d UTC' % (time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(seconds)), int(ms % 1000))


class LiveStream:
    """One resolution of one live camera: its backgrounds, stamp painter and current sinks."""

    def __init__(self, camera, width, height):
        self.camera = camera
        self.painter = StampPainter(width, height)
        # A PTZ camera shows a window over its scene; a fixed one moving test bars.
        self.scene = Scene(width, height) if camera.ptz else None
        self.backgrounds = [] if self.scene else render_backgrounds(width, height, camera.index)
        for frame in self.backgrounds:
            self.painter.prepare_background(frame)
        self.targets = []  # {src, osd, anchor} of every prepared media showing this stream

    def push(self, host_ms, frame_no):
        if not self.targets:
            return
        if self.scene:
            frame = bytearray(self.scene.window(*self.camera.ptz_position))
            self.painter.prepare_background(frame)
        else:
            frame = bytearray(self.backgrounds[frame_no % len(self.backgrounds)])
        self.painter.paint(frame, host_ms)
        data = bytes(frame)
        # The OSD shows the camera's own clock (skew included) like a real camera's; the stamp
        # carries the host clock, which is what a latency measurement on this machine needs.
        text = '%s  %s  #%06d\n%s' % (self.camera.name, clock_text(host_ms + self.camera.clock_offset_ms),
                                      frame_no, self.camera.ptz_text)
        for target in list(self.targets):
            appsrc, osd = target['src'], target['osd']
            clock = appsrc.get_clock()
            if clock is None:
                continue  # the media is not playing yet
            running = clock.get_time() - appsrc.get_base_time()
            anchor = target['anchor']
            slot = None if anchor is None else round((running - anchor) / FRAME_NS)
            if slot is None or abs(anchor + slot * FRAME_NS - running) > 2 * FRAME_NS:
                target['anchor'], slot = running, 0  # first frame, or the pipeline restarted
            # Timestamps on a 40 ms grid near the running time (not the jittery push time): a
            # camera's capture clock is regular, and clients infer 25 fps from it.
            pts = target['anchor'] + slot * FRAME_NS
            if target.get('last') is not None and pts <= target['last']:
                pts = target['last'] + FRAME_NS  # two pushes rounded into one slot: keep order
            target['last'] = pts
            osd.set_property('text', text)
            # new_allocate + fill copies into GStreamer-owned memory; new_wrapped(bytes) from
            # Python does not keep the bytes alive reliably.
            buf = Gst.Buffer.new_allocate(None, len(data), None)
            buf.fill(0, data)
            buf.pts = pts
            buf.duration = FRAME_NS
            appsrc.emit('push-buffer', buf)


class LiveDriver:
    """A single 25 fps tick for the whole lab, so main and sub of a camera carry the same stamp."""

    def __init__(self):
        self.streams = []
        self.start = time.monotonic()
        self.frame_no = 0
        self.timer = None

    def add(self, stream):
        self.streams.append(stream)
        if self.timer is None:
            self._schedule()

    def remove_camera(self, camera):
        self.streams = [s for s in self.streams if s.camera is not camera]

    def _schedule(self):
        # One-shot timeouts aimed at the next 40 ms slot: a repeating 40 ms timeout drifts.
        next_at = self.start + self.frame_no / FPS
        delay_ms = max(0, int((next_at - time.monotonic()) * 1000))
        self.timer = GLib.timeout_add(delay_ms, self._tick)

    def _tick(self):
        due = int((time.monotonic() - self.start) * FPS)
        if due >= self.frame_no:
            self.frame_no = due + 1
            host_ms = time.time() * 1000.0
            for stream in self.streams:
                stream.push(host_ms, due)
        self._schedule()
        return False

    def stop(self):
        if self.timer is not None:
            GLib.source_remove(self.timer)
            self.timer = None
