// A virtualised grid shared by the panels: only the visible rows and columns (plus a small overscan) are in
// the DOM, so 1,000 rows × 300 columns scroll like 30 × 10. The header row and the first column stay in view
// through CSS `position: sticky` (the compositor keeps them in place while scrolling; no script lag); the body
// cells are a pool of absolutely positioned elements refilled on the next animation frame after a scroll.
// The grid draws what `renderCell` / `renderHeader` put in each cell: text only through textContent.
import { el } from './dom';
import './virtual-grid.css';

export interface GridColumn {
  id: string;
  width: number;
}

export interface VirtualGridOptions {
  rowHeight?: number;
  headerHeight?: number;
  /** Fills a header cell (column 0 is the sticky corner). */
  renderHeader(col: number, cell: HTMLElement): void;
  /** Fills a body cell; `cell` is reused for other cells, so set every property the cell shows. */
  renderCell(row: number, col: number, cell: HTMLElement): void;
  /** Extra classes of a row's cells (selected, highlighted, group). */
  rowClass?(row: number): string;
  onCellClick?(row: number, col: number, event: MouseEvent): void;
}

const OVERSCAN_ROWS = 6;
const OVERSCAN_PX = 200;

export class VirtualGrid {
  readonly root: HTMLDivElement;
  private readonly header: HTMLDivElement;
  private readonly corner: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly firstColumn: HTMLDivElement;
  private readonly rowHeight: number;
  private readonly headerHeight: number;
  private rows = 0;
  private columns: GridColumn[] = [];
  /** Left edge of each column; lefts[columns.length] = total width. */
  private lefts: number[] = [0];
  /** The cells in the DOM by what they show (content generation, row, column). */
  private readonly bodyCells = new Map<string, HTMLDivElement>();
  private readonly firstCells = new Map<string, HTMLDivElement>();
  private readonly headerCells = new Map<string, HTMLDivElement>();
  private headerKey = '';
  /** Bumped when the content changes: every cell is written again. */
  private generation = 0;
  private frame = 0;

  constructor(parent: HTMLElement, private readonly options: VirtualGridOptions) {
    this.rowHeight = options.rowHeight ?? 24;
    this.headerHeight = options.headerHeight ?? 28;
    this.root = el('div', 'vgrid');
    this.root.tabIndex = 0;
    this.header = el('div', 'vgrid-header');
    this.header.style.height = `${this.headerHeight}px`;
    this.corner = el('div', 'vgrid-corner vgrid-hcell');
    this.corner.style.height = `${this.headerHeight}px`;
    this.header.append(this.corner);
    this.body = el('div', 'vgrid-body');
    this.firstColumn = el('div', 'vgrid-first');
    this.body.append(this.firstColumn);
    this.root.append(this.header, this.body);
    parent.append(this.root);
    this.root.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.root);
    this.body.addEventListener('click', (e) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
      if (cell && this.options.onCellClick) this.options.onCellClick(Number(cell.dataset.row), Number(cell.dataset.col), e);
    });
  }

  /** New rows or columns: resizes the scroll area and redraws now. */
  setData(rows: number, columns: GridColumn[]): void {
    this.rows = rows;
    this.columns = columns;
    this.lefts = [0];
    for (const c of columns) this.lefts.push(this.lefts[this.lefts.length - 1] + c.width);
    const width = this.lefts[columns.length];
    this.header.style.width = `${width}px`;
    this.body.style.width = `${width}px`;
    this.body.style.height = `${rows * this.rowHeight}px`;
    const first = columns[0]?.width ?? 0;
    this.corner.style.width = `${first}px`;
    this.firstColumn.style.width = `${first}px`;
    this.generation++;
    this.draw();
  }

  /** Redraws the visible cells (the same rows and columns, new content). */
  refresh(): void {
    this.generation++;
    this.draw();
  }

  scrollToRow(row: number): void {
    const top = row * this.rowHeight;
    const view = this.root.clientHeight - this.headerHeight;
    if (top < this.root.scrollTop) this.root.scrollTop = top;
    else if (top + this.rowHeight > this.root.scrollTop + view) this.root.scrollTop = top + this.rowHeight - view;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private visibleRows(): [number, number] {
    const top = Math.max(0, this.root.scrollTop);
    const view = Math.max(this.root.clientHeight, 200);
    const first = Math.max(0, Math.floor(top / this.rowHeight) - OVERSCAN_ROWS);
    const last = Math.min(this.rows, Math.ceil((top + view) / this.rowHeight) + OVERSCAN_ROWS);
    return [first, last];
  }

  /** Columns 1.. that overlap the view (column 0 is the sticky one, always drawn). */
  private visibleColumns(): [number, number] {
    const left = this.root.scrollLeft - OVERSCAN_PX;
    const right = this.root.scrollLeft + Math.max(this.root.clientWidth, 400) + OVERSCAN_PX;
    let lo = 1;
    let hi = this.columns.length;
    // the first column whose right edge is past `left`
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lefts[mid + 1] <= left) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < this.columns.length && this.lefts[end] < right) end++;
    return [lo, end];
  }

  /**
   * Fills `pool` so that it holds exactly the cells `keys` names: a cell that already shows one of them (same
   * content generation) is left alone, so a scroll only writes the rows and columns that came into view.
   */
  private draw(): void {
    const started = performance.now();
    this.drawCells();
    // the last draw's script time, for the bench and tests (the frame's paint comes on top)
    this.root.dataset.drawMs = (performance.now() - started).toFixed(2);
  }

  private fill(pool: Map<string, HTMLDivElement>, keys: string[], parent: HTMLElement, fill: (cell: HTMLDivElement, key: string) => void): void {
    const wanted = new Set(keys);
    const free: HTMLDivElement[] = [];
    for (const [key, cell] of pool) {
      if (!wanted.has(key)) {
        pool.delete(key);
        free.push(cell);
      }
    }
    for (const key of keys) {
      if (pool.has(key)) continue;
      let cell = free.pop();
      if (!cell) {
        cell = el('div', 'vgrid-cell');
        parent.append(cell);
      }
      pool.set(key, cell);
      fill(cell, key);
    }
    for (const cell of free) cell.remove();
  }

  private drawCells(): void {
    const [r0, r1] = this.visibleRows();
    const [c0, c1] = this.visibleColumns();
    const rh = this.rowHeight;
    const g = this.generation;
    // header: redrawn when its columns or the content changed
    const headerKey = `${g}:${c0}:${c1}`;
    if (headerKey !== this.headerKey) {
      this.headerKey = headerKey;
      this.corner.replaceChildren();
      if (this.columns.length) this.options.renderHeader(0, this.corner);
      const keys: string[] = [];
      for (let c = c0; c < c1; c++) keys.push(String(c));
      // header cells carry listeners of their column: written anew, never reused for another column
      for (const cell of this.headerCells.values()) cell.remove();
      this.headerCells.clear();
      this.fill(this.headerCells, keys, this.header, (cell, key) => {
        const c = Number(key);
        cell.className = 'vgrid-hcell';
        cell.replaceChildren();
        cell.style.transform = `translateX(${this.lefts[c]}px)`;
        cell.style.width = `${this.columns[c].width}px`;
        cell.style.height = `${this.headerHeight}px`;
        cell.dataset.col = key;
        this.options.renderHeader(c, cell);
      });
    }
    const firstKeys: string[] = [];
    const bodyKeys: string[] = [];
    for (let r = r0; r < r1; r++) {
      firstKeys.push(`${g}:${r}`);
      for (let c = c0; c < c1; c++) bodyKeys.push(`${g}:${r}:${c}`);
    }
    const rowClass = new Map<number, string>();
    const classOf = (r: number) => {
      let cls = rowClass.get(r);
      if (cls === undefined) rowClass.set(r, (cls = this.options.rowClass?.(r) ?? ''));
      return cls;
    };
    this.fill(this.firstCells, firstKeys, this.firstColumn, (cell, key) => {
      const r = Number(key.slice(key.indexOf(':') + 1));
      this.place(cell, r, 0, 0, r * rh, this.columns[0]?.width ?? 0, classOf(r), 'vgrid-cell vgrid-cell-first');
    });
    this.fill(this.bodyCells, bodyKeys, this.body, (cell, key) => {
      const [, rs, cs] = key.split(':');
      const r = Number(rs);
      const c = Number(cs);
      this.place(cell, r, c, this.lefts[c], r * rh, this.columns[c].width, classOf(r), 'vgrid-cell');
    });
  }

  private place(cell: HTMLDivElement, r: number, c: number, left: number, top: number, width: number, rowCls: string, base: string): void {
    cell.className = rowCls ? `${base} ${rowCls}` : base;
    cell.removeAttribute('title');
    cell.style.transform = `translate(${left}px, ${top}px)`;
    cell.style.width = `${width}px`;
    cell.style.height = `${this.rowHeight}px`;
    cell.dataset.row = String(r);
    cell.dataset.col = String(c);
    this.options.renderCell(r, c, cell);
  }
}
