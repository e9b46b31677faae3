// The book of the shift: incidents, the alarm queue, the shift handover — one page, three tabs
// (#/incidents, #/incidents?tab=alarms, #/incidents?tab=shift), each shown to the roles that use it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlarmsTab } from '../../alarms/AlarmsTab';
import { useApp } from '../../app/app-context';
import { Page } from '../../app/Page';
import { IncidentsTab } from '../../incidents/IncidentsTab';
import { ShiftTab } from '../../shift/ShiftTab';

type Tab = 'incidents' | 'alarms' | 'shift';

const tabFromHash = (): Tab | null => {
  const m = /[?&]tab=(incidents|alarms|shift)\b/.exec(window.location.hash);
  return (m?.[1] as Tab | undefined) ?? null;
};

export function IncidentsPage() {
  const { t } = useTranslation();
  const { can } = useApp();
  const tabs = (['incidents', 'alarms', 'shift'] as const).filter((x) =>
    x === 'incidents' ? can('incidents.view') : x === 'alarms' ? can('alarms.handle') : can('shift.handover'),
  );
  const [tab, setTab] = useState<Tab>(() => tabFromHash() ?? tabs[0] ?? 'incidents');
  useEffect(() => {
    const onHash = () => {
      const h = tabFromHash();
      if (h) setTab(h);
      else if (/[?&]id=/.test(window.location.hash)) setTab('incidents');
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const shown: Tab = tabs.includes(tab) ? tab : (tabs[0] ?? 'incidents');
  return (
    <Page
      title={t('pages.incidents.title')}
      className="page--incidents"
      tools={
        <div role="tablist" aria-label={t('book.tabs.label')} className="tabs">
          {tabs.map((x) => (
            <button
              key={x}
              type="button"
              role="tab"
              id={`tab-${x}`}
              aria-selected={shown === x}
              aria-controls={`panel-${x}`}
              className={`tabs__tab${shown === x ? ' tabs__tab--current' : ''}`}
              onClick={() => setTab(x)}
            >
              {t(`book.tabs.${x}`)}
            </button>
          ))}
        </div>
      }
    >
      <div role="tabpanel" id={`panel-${shown}`} aria-labelledby={`tab-${shown}`} className="tabs__panel">
        {shown === 'incidents' ? <IncidentsTab /> : shown === 'alarms' ? <AlarmsTab /> : <ShiftTab />}
      </div>
    </Page>
  );
}
