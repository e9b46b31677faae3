import { NotYetPage } from '../../app/NotYetPage';

export function ReportsPage() {
  return <NotYetPage page="reports" />;
}
