// Playback, evidence and recording settings: three tabs of one page (#/playback, #/playback/evidence,
// #/playback/recording). "Show in playback" elsewhere opens #/playback?camera=<id>&at=<utc ms>.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context';
import { Page } from '../../app/Page';
import { EvidencePanel } from '../../playback/EvidencePanel';
import { PlaybackView } from '../../playback/PlaybackView';
import { RecordingPanel } from '../../playback/RecordingPanel';
import '../../playback/playback.css';

type Tab = 'view' | 'evidence' | 'recording';

function tabFromHash(): Tab {
  const m = /^#\/playback\/(evidence|recording)/.exec(location.hash);
  return (m?.[1] as Tab | undefined) ?? 'view';
}

function go(x: Tab): void {
  window.location.hash = x === 'view' ? '#/playback' : `#/playback/${x}`;
}

function params(): { cameras: string[]; at: number | undefined } {
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const at = Number(q.get('at'));
  return { cameras: q.getAll('camera'), at: Number.isFinite(at) && at > 0 ? at : undefined };
}

export function PlaybackPage() {
  const { t } = useTranslation();
  const { can } = useApp();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const tabs: Tab[] = ['view', ...(can('export.create') ? (['evidence'] as const) : []), ...(can('register.view') ? (['recording'] as const) : [])];
  const [initial] = useState(params);
  return (
    <Page
      title={t('pages.playback.title')}
      className="page--playback"
      tools={
        <div className="tabs" role="tablist" aria-label={t('rec.tabs.label')}>
          {tabs.map((x) => (
            <button key={x} type="button" role="tab" className="button button--quiet" aria-selected={tab === x} aria-pressed={tab === x} onClick={() => go(x)}>
              {t(`rec.tabs.${x}`)}
            </button>
          ))}
        </div>
      }
    >
      {tab === 'evidence' && can('export.create') ? <EvidencePanel /> : tab === 'recording' ? <RecordingPanel /> : <PlaybackView initialCameras={initial.cameras} initialAt={initial.at} />}
    </Page>
  );
}
