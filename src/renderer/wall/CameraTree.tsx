// The camera tree: area → point → camera, in Vietnamese alphabetical order, with each camera's
// health dot and search without diacritics. One Tab stop (WAI-ARIA tree pattern): arrows move
// within it, Right/Left open and close, Home/End, a letter jumps to the next name starting with
// it, Enter puts the camera on the selected tile. Its keys never reach the wall's commands.
import { forwardRef, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, Camera, Point, RegisterTree } from '../../shared/contract';
import { foldText, matchesSearch, sortByName } from '../../shared/text';
import { HealthDot } from '../health/HealthDot';
import { DRAG_CAMERA } from './drag';

interface Node {
  area: Area;
  children: Node[];
  points: { point: Point; cameras: Camera[] }[];
}

function buildTree(tree: RegisterTree, query: string): Node[] {
  const camerasByPoint = new Map<string, Camera[]>();
  const pointsById = new Map(tree.points.map((p) => [p.id, p]));
  const areasById = new Map(tree.areas.map((a) => [a.id, a]));
  for (const c of sortByName(tree.cameras, (x) => x.name)) {
    const point = pointsById.get(c.pointId);
    const area = point ? areasById.get(point.areaId) : undefined;
    if (query && !matchesSearch(`${c.name} ${point?.name ?? ''} ${area?.name ?? ''}`, query)) continue;
    const list = camerasByPoint.get(c.pointId) ?? [];
    list.push(c);
    camerasByPoint.set(c.pointId, list);
  }
  const nodes = new Map<string, Node>(sortByName(tree.areas, (a) => a.name).map((a) => [a.id, { area: a, children: [], points: [] }]));
  for (const p of sortByName(tree.points, (x) => x.name)) {
    const cams = camerasByPoint.get(p.id);
    if (cams?.length) nodes.get(p.areaId)?.points.push({ point: p, cameras: cams });
  }
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const parent = n.area.parentId ? nodes.get(n.area.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const prune = (list: Node[]): Node[] => list.map((n) => ({ ...n, children: prune(n.children) })).filter((n) => n.points.length > 0 || n.children.length > 0);
  return prune(roots);
}

/** A row as keyboard navigation sees it: in visual order, with its parent and whether it opens. */
interface Row {
  key: string;
  name: string;
  parent: string | null;
  expandable: boolean;
  cameraId: string | null;
}

const areaKey = (id: string) => `a:${id}`;
const pointKey = (id: string) => `p:${id}`;
const cameraKey = (id: string) => `c:${id}`;

function visibleRows(nodes: Node[], collapsed: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  const walk = (n: Node, parent: string | null) => {
    const k = areaKey(n.area.id);
    rows.push({ key: k, name: n.area.name, parent, expandable: true, cameraId: null });
    if (collapsed.has(k)) return;
    for (const c of n.children) walk(c, k);
    for (const { point, cameras } of n.points) {
      const pk = pointKey(point.id);
      rows.push({ key: pk, name: point.name, parent: k, expandable: true, cameraId: null });
      if (collapsed.has(pk)) continue;
      for (const c of cameras) rows.push({ key: cameraKey(c.id), name: c.name, parent: pk, expandable: false, cameraId: c.id });
    }
  };
  for (const n of nodes) walk(n, null);
  return rows;
}

export interface CameraTreeProps {
  tree: RegisterTree;
  onPick(cameraId: string): void;
}

export const CameraTree = forwardRef<HTMLInputElement, CameraTreeProps>(function CameraTree({ tree, onPick }, searchRef) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const nodes = useMemo(() => buildTree(tree, query), [tree, query]);
  const rows = useMemo(() => visibleRows(nodes, collapsed), [nodes, collapsed]);
  // The one Tab stop: the row last moved to, or the first.
  const current = rows.find((r) => r.key === active)?.key ?? rows[0]?.key ?? null;

  const focusRow = (key: string | undefined) => {
    if (!key) return;
    setActive(key);
    listRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
  };
  const toggle = (key: string, open?: boolean) =>
    setCollapsed((c) => {
      const next = new Set(c);
      const isOpen = !next.has(key);
      if (open ?? !isOpen) next.delete(key);
      else next.add(key);
      return next;
    });

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const i = rows.findIndex((r) => r.key === current);
    const row = rows[i];
    if (!row || e.altKey || e.ctrlKey || e.metaKey) return;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focusRow(rows[Math.min(rows.length - 1, i + 1)]?.key);
        break;
      case 'ArrowUp':
        focusRow(rows[Math.max(0, i - 1)]?.key);
        break;
      case 'Home':
        focusRow(rows[0]?.key);
        break;
      case 'End':
        focusRow(rows[rows.length - 1]?.key);
        break;
      case 'ArrowRight':
        if (row.expandable && collapsed.has(row.key)) toggle(row.key, true);
        else if (row.expandable) focusRow(rows[i + 1]?.parent === row.key ? rows[i + 1]!.key : undefined);
        break;
      case 'ArrowLeft':
        if (row.expandable && !collapsed.has(row.key)) toggle(row.key, false);
        else if (row.parent) focusRow(row.parent);
        break;
      case 'Enter':
        // Enter here means "put it on the selected tile", not the wall's "maximise".
        if (row.cameraId) onPick(row.cameraId);
        else toggle(row.key);
        break;
      default: {
        // Type-ahead on letters (digits stay the wall's tile keys): the next name starting so.
        if (e.key.length === 1 && /\p{L}/u.test(e.key)) {
          const ch = foldText(e.key);
          const order = [...rows.slice(i + 1), ...rows.slice(0, i + 1)];
          focusRow(order.find((r) => foldText(r.name).startsWith(ch))?.key);
        } else handled = false;
      }
    }
    if (handled) {
      // Marked used: the wall's arrows, Enter and letters must not act as well.
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const rowProps = (key: string, level: number, name: string) => ({
    'data-key': key,
    role: 'treeitem',
    'aria-level': level,
    'aria-label': name,
    'aria-selected': key === current,
    tabIndex: key === current ? 0 : -1,
    onFocus: (e: React.FocusEvent) => {
      if (e.target === e.currentTarget) setActive(key);
    },
  });

  const renderNode = (n: Node, depth: number) => {
    const k = areaKey(n.area.id);
    const open = !collapsed.has(k);
    return (
      <li key={k} {...rowProps(k, depth + 1, n.area.name)} aria-expanded={open} className="tree__item">
        <div className="tree__area" style={{ paddingLeft: 8 + depth * 14 }} onClick={() => (toggle(k), focusRow(k))}>
          <span className="tree__twisty" aria-hidden="true">{open ? '▾' : '▸'}</span>
          {n.area.name}
        </div>
        {open ? (
          <ul role="group">
            {n.children.map((c) => renderNode(c, depth + 1))}
            {n.points.map(({ point, cameras }) => {
              const pk = pointKey(point.id);
              const pOpen = !collapsed.has(pk);
              return (
                <li key={pk} {...rowProps(pk, depth + 2, point.name)} aria-expanded={pOpen} className="tree__item">
                  <div className="tree__point" style={{ paddingLeft: 8 + (depth + 1) * 14 }} onClick={() => (toggle(pk), focusRow(pk))}>
                    <span className="tree__twisty" aria-hidden="true">{pOpen ? '▾' : '▸'}</span>
                    {point.name}
                  </div>
                  {pOpen ? (
                    <ul role="group">
                      {cameras.map((c) => {
                        const ck = cameraKey(c.id);
                        return (
                          <li
                            key={ck}
                            {...rowProps(ck, depth + 3, c.name)}
                            className="tree__item tree__camera"
                            style={{ paddingLeft: 8 + (depth + 2) * 14 }}
                            draggable
                            data-camera-id={c.id}
                            onDragStart={(e) => {
                              e.dataTransfer.setData(DRAG_CAMERA, c.id);
                              e.dataTransfer.effectAllowed = 'copy';
                            }}
                            onClick={() => focusRow(ck)}
                            onDoubleClick={() => onPick(c.id)}
                          >
                            <HealthDot camera={c} />
                            <span className="tree__label">{c.name}</span>
                            {c.ptz ? <span className="tree__tag">PTZ</span> : null}
                          </li>
                        );
                      })}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </li>
    );
  };

  return (
    <aside className="wall__tree" aria-label={t('pages.wall.cameras')}>
      <input
        ref={searchRef}
        type="search"
        className="input tree__search"
        aria-label={t('pages.wall.search')}
        placeholder={t('pages.wall.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
          // From the search box straight into the results.
          if (e.key === 'ArrowDown' || e.key === 'Enter') {
            e.preventDefault();
            focusRow(rows.find((r) => r.cameraId)?.key ?? rows[0]?.key);
          }
        }}
      />
      {nodes.length === 0 ? (
        <p className="muted tree__none">{t('pages.wall.noMatch')}</p>
      ) : (
        <ul className="tree" role="tree" aria-label={t('pages.wall.cameras')} ref={listRef} onKeyDown={onKeyDown}>
          {nodes.map((n) => renderNode(n, 0))}
        </ul>
      )}
    </aside>
  );
});
