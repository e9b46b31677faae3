// The contract's validation problems reach the client as `problem` (the dispatcher reports the first
// issue's code): these tests hold zod to keeping our specific codes, field by field.
import { describe, expect, it } from 'vitest';
import { api } from './api';
import { cameraInput, settingsPatch } from './schemas';

const firstIssue = (r: { success: boolean; error?: { issues: Array<{ code: string; path: PropertyKey[] }> } }) => {
  const i = r.error?.issues[0];
  return i ? { problem: i.code, field: i.path.join('.') } : null;
};

const camera = (extra: Record<string, unknown>) => ({ pointId: 'p1', name: 'Cổng Nam', ...extra });

describe('camera input', () => {
  it('refuses the sources from the issue, naming the field and the problem', () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ rtspMain: '192.168.1.5/stream', username: 'admin' }, 'rtspMain', 'url_no_scheme'],
      [{ rtspMain: 'rtsp://cam host/x', password: 'pw' }, 'rtspMain', 'url_host'],
      [{ rtspMain: 'file:/etc/passwd' }, 'rtspMain', 'url_scheme'],
      [{ rtspMain: 'concat:/etc/passwd|/etc/hosts' }, 'rtspMain', 'url_scheme'],
      [{ rtspSub: 'subfile:,,start,0,end,0,,:/etc/passwd' }, 'rtspSub', 'url_scheme'],
      [{ rtspMain: 'http://127.0.0.1:8640/' }, 'rtspMain', 'url_scheme'],
      [{ rtspMain: 'tcp://127.0.0.1:22' }, 'rtspMain', 'url_scheme'],
      [{ rtspMain: 'rtsp://host/x\r\nAuthorization: Basic Zm9v' }, 'rtspMain', 'url_control_chars'],
      [{ rtspMain: 'rtsp://host:70000/x' }, 'rtspMain', 'url_port'],
      [{ onvifUrl: 'rtsp://host/onvif' }, 'onvifUrl', 'url_scheme'],
    ];
    for (const [input, field, problem] of cases) {
      expect(firstIssue(cameraInput.safeParse(camera(input))), JSON.stringify(input)).toEqual({ field, problem });
    }
  });

  it('moves credentials out of the URL into the user name and password', () => {
    const r = cameraInput.parse(camera({ rtspMain: 'rtsp://admin:P@ss@w0rd@192.0.2.10/main', rtspSub: 'rtsp://192.0.2.10/sub' }));
    expect(r).toMatchObject({ rtspMain: 'rtsp://192.0.2.10/main', rtspSub: 'rtsp://192.0.2.10/sub', username: 'admin', password: 'P@ss@w0rd' });
    // Same user typed in the form as well: fine.
    expect(cameraInput.parse(camera({ rtspMain: 'rtsp://admin:pw@h/x', username: 'admin' }))).toMatchObject({
      username: 'admin',
      password: 'pw',
      rtspMain: 'rtsp://h/x',
    });
    // Empty strings mean "none".
    expect(cameraInput.parse(camera({ rtspMain: '', username: '', password: '' }))).toMatchObject({ rtspMain: null, username: null, password: null });
  });

  it('refuses credentials that contradict the form or each other', () => {
    expect(firstIssue(cameraInput.safeParse(camera({ rtspMain: 'rtsp://admin:pw@h/x', username: 'operator' })))).toEqual({
      field: 'rtspMain',
      problem: 'url_credentials_conflict',
    });
    expect(firstIssue(cameraInput.safeParse(camera({ rtspMain: 'rtsp://a:pw@h/x', rtspSub: 'rtsp://a:other@h/y' })))).toEqual({
      field: 'rtspSub',
      problem: 'url_credentials_conflict',
    });
  });

  it('takes an optional client-chosen id, which must be a UUID', () => {
    expect(cameraInput.parse(camera({ id: '2b8e2c8e-6f1a-4c1e-9d0b-1f2a3b4c5d6e' })).id).toBe('2b8e2c8e-6f1a-4c1e-9d0b-1f2a3b4c5d6e');
    expect(firstIssue(cameraInput.safeParse(camera({ id: 'my-camera' })))).toEqual({ field: 'id', problem: 'invalid_format' });
  });
});

describe('settings', () => {
  it('takes only a time zone Intl knows, spelled as Intl spells it', () => {
    expect(firstIssue(settingsPatch.safeParse({ timeZone: 'Not/AZone' }))).toEqual({ field: 'timeZone', problem: 'time_zone' });
    expect(settingsPatch.parse({ timeZone: 'asia/bangkok' })).toEqual({ timeZone: 'Asia/Bangkok' });
  });
});

describe('system.backup', () => {
  it('refuses a client-chosen destination', () => {
    expect(firstIssue(api['system.backup'].input.safeParse({ destination: '/etc/cron.d/x' }))).toEqual({ field: '', problem: 'unrecognized_keys' });
    expect(api['system.backup'].input.safeParse({}).success).toBe(true);
  });
});
