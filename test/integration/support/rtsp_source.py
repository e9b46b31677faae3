#!/usr/bin/python3
# A small RTSP source for the live-relay integration tests, until the camera lab (src/sim) exists.
# Usage: rtsp_source.py PORT USER PASSWORD [SIZE]
# Serves /h264, /h265 and /mjpeg (Digest auth; TCP and UDP). Prints "READY <port>" when listening.
# Media are shared (one encoder per path) and marked non-seekable: gst-rtsp-server otherwise seeks
# a shared media back to 0 whenever a new client joins (see docs/design "Camera lab" traps).
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
    '/h264': f'( {src} ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=50 bframes=0 ! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=-1 )',
    '/h265': f'( {src} ! x265enc tune=zerolatency speed-preset=ultrafast key-int-max=50 ! video/x-h265,profile=main ! rtph265pay name=pay0 pt=96 config-interval=-1 )',
    '/mjpeg': f'( {src} ! jpegenc quality=60 ! rtpjpegpay name=pay0 pt=26 )',
}

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
    f.connect('media-configure', lambda _f, media: media.set_property('suspend-mode', GstRtspServer.RTSPSuspendMode.NONE))
    perms = GstRtspServer.RTSPPermissions()
    perms.add_permission_for_role('user', 'media.factory.access', True)
    perms.add_permission_for_role('user', 'media.factory.construct', True)
    f.set_permissions(perms)
    mounts.add_factory(path, f)
server.attach(None)
print('READY', server.get_bound_port(), flush=True)
GLib.MainLoop().run()
