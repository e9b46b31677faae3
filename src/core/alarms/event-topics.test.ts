import { describe, expect, it } from 'vitest';
import { parseNotifications, parseXml } from '../onvif';
import { activeOf, CameraEventState, kindOfTopic } from './event-topics';

// A PullMessagesResponse as the lab (and Hikvision) sends it: one motion reported on two topics.
const pull = (op: string, motion: boolean, tamper?: boolean) =>
  parseNotifications(
    parseXml(
      Buffer.from(`<tev:PullMessagesResponse xmlns:tev="http://www.onvif.org/ver10/events/wsdl" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2" xmlns:tt="http://www.onvif.org/ver10/schema">
<wsnt:NotificationMessage><wsnt:Topic>tns1:RuleEngine/CellMotionDetector/Motion</wsnt:Topic><wsnt:Message><tt:Message UtcTime="2026-11-27T10:00:00Z" PropertyOperation="${op}">
<tt:Source><tt:SimpleItem Name="VideoSourceConfigurationToken" Value="vs"/><tt:SimpleItem Name="Rule" Value="MyMotionDetectorRule"/></tt:Source>
<tt:Data><tt:SimpleItem Name="IsMotion" Value="${motion}"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>
<wsnt:NotificationMessage><wsnt:Topic>tns1:VideoSource/MotionAlarm</wsnt:Topic><wsnt:Message><tt:Message UtcTime="2026-11-27T10:00:00Z" PropertyOperation="${op}">
<tt:Source><tt:SimpleItem Name="Source" Value="VideoSource_1"/></tt:Source><tt:Data><tt:SimpleItem Name="State" Value="${motion}"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>
${tamper === undefined ? '' : `<wsnt:NotificationMessage><wsnt:Topic>tns1:VideoSource/GlobalSceneChange/ImagingService</wsnt:Topic><wsnt:Message><tt:Message UtcTime="2026-11-27T10:00:00Z" PropertyOperation="${op}"><tt:Source><tt:SimpleItem Name="Source" Value="VideoSource_1"/></tt:Source><tt:Data><tt:SimpleItem Name="State" Value="${tamper}"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>`}
</tev:PullMessagesResponse>`),
    ),
  );

describe('ONVIF events as alarms', () => {
  it('names the kind by topic, across makes', () => {
    expect(kindOfTopic('tns1:RuleEngine/CellMotionDetector/Motion')).toBe('motion');
    expect(kindOfTopic('tns1:VideoSource/MotionAlarm')).toBe('motion');
    expect(kindOfTopic('tns1:RuleEngine/TamperDetector/Tamper')).toBe('tampering');
    expect(kindOfTopic('tns1:VideoSource/GlobalSceneChange/ImagingService')).toBe('tampering');
    expect(kindOfTopic('tns1:VideoSource/SignalLoss')).toBe('video_loss');
    expect(kindOfTopic('tns1:Device/Trigger/DigitalInput')).toBeNull();
    expect(activeOf({ IsMotion: 'true' })).toBe(true);
    expect(activeOf({ State: '0' })).toBe(false);
    expect(activeOf({ Other: 'x' })).toBeNull();
  });

  it('one motion on two topics raises once; the Initialized state is silent for motion but not for tampering', () => {
    const s = new CameraEventState();
    expect(s.update(pull('Initialized', false, false))).toEqual([]);
    expect(s.update(pull('Changed', true))).toEqual(['motion']);
    expect(s.update(pull('Changed', true))).toEqual([]); // still moving
    expect(s.update(pull('Changed', false))).toEqual([]);
    expect(s.update(pull('Changed', true))).toEqual(['motion']);
    // "Off" and "on" in one pull: a new motion although its end was not seen alone.
    expect(s.update([...pull('Changed', false), ...pull('Changed', true)])).toEqual(['motion']);
    // Two motions that both landed in one pull (a busy console polls late) are two, not one.
    expect(s.update([...pull('Changed', false), ...pull('Changed', true), ...pull('Changed', false), ...pull('Changed', true)])).toEqual(['motion', 'motion']);
    s.reset();
    expect(s.update(pull('Initialized', true, true))).toEqual(['tampering']);
  });
});
