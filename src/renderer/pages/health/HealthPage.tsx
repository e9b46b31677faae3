// The Health page (#/health): the dashboard of the camera network, repair tickets and the
// maintenance schedule, as three tabs; its commands are registered in the actions registry.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHOTO_MAX_BYTES, type MethodInput } from '../../../shared/contract';
import { useActionRegistry } from '../../actions/ActionsProvider';
import { ApiError, errorText } from '../../api/client';
import { useApp } from '../../app/app-context';
import { Page } from '../../app/Page';
import { formatTime, type Language } from '../../i18n';
import { DashboardView } from '../../health/DashboardView';
import { HEALTH_ACTIONS, useHealthActions, type HealthCtx } from '../../health/health-actions';
import { MaintenanceView } from '../../health/MaintenanceView';
import { OpenTicketDialog, TicketDialog } from '../../health/TicketDialogs';
import { TicketsView } from '../../health/TicketsView';
import { useHealthDashboard } from '../../health/use-health-dashboard';
import { AssigneesView } from '../../health/AssigneesView';
import { uploadFile } from '../../register/upload';

type Tab = 'dashboard' | 'tickets' | 'maintenance' | 'assignees';
const TABS: Tab[] = ['dashboard', 'tickets', 'maintenance', 'assignees'];

export function HealthPage() {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const registry = useActionRegistry();
  const { dashboard, tickets, error, reload } = useHealthDashboard();
  const [tab, setTab] = useState<Tab>('dashboard');
  const [opening, setOpening] = useState<{ cameraId: string; name: string } | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const ctx = useMemo<HealthCtx>(() => {
    const guard = async (p: Promise<unknown>) => {
      setActionError(null);
      try {
        await p;
      } catch (err) {
        setActionError(errorText(t, err));
      }
    };
    return {
      reload,
      firstOffline: dashboard?.offline[0]?.cameraId ?? null,
      openTicketFor: (cameraId) => {
        if (!cameraId) return;
        const name = dashboard?.offline.find((o) => o.cameraId === cameraId)?.name ?? '';
        setOpenError(null);
        setOpening({ cameraId, name });
      },
      probe: (cameraId) => guard(api.call('health.probeNow', { cameraId }).then(reload)),
      update: (input: MethodInput<'repair.update'>) => guard(api.call('repair.update', input)),
      close: (id) => guard(api.call('repair.close', { id })),
      maintenanceDone: (pointId, day) => guard(api.call('maintenance.done', day ? { pointId, day } : { pointId })),
      saveAssignee: (input) => guard(api.call('repair.saveAssignee', input)),
      savePlan: ({ lastDone, ...plan }) =>
        guard(api.call('maintenance.save', plan).then(() => (lastDone ? api.call('maintenance.done', { pointId: plan.pointId, day: lastDone }) : undefined))),
      addPhoto: async ({ ticketId, file, onProgress, onDone }) => {
        try {
          if (file.size > PHOTO_MAX_BYTES) throw new ApiError({ code: 'upload_too_large', params: { limit: PHOTO_MAX_BYTES } });
          const uploadId = await uploadFile(api.downloadUrl('/upload', { for: 'repair' }), file, onProgress);
          await api.call('repair.addPhoto', { ticketId, uploadId, name: file.name });
          onDone(null);
        } catch (err) {
          onDone(errorText(t, err));
        }
      },
    };
  }, [api, dashboard, reload, t]);
  useHealthActions(ctx);

  const submitOpen = (input: { assigneeId: string | null; dueDate: string | null; note: string }) => {
    if (!opening) return;
    void api.call('repair.open', { cameraId: opening.cameraId, ...input, ...(input.note ? {} : { note: undefined }) }).then(
      (ticket) => {
        setOpening(null);
        setTab('tickets');
        setShown(ticket.id);
        reload();
      },
      (err: unknown) => setOpenError(errorText(t, err)),
    );
  };

  return (
    <Page
      title={t('healthPage.title')}
      className="page--health"
      tools={
        <>
          <div role="tablist" aria-label={t('healthPage.tabs.label')} className="tabs">
            {TABS.map((x) => (
              <button
                key={x}
                type="button"
                role="tab"
                id={`health-tab-${x}`}
                aria-selected={tab === x}
                aria-controls={`health-panel-${x}`}
                className={`tabs__tab${tab === x ? ' tabs__tab--current' : ''}`}
                onClick={() => setTab(x)}
              >
                {t(`healthPage.tabs.${x}`)}
              </button>
            ))}
          </div>
          {dashboard ? <span className="muted">{t('healthPage.updated', { time: formatTime(dashboard.at, i18n.language as Language, settings.timeZone) })}</span> : null}
          <button type="button" className="button" title={`${t('healthPage.refresh')} (R)`} onClick={() => registry.run(HEALTH_ACTIONS.refresh)}>
            {t('healthPage.refresh')}
          </button>
        </>
      }
    >
      <div role="tabpanel" id={`health-panel-${tab}`} aria-labelledby={`health-tab-${tab}`} className="tabs__panel">
        {error ? <p className="message message--error">{errorText(t, error)}</p> : null}
        {actionError ? <p className="message message--error">{actionError}</p> : null}
        {tab === 'dashboard' ? (
          dashboard ? (
            <DashboardView d={dashboard} />
          ) : null
        ) : tab === 'tickets' ? (
          <TicketsView tickets={tickets} onOpen={setShown} />
        ) : tab === 'maintenance' ? (
          <MaintenanceView />
        ) : (
          <AssigneesView />
        )}
      </div>
      {opening ? <OpenTicketDialog cameraName={opening.name} error={openError} onClose={() => setOpening(null)} onSubmit={submitOpen} /> : null}
      {shown ? <TicketDialog ticketId={shown} onClose={() => setShown(null)} /> : null}
    </Page>
  );
}
