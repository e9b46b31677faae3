"""Checks that the Python/GStreamer pieces the camera lab needs are present.

Run with Debian's /usr/bin/python3 (a pyenv python has no `gi`). When something is missing we
say exactly which Debian package provides it, because the error GStreamer gives ("no element
x264enc") does not name the package.
"""

# element -> Debian package that ships it (Debian 12 / GStreamer 1.22)
ELEMENT_PACKAGES = {
    'appsrc': 'gstreamer1.0-plugins-base',
    'videotestsrc': 'gstreamer1.0-plugins-base',
    'videoconvert': 'gstreamer1.0-plugins-base',
    'textoverlay': 'gstreamer1.0-x',  # Pango lives in -x on Debian, not in -base
    'appsink': 'gstreamer1.0-plugins-base',
    'multifilesrc': 'gstreamer1.0-plugins-good',
    'rtph264pay': 'gstreamer1.0-plugins-good',
    'rtph265pay': 'gstreamer1.0-plugins-good',
    'rtpjpegpay': 'gstreamer1.0-plugins-good',
    'jpegenc': 'gstreamer1.0-plugins-good',
    'h264parse': 'gstreamer1.0-plugins-bad',
    'h265parse': 'gstreamer1.0-plugins-bad',
    'jpegparse': 'gstreamer1.0-plugins-bad',
    'x265enc': 'gstreamer1.0-plugins-bad',
    'x264enc': 'gstreamer1.0-plugins-ugly',
}

BASE_PACKAGES = ['python3-gi', 'gir1.2-gstreamer-1.0', 'gir1.2-gst-rtsp-server-1.0', 'gstreamer1.0-rtsp']


def check():
    """Returns (ok, message, packages). Imports gi lazily so a missing gi is reported, not raised."""
    try:
        import gi
        gi.require_version('Gst', '1.0')
        gi.require_version('GstRtspServer', '1.0')
        gi.require_version('GstRtsp', '1.0')
        from gi.repository import Gst, GstRtspServer, GstRtsp  # noqa: F401
    except (ImportError, ValueError) as err:
        return False, 'GStreamer Python bindings missing: %s' % err, BASE_PACKAGES
    Gst.init(None)
    missing = sorted({pkg for el, pkg in ELEMENT_PACKAGES.items() if Gst.ElementFactory.find(el) is None})
    if missing:
        absent = [el for el in ELEMENT_PACKAGES if Gst.ElementFactory.find(el) is None]
        return False, 'GStreamer elements missing: %s' % ', '.join(absent), missing
    return True, 'ok', []
