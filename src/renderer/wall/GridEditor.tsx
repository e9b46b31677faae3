// The custom grid editor: choose columns and rows, then merge rectangles of cells (click one,
// Shift+click another) or split a merged cell back.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Layout } from '../../shared/contract';
import { mergeCells, splitCell } from '../../shared/layouts';

function blank(cols: number, rows: number): Layout {
  const cells = [];
  for (let y = 0; y < rows; y++) for (let x = 0; x < cols; x++) cells.push({ x, y, w: 1, h: 1 });
  return { name: 'custom', cols, rows, cells };
}

export function GridEditor({ layout, onChange, onDone }: { layout: Layout; onChange(l: Layout): void; onDone(): void }) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<{ x: number; y: number } | null>(null);

  const resize = (cols: number, rows: number) => {
    if (cols >= 1 && cols <= 8 && rows >= 1 && rows <= 8) onChange(blank(cols, rows));
  };

  return (
    <div className="grid-editor" role="group" aria-label={t('pages.wall.editGrid')}>
      <div className="grid-editor__bar">
        <label className="inline-field">
          {t('pages.wall.gridColumns')}
          <input className="input input--narrow" type="number" min={1} max={8} value={layout.cols} onChange={(e) => resize(Number(e.target.value), layout.rows)} />
        </label>
        <label className="inline-field">
          {t('pages.wall.gridRows')}
          <input className="input input--narrow" type="number" min={1} max={8} value={layout.rows} onChange={(e) => resize(layout.cols, Number(e.target.value))} />
        </label>
        <button type="button" className="button" disabled={!anchor} onClick={() => anchor && onChange(splitCell(layout, anchor))}>
          {t('pages.wall.split')}
        </button>
        <button type="button" className="button button--primary" onClick={onDone}>
          {t('pages.wall.doneGrid')}
        </button>
        <span className="muted grid-editor__help">{t('pages.wall.gridHelp')}</span>
      </div>
      <div className="grid-editor__grid" style={{ gridTemplateColumns: `repeat(${layout.cols}, 1fr)`, gridTemplateRows: `repeat(${layout.rows}, 1fr)` }}>
        {layout.cells.map((c, i) => {
          const isAnchor = anchor && anchor.x >= c.x && anchor.x < c.x + c.w && anchor.y >= c.y && anchor.y < c.y + c.h;
          return (
            <button
              type="button"
              key={`${c.x},${c.y}`}
              className={`grid-editor__cell${isAnchor ? ' grid-editor__cell--anchor' : ''}`}
              style={{ gridColumn: `${c.x + 1} / span ${c.w}`, gridRow: `${c.y + 1} / span ${c.h}` }}
              aria-label={t('pages.wall.tile', { n: i + 1 })}
              onClick={(e) => {
                const at = { x: c.x, y: c.y };
                if (e.shiftKey && anchor) {
                  onChange(mergeCells(layout, anchor, at));
                  setAnchor(null);
                } else setAnchor(at);
              }}
            >
              {i + 1}
            </button>
          );
        })}
      </div>
    </div>
  );
}
