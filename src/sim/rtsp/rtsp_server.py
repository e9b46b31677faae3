#!/usr/bin/python3
"""The camera lab's RTSP process: one gst-rtsp-server per virtual camera, all in one GLib main
loop, driven by the Node side (src/sim/rtsp/gst-process.ts) over stdin/stdout JSON lines.

Request:  {"id": 1, "cmd": "add", ...}      Reply: {"id": 1, "ok": true, ...} or {"id": 1, "ok": false, "error": "..."}
First line written: {"event": "hello"} or {"event": "fatal", "message": "...", "packages": [...]}.
The process ends on "quit", on stdin EOF, on SIGTERM/SIGINT, and when its parent dies.
Passwords arrive on stdin only and are never printed.
"""
import ctypes
import json
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import sim_deps  # noqa: E402


def emit(obj):
    sys.stdout.write(json.dumps(obj) + '\n')
    sys.stdout.flush()


def die_with_parent():
    # PR_SET_PDEATHSIG: if Node is killed with SIGKILL we must not outlive it holding ports.
    try:
        ctypes.CDLL('libc.so.6', use_errno=True).prctl(1, signal.SIGTERM)
    except OSError:
        pass


def main():
    die_with_parent()
    ok, message, packages = sim_deps.check()
    if not ok:
        emit({'event': 'fatal', 'message': message, 'packages': packages})
        return 3

    from gi.repository import GLib
    from sim_camera import SimRtspCamera
    from sim_live import LiveDriver

    loop = GLib.MainLoop()
    driver = LiveDriver()
    cameras = {}

    def camera(req):
        cam = cameras.get(req.get('name'))
        if cam is None:
            raise KeyError('no camera %r' % req.get('name'))
        return cam

    def handle(req):
        cmd = req.get('cmd')
        if cmd == 'add':
            cam = SimRtspCamera(req, driver)
            port = cam.start()
            cameras[cam.name] = cam
            return {'port': port}
        if cmd == 'remove':
            camera(req).stop()
            del cameras[req['name']]
            return {}
        if cmd == 'stream':
            camera(req).mount(bool(req.get('on')))
            return {}
        if cmd == 'auth':
            camera(req).refuse_auth(bool(req.get('refuse')))
            return {}
        if cmd == 'detach':
            camera(req).detach()
            return {}
        if cmd == 'attach':
            camera(req).attach()
            return {}
        if cmd == 'ptz':
            cam = camera(req)
            cam.ptz_text = str(req.get('text', ''))
            if 'pan' in req:
                cam.ptz_position = (float(req['pan']), float(req['tilt']), float(req['zoom']))
            return {}
        if cmd == 'keyframe':
            return {'sent': camera(req).force_keyframe()}
        if cmd == 'clock':
            camera(req).clock_offset_ms = float(req.get('offsetMs', 0))
            return {}
        if cmd == 'fps':
            camera(req).set_fps(float(req.get('fps', 25)))
            return {}
        if cmd == 'ping':
            return {}
        if cmd == 'quit':
            GLib.idle_add(loop.quit)
            return {}
        raise ValueError('unknown command %r' % cmd)

    buffer = {'data': b''}

    def on_stdin(fd, condition):
        chunk = os.read(fd, 65536) if condition & GLib.IOCondition.IN else b''
        if not chunk:
            loop.quit()
            return False
        buffer['data'] += chunk
        while b'\n' in buffer['data']:
            line, buffer['data'] = buffer['data'].split(b'\n', 1)
            if not line.strip():
                continue
            req = {}
            try:
                req = json.loads(line)
                reply = handle(req)
                reply.update({'id': req.get('id'), 'ok': True})
            except Exception as err:  # a bad command must not take every camera down
                reply = {'id': req.get('id'), 'ok': False, 'error': '%s: %s' % (type(err).__name__, err)}
            emit(reply)
        return True

    GLib.io_add_watch(sys.stdin.fileno(), GLib.IOCondition.IN | GLib.IOCondition.HUP, on_stdin)
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_HIGH, sig, loop.quit)
    emit({'event': 'hello', 'pid': os.getpid()})
    loop.run()
    driver.stop()
    for cam in cameras.values():
        cam.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
