"""One virtual camera's RTSP side: a gst-rtsp-server on its own port with Digest auth and two
mounts, main and sub (Hikvision-style paths, which most clients and NVRs know).
"""
import secrets
import time

import gi

gi.require_version('GstVideo', '1.0')
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer, GstVideo  # noqa: E402

from sim_clips import STREAM_PARAMS, ensure_clip, encoder_chain
from sim_live import FRAME_NS, LiveStream

MOUNTS = {'main': '/Streaming/Channels/101', 'sub': '/Streaming/Channels/102'}
ROLE = 'viewer'

PAYLOADERS = {
    # No alignment in the source caps: multifilesrc hands over the whole file, which the parser
    # must split; the caps after the parser make every buffer one access unit (one frame).
    'h264': ('video/x-h264,stream-format=byte-stream,framerate=25/1',
             'h264parse name=parse ! video/x-h264,stream-format=byte-stream,alignment=au',
             'rtph264pay pt=96 config-interval=-1'),
    'h265': ('video/x-h265,stream-format=byte-stream,framerate=25/1',
             'h265parse name=parse ! video/x-h265,stream-format=byte-stream,alignment=au',
             'rtph265pay pt=96 config-interval=-1'),
    'mjpeg': ('image/jpeg,framerate=25/1', 'jpegparse name=parse', 'rtpjpegpay pt=26'),
}


def make_auth(username, password):
    auth = GstRtspServer.RTSPAuth()
    auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
    token = GstRtspServer.RTSPToken()
    token.set_string('media.factory.role', ROLE)
    auth.add_digest(username, password, token)
    return auth


def live_launch(params):
    caps = 'video/x-raw,format=I420,width=%d,height=%d,framerate=25/1' % (params['width'], params['height'])
    return ('( appsrc name=src is-live=true format=time max-bytes=0 max-buffers=5 '
            'leaky-type=downstream caps="%s" ! textoverlay name=osd valignment=top halignment=left line-alignment=left '
            'ypad=%d xpad=%d font-desc="Monospace Bold 12" shaded-background=true ! queue max-size-buffers=3 '
            '! %s ! rtph264pay name=pay0 pt=96 config-interval=-1 )'
            % (caps, params['height'] // 45 * 3, params['width'] // 80,
               encoder_chain('h264', params).replace('x264enc ', 'x264enc name=enc ', 1)))


def looped_launch(codec, path):
    caps, parser, payloader = PAYLOADERS[codec]
    # A fixed file name makes multifilesrc read the same clip forever; timestamps are set by
    # a probe after the parser (the parsers do not interpolate them for a raw stream).
    return ('( multifilesrc location="%s" loop=true caps="%s" ! %s ! %s name=pay0 )'
            % (path, caps, parser, payloader))


class SimRtspCamera:
    def __init__(self, spec, driver):
        self.name = spec['name']
        self.index = int(spec.get('index', 0))
        self.host = spec.get('host', '127.0.0.1')
        self.port = int(spec.get('port', 0))
        self.codec = spec.get('codec', 'h264')
        self.live = bool(spec.get('live', False)) and self.codec == 'h264'
        self.username = spec['username']
        self.password = spec['password']
        self.cache_dir = spec['cacheDir']
        self.driver = driver
        self.clock_offset_ms = 0
        # Time between frames of the looped clips: a slower camera sends the same frames further
        # apart (the encoder's settings, which ONVIF reports, stay 25 fps). A camera slow from the
        # start gets a clip whose GOP still lasts 2 s, or a client would wait 10 s for a keyframe.
        fps = float(spec.get('fps', 25))
        self.frame_ns = int(Gst.SECOND / fps)
        self.gop = 50 if fps == 25 else max(1, round(2 * fps))
        self.ptz_text = ''
        self.ptz = bool(spec.get('ptz', False))
        self.ptz_position = (0.0, 0.0, 0.0)  # pan, tilt, zoom in ONVIF's generic spaces
        self.server = None
        self.source_id = None
        self.factories = {}
        self.live_streams = {}

    def start(self):
        self.server = GstRtspServer.RTSPServer()
        self.server.set_address(self.host)
        self.server.set_service(str(self.port))
        self.auth = make_auth(self.username, self.password)
        self.server.set_auth(self.auth)
        for stream in MOUNTS:
            self.factories[stream] = self._factory(stream)
        self.mount(True)
        self.attach()
        self.port = self.server.get_bound_port()
        return self.port

    def _factory(self, stream):
        params = STREAM_PARAMS[self.codec][stream]
        factory = GstRtspServer.RTSPMediaFactory()
        if self.live:
            live_stream = LiveStream(self, params['width'], params['height'])
            self.live_streams[stream] = live_stream
            self.driver.add(live_stream)
            factory.set_launch(live_launch(params))
        else:
            factory.set_launch(looped_launch(self.codec, ensure_clip(self.cache_dir, self.name, self.codec,
                                                                     stream, self.index, self.gop)))
        # One pipeline per stream however many clients: encoding per client would not scale.
        factory.set_shared(True)
        factory.set_protocols(GstRtsp.RTSPLowerTrans.TCP | GstRtsp.RTSPLowerTrans.UDP)
        permissions = GstRtspServer.RTSPPermissions()
        permissions.add_permission_for_role(ROLE, 'media.factory.access', True)
        permissions.add_permission_for_role(ROLE, 'media.factory.construct', True)
        factory.set_permissions(permissions)
        factory.connect('media-configure', self._on_media_configure, stream)
        return factory

    def _on_media_configure(self, _factory, media, stream):
        element = media.get_element()
        if self.live:
            target = {'src': element.get_by_name('src'), 'osd': element.get_by_name('osd'),
                      'enc': element.get_by_name('enc'), 'anchor': None}
            live_stream = self.live_streams[stream]
            live_stream.targets.append(target)
            media.connect('unprepared', lambda _m: target in live_stream.targets and live_stream.targets.remove(target))
            return
        # Looped clip: number the frames from 0 for this media. The shared media is not seekable
        # (its seeking query says so), so gst-rtsp-server does not seek it back to 0 when a
        # second client sends PLAY with a Range: every client sees the same continuous timeline.
        counter = {'pts': 0}
        # A real camera encodes all the time, so a client that connects lands anywhere in a GOP
        # and waits 0-2 s for the next keyframe. A media built for this client would start at the
        # clip's first keyframe instead; skip the frames that the wall clock says have passed in
        # the current GOP, so the wait is what it would be on a real camera.
        skip = {'left': int(time.time() * Gst.SECOND / self.frame_ns) % self.gop}

        def stamp_time(_pad, info):
            if skip['left'] > 0:
                skip['left'] -= 1
                return Gst.PadProbeReturn.DROP
            buf = info.get_buffer()
            buf.pts = buf.dts = counter['pts']
            buf.duration = self.frame_ns
            counter['pts'] += self.frame_ns
            return Gst.PadProbeReturn.OK

        element.get_by_name('parse').get_static_pad('src').add_probe(Gst.PadProbeType.BUFFER, stamp_time)

    def set_fps(self, fps):
        self.frame_ns = int(Gst.SECOND / fps)

    def mount(self, on):
        mounts = self.server.get_mount_points()
        for stream, path in MOUNTS.items():
            if on:
                mounts.add_factory(path, self.factories[stream])
            else:
                mounts.remove_factory(path)
        if not on:
            self.drop_clients()

    def force_keyframe(self):
        """ONVIF SetSynchronizationPoint: an IDR at once on every live encoder of this camera.
        Looped clips cannot: their keyframes are baked into the file (returns False)."""
        sent = False
        for live_stream in self.live_streams.values():
            for target in list(live_stream.targets):
                enc = target.get('enc')
                if enc is None:
                    continue
                event = GstVideo.video_event_new_upstream_force_key_unit(Gst.CLOCK_TIME_NONE, True, 1)
                sent = enc.get_static_pad('src').send_event(event) or sent
        return sent

    def refuse_auth(self, refuse):
        # A digest entry nobody knows: every request gets 401, like a camera whose password changed.
        self.server.set_auth(make_auth(self.username, secrets.token_hex(16)) if refuse else self.auth)
        if refuse:
            self.drop_clients()

    def drop_clients(self):
        self.server.client_filter(lambda _s, _c, *_a: GstRtspServer.RTSPFilterResult.REMOVE, None)
        self.server.get_session_pool().filter(lambda _p, _s, *_a: GstRtspServer.RTSPFilterResult.REMOVE, None)

    def attach(self):
        if self.source_id is None:
            self.server.set_service(str(self.port))
            source_id = self.server.attach(None)
            if not source_id:  # gst-rtsp-server returns 0 when it cannot bind
                raise RuntimeError('cannot listen on RTSP %s:%s (port in use?)' % (self.host, self.port))
            self.source_id = source_id

    def detach(self):
        """Closes the listening socket and every connection: the port refuses until attach()."""
        if self.source_id is not None:
            GLib.source_remove(self.source_id)
            self.source_id = None
        self.drop_clients()

    def stop(self):
        self.detach()
        self.driver.remove_camera(self)
        for live_stream in self.live_streams.values():
            live_stream.targets.clear()
