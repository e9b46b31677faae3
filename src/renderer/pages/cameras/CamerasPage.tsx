// The camera network register: the book of record the technicians and ward staff live in. Tabs
// for the camera table, points, the area tree and the duplicate check; adding by hand and importing
// from spreadsheets; ONVIF onboarding (discover with bulk add, add by address) in the toolbar.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context';
import { EmptyState } from '../../app/EmptyState';
import { Page } from '../../app/Page';
import { StartDemoButton } from '../../demo/StartDemoButton';
import { AddCameraDialog } from '../../register/AddCameraDialog';
import { AreasView } from '../../register/AreasView';
import { CameraTableView } from '../../register/CameraTableView';
import { CategoriesView } from '../../register/CategoriesView';
import { DuplicatesView } from '../../register/DuplicatesView';
import { ImportDialog } from '../../register/ImportDialog';
import { PointsView } from '../../register/PointsView';
import { useRegister } from '../../register/use-register';
import { AddByAddressDialog } from '../../onboarding/AddByAddressDialog';
import { DiscoverDialog } from '../../onboarding/DiscoverDialog';
import { useRegisterData } from '../../register/use-register-data';
import '../../register/register.css';

const TABS = ['cameras', 'points', 'areas', 'categories', 'duplicates'] as const;
type Tab = (typeof TABS)[number];

type Onboarding = 'discover' | 'address';

/** ONVIF onboarding: discover (probe or range scan, then bulk add) and add by address. */
function OnboardingButtons({ onOpen }: { onOpen(o: Onboarding): void }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="button button--primary" onClick={() => onOpen('discover')}>
        {t('onboarding.discover')}
      </button>
      <button type="button" className="button" onClick={() => onOpen('address')}>
        {t('onboarding.addByAddress')}
      </button>
    </>
  );
}

/** The onboarding dialogs need the tree to place new cameras; it is loaded only while one is open. */
function OnboardingDialog({ which, onClose }: { which: Onboarding; onClose(): void }) {
  const tree = useRegister();
  if (!tree) return null;
  return which === 'discover' ? <DiscoverDialog tree={tree} onClose={onClose} /> : <AddByAddressDialog tree={tree} onClose={onClose} />;
}

/** The tree only while the Add camera dialog is open: it lists areas and points to choose from. */
function AddCamera({ onClose }: { onClose(): void }) {
  const tree = useRegister();
  return tree ? <AddCameraDialog tree={tree} onClose={onClose} /> : null;
}

export function CamerasPage() {
  const { t } = useTranslation();
  const { can } = useApp();
  const { areas, categories } = useRegisterData();
  const [tab, setTab] = useState<Tab>('cameras');
  const [adding, setAdding] = useState(false);
  const [onboarding, setOnboarding] = useState<Onboarding | null>(null);
  const [importing, setImporting] = useState(false);
  const manage = can('register.manage');

  const tools = manage ? (
    <>
      <OnboardingButtons onOpen={setOnboarding} />
      <button type="button" className="button" onClick={() => setImporting(true)}>
        {t('register.actions.import')}
      </button>
      <button type="button" className="button" onClick={() => setAdding(true)}>
        {t('pages.cameras.add')}
      </button>
    </>
  ) : null;

  const empty = areas !== null && areas.length === 0;
  return (
    <Page title={t('pages.cameras.title')} tools={tools} className="page--register">
      {areas === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          {empty ? (
            <EmptyState title={t('pages.cameras.emptyTitle')} body={t('pages.cameras.emptyBody')}>
              <StartDemoButton />
            </EmptyState>
          ) : null}
          <div role="tablist" aria-label={t('register.tabs.label')} className="tabs">
            {TABS.map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                id={`register-tab-${k}`}
                aria-selected={tab === k}
                aria-controls={`register-panel-${k}`}
                className={`tabs__tab${tab === k ? ' tabs__tab--current' : ''}`}
                onClick={() => setTab(k)}
              >
                {t(`register.tabs.${k}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`register-panel-${tab}`} aria-labelledby={`register-tab-${tab}`} className="tabs__panel">
            {tab === 'cameras' ? <CameraTableView areas={areas} categories={categories} /> : null}
            {tab === 'points' ? <PointsView areas={areas} categories={categories} /> : null}
            {tab === 'areas' ? <AreasView areas={areas} /> : null}
            {tab === 'categories' ? <CategoriesView categories={categories} /> : null}
            {tab === 'duplicates' ? <DuplicatesView /> : null}
          </div>
        </>
      )}
      {adding ? <AddCamera onClose={() => setAdding(false)} /> : null}
      {onboarding ? <OnboardingDialog which={onboarding} onClose={() => setOnboarding(null)} /> : null}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </Page>
  );
}
