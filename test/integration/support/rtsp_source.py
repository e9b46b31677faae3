#!/usr/bin/python3
# A small RTSP source for the live-relay integration tests, until the camera lab (src/sim) exists.
# Usage: rtsp_source.py PORT USER PASSWORD [SIZE]
# Serves /h264, /h265, /mjpeg and /clock (Digest auth; TCP and UDP). Prints "READY <port>" when listening.
# x264enc runs without sliced threads: tune=zerolatency turns them on, and rtph264pay with
# config-interval=-1 then puts SPS/PPS before *each* IDR slice, which ffmpeg (rightly) reads as a
# new access unit: the keyframe arrives as two PES with the same PTS, and mpegts.js/MSE drop one.
# Media are shared (one encoder per path) and built from live sources (is-live=true), which makes
# them non-seekable: gst-rtsp-server otherwise seeks a shared media back to 0 whenever a new
# client joins (design.md, "Camera lab" traps).
import sys
import gi
gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
gi.require_version('GstRtsp', '1.0')
from gi.repository import Gst, GstRtsp, GstRtspServer, GLib

Gst.init(None)
port, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
w, h = (sys.argv[4] if len(sys.argv) > 4 else '320x240').split('x')
src = f'videotestsrc is-live=true pattern=ball ! video/x-raw,width={w},height={h},framerate=25/1,format=I420'
pipelines = {
    '/h264': f'( {src} ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=50 bframes=0 sliced-threads=false ! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=-1 )',
    '/h265': f'( {src} ! x265enc tune=zerolatency speed-preset=ultrafast key-int-max=50 ! video/x-h265,profile=main ! rtph265pay name=pay0 pt=96 config-interval=-1 )',
    '/mjpeg': f'( {src} ! jpegenc quality=60 ! rtpjpegpay name=pay0 pt=26 )',
}

# /clock: a picture that carries its capture time machine-readably, for glass-to-glass latency.
# Top strip: 24 blocks, each BLOCK px wide and STRIP px high, white = 1, black = 0, most significant
# first, holding (epoch ms mod 2^24) taken when the frame is handed to the encoder.
W, H = int(w), int(h)
BLOCK, STRIP, BITS = W // 24, 16, 24
pipelines['/clock'] = (
    f'( appsrc name=clk is-live=true do-timestamp=true format=time '
    f'caps=video/x-raw,format=I420,width={W},height={H},framerate=25/1 '
    f'! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=50 bframes=0 sliced-threads=false '
    f'! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=-1 )'
)
_rest = bytes([0x80]) * (W * (H - STRIP))
_chroma = bytes([0x80]) * (W * H // 2)

def clock_frame():
    import time
    ms = int(time.time() * 1000) & 0xFFFFFF
    row = b''.join((b'\xeb' if (ms >> (BITS - 1 - i)) & 1 else b'\x10') * BLOCK for i in range(BITS))
    row += bytes([0x80]) * (W - len(row))
    return row * STRIP + _rest + _chroma

def start_clock(media):
    src = media.get_element().get_child_by_name('clk')
    if src is None:
        return
    def push():
        if src.emit('push-buffer', Gst.Buffer.new_wrapped(clock_frame())) != Gst.FlowReturn.OK:
            return False
        return True
    GLib.timeout_add(40, push)

server = GstRtspServer.RTSPServer()
server.set_service(port)
auth = GstRtspServer.RTSPAuth()
auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
token = GstRtspServer.RTSPToken()
token.set_string('media.factory.role', 'user')
auth.add_digest(user, password, token)
server.set_auth(auth)
mounts = server.get_mount_points()
for path, launch in pipelines.items():
    f = GstRtspServer.RTSPMediaFactory()
    f.set_launch(launch)
    f.set_shared(True)
    def configure(_f, media, path=path):
        media.set_property('suspend-mode', GstRtspServer.RTSPSuspendMode.NONE)
        if path == '/clock':
            start_clock(media)
    f.connect('media-configure', configure)
    perms = GstRtspServer.RTSPPermissions()
    perms.add_permission_for_role('user', 'media.factory.access', True)
    perms.add_permission_for_role('user', 'media.factory.construct', True)
    f.set_permissions(perms)
    mounts.add_factory(path, f)
server.attach(None)
# One write: with PYTHONUNBUFFERED, print(a, b) writes its parts separately.
sys.stdout.write(f'READY {server.get_bound_port()}\n')
sys.stdout.flush()
GLib.MainLoop().run()
