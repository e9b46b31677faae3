"""Encodes a camera's looped clip once and caches it on disk.

Live-encoding costs ~30 % of a core per 720p camera here, so every camera but the first few plays
a short clip encoded once. The clip is a raw elementary stream (Annex B H.264/H.265 or
concatenated JPEGs) so that it can be read in a loop by multifilesrc and re-timestamped
(see sim_camera.py); a container would restart its timestamps at every loop.
"""
import hashlib
import os

from gi.repository import Gst

CLIP_FRAMES = 100  # 4 s at 25 fps = two 2 s GOPs
CACHE_VERSION = 'v7'

# variant -> stream -> encoding parameters. Bitrates are the targets.
STREAM_PARAMS = {
    'h264': {
        'main': {'width': 1280, 'height': 720, 'kbps': 2000},
        'sub': {'width': 640, 'height': 360, 'kbps': 512},
    },
    'h265': {
        'main': {'width': 1280, 'height': 720, 'kbps': 1500},
        'sub': {'width': 640, 'height': 360, 'kbps': 400},
    },
    # MJPEG cameras are low resolution in practice: 720p MJPEG at 25 fps would be ~20 Mbit/s.
    'mjpeg': {
        'main': {'width': 640, 'height': 360, 'quality': 60},
        'sub': {'width': 320, 'height': 180, 'quality': 50},
    },
}

# No 'smpte': its white-noise block eats the whole bitrate, the encoder hits max QP and the
# OSD text smears.
PATTERNS = ['smpte75', 'smpte100', 'bar', 'pinwheel', 'spokes', 'gradient', 'colors']


def encoder_chain(codec, params, gop=50):
    """The encoder part of a pipeline. No B-frames, 2 s GOP (50 frames at 25 fps; a slowed
    camera's clip keeps 2 s with fewer frames), zero-latency tuning (design.md: decoder reorder
    latency); x264 writes bitstream_restriction with max_num_reorder_frames=0."""
    if codec == 'h264':
        # scenecut=0 keeps the GOP at exactly 2 s, as cameras do. One slice per frame:
        # zerolatency's sliced threads gave multi-slice frames that ffmpeg 5.1 decoded from RTP
        # with drifting references. threads=1 also avoids frame-thread delay.
        return ('x264enc bitrate=%d speed-preset=ultrafast tune=zerolatency key-int-max=%d bframes=0 '
                'threads=1 option-string="sliced-threads=0:scenecut=0" '
                '! h264parse ! video/x-h264,stream-format=byte-stream,alignment=au' % (params['kbps'], gop))
    if codec == 'h265':
        # x265enc would pick 4:4:4 if allowed; the caps before it force I420 (Main profile).
        return ('x265enc bitrate=%d speed-preset=ultrafast tune=zerolatency key-int-max=%d '
                'option-string="bframes=0:repeat-headers=1:scenecut=0" ! video/x-h265,profile=main '
                '! h265parse ! video/x-h265,stream-format=byte-stream,alignment=au' % (params['kbps'], gop))
    if codec == 'mjpeg':
        return 'jpegenc quality=%d' % params['quality']
    raise ValueError('unknown codec %s' % codec)


def clip_path(cache_dir, name, codec, stream, gop=50):
    params = STREAM_PARAMS[codec][stream]
    key = '|'.join([CACHE_VERSION, name, codec, stream, repr(sorted(params.items())), str(CLIP_FRAMES)]
                   + ([] if gop == 50 else ['gop%d' % gop]))
    digest = hashlib.sha1(key.encode()).hexdigest()[:16]
    ext = {'h264': 'h264', 'h265': 'h265', 'mjpeg': 'mjpeg'}[codec]
    return os.path.join(cache_dir, '%s-%s-%s.%s' % (codec, stream, digest, ext))


def ensure_clip(cache_dir, name, codec, stream, index, gop=50):
    """Returns the clip's path, encoding it first when not cached."""
    path = clip_path(cache_dir, name, codec, stream, gop)
    if os.path.exists(path) and os.path.getsize(path) > 0:
        return path
    os.makedirs(cache_dir, exist_ok=True)
    params = STREAM_PARAMS[codec][stream]
    tmp = '%s.%d.tmp' % (path, os.getpid())
    pattern = PATTERNS[index % len(PATTERNS)]
    desc = ('videotestsrc pattern=%s horizontal-speed=4 num-buffers=%d '
            '! video/x-raw,format=I420,width=%d,height=%d,framerate=25/1 '
            '! textoverlay name=osd valignment=top halignment=left line-alignment=left font-desc="Monospace Bold 14" '
            'shaded-background=true ! %s ! filesink location="%s"'
            % (pattern, CLIP_FRAMES, params['width'], params['height'], encoder_chain(codec, params, gop), tmp))
    pipeline = Gst.parse_launch(desc)
    osd = pipeline.get_by_name('osd')
    counter = {'n': 0}
    label = {'h264': 'H.264', 'h265': 'H.265', 'mjpeg': 'MJPEG'}[codec]

    def on_frame(_pad, _info):
        counter['n'] += 1
        # Looped cameras cannot show a live clock: the OSD says so, with the frame in the loop.
        osd.set_property('text', '%s\nLOOPED CLIP %s %s  frame %03d/%d'
                         % (name, label, stream, counter['n'], CLIP_FRAMES))
        return Gst.PadProbeReturn.OK

    osd.get_static_pad('video_sink').add_probe(Gst.PadProbeType.BUFFER, on_frame)
    pipeline.set_state(Gst.State.PLAYING)
    msg = pipeline.get_bus().timed_pop_filtered(120 * Gst.SECOND, Gst.MessageType.EOS | Gst.MessageType.ERROR)
    pipeline.set_state(Gst.State.NULL)
    if msg is None or msg.type != Gst.MessageType.EOS:
        detail = msg.parse_error()[0].message if msg is not None else 'timeout'
        raise RuntimeError('encoding clip for %s/%s failed: %s' % (name, stream, detail))
    os.replace(tmp, path)  # atomic: parallel labs may encode the same clip
    return path
