import type { TFunction } from 'i18next';
import type { RoleInfo } from '../../../shared/contract';

/** Built-in roles by their translated name; an administrator's own roles by the name they typed. */
export function roleLabel(t: TFunction, r: Pick<RoleInfo, 'id' | 'name' | 'builtin'>): string {
  return r.builtin ? t(`roles.${r.id}`, { defaultValue: r.name }) : r.name;
}
