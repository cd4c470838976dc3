/**
 * SVG pictures of grid worlds: coloured cells with labels, the agent, and optional
 * overlays of a value per cell and a policy arrow per cell.
 *
 * @module
 */
import { circle, fmt, line, polygon, rect, svgDocument, text } from "./svg.ts";

/** How one cell is drawn. */
export interface GridCellStyle {
  /** Fill colour of the cell. */
  fill: string;
  /** A short label drawn in the cell (e.g. `"G"`), if any. */
  label?: string;
  /** Colour of the label (default a dark grey). */
  labelColor?: string;
}

/** Options for {@linkcode gridSvg}. */
export interface GridSvgOptions {
  /** Number of rows. */
  rows: number;
  /** Number of columns. */
  cols: number;
  /** Style of the cell at (`row`, `col`). */
  cell: (row: number, col: number) => GridCellStyle;
  /** Side of a cell in pixels (default 48). */
  cellSize?: number;
  /** The agent's cell, drawn as a filled circle; omitted when undefined. */
  agent?: { row: number; col: number };
  /**
   * One number per cell in row-major order (`values[row * cols + col]`), printed in the
   * cell with `valueDigits` decimals. `NaN` entries are skipped.
   */
  values?: ArrayLike<number>;
  /** Decimals for `values` (default 2). */
  valueDigits?: number;
  /**
   * One action per cell in row-major order, drawn as an arrow; entries that are negative
   * or have no direction in `arrowDirections` are skipped.
   */
  policy?: ArrayLike<number>;
  /**
   * The `[dRow, dCol]` step of each action for `policy` arrows (default: 0 up, 1 right,
   * 2 down, 3 left).
   */
  arrowDirections?: ReadonlyArray<readonly [number, number]>;
  /** Accessible title. */
  title?: string;
}

/** Arrow directions of the course's grid actions: 0 up, 1 right, 2 down, 3 left. */
export const UP_RIGHT_DOWN_LEFT: ReadonlyArray<readonly [number, number]> = [
  [-1, 0],
  [0, 1],
  [1, 0],
  [0, -1],
];

/** Draws a grid world as an SVG string (see {@linkcode GridSvgOptions}). */
export function gridSvg(options: GridSvgOptions): string {
  const { rows, cols } = options;
  const size = options.cellSize ?? 48;
  const parts: string[] = [];
  const count = rows * cols;
  for (const [name, overlay] of [["values", options.values], ["policy", options.policy]] as const) {
    if (overlay !== undefined && overlay.length !== count) {
      throw new Error(
        `gridSvg: ${name} must have one entry per cell (${rows} x ${cols} = ${count}), ` +
          `got ${overlay.length}`,
      );
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const style = options.cell(r, c);
      parts.push(rect(c * size, r * size, size, size, {
        fill: style.fill,
        stroke: "#8a9bb0",
        strokeWidth: 1,
      }));
      if (style.label) {
        const hasOverlay = options.values !== undefined || options.policy !== undefined;
        parts.push(
          text(
            c * size + (hasOverlay ? size * 0.15 : size / 2),
            r * size + (hasOverlay ? size * 0.17 : size / 2),
            style.label,
            {
              fontSize: hasOverlay ? size * 0.22 : size * 0.4,
              fill: style.labelColor ?? "#333333",
              bold: true,
            },
          ),
        );
      }
    }
  }
  const directions = options.arrowDirections ?? UP_RIGHT_DOWN_LEFT;
  if (options.policy !== undefined) {
    for (let i = 0; i < count; i++) {
      const dir = directions[options.policy[i]];
      if (dir === undefined) continue;
      const cx = (i % cols) * size + size / 2;
      const cy = Math.floor(i / cols) * size + size / 2;
      parts.push(arrow(cx, cy, dir[1], dir[0], size * 0.32));
    }
  }
  if (options.values !== undefined) {
    const digits = options.valueDigits ?? 2;
    for (let i = 0; i < count; i++) {
      const v = options.values[i];
      if (Number.isNaN(v)) continue;
      const x = (i % cols) * size + size / 2;
      const y = Math.floor(i / cols) * size + size * (options.policy ? 0.84 : 0.5);
      parts.push(text(x, y, v.toFixed(digits), { fontSize: size * 0.22, fill: "#111111" }));
    }
  }
  if (options.agent !== undefined) {
    const { row, col } = options.agent;
    parts.push(circle(col * size + size / 2, row * size + size / 2, size * 0.28, {
      fill: "#e4572e",
      stroke: "#7a1f0a",
      strokeWidth: 2,
      opacity: 0.9,
    }));
  }
  return svgDocument(cols * size, rows * size, parts, { title: options.title });
}

/** An arrow centred on (`cx`, `cy`) pointing along (`dx`, `dy`), `length` long. */
function arrow(cx: number, cy: number, dx: number, dy: number, length: number): string {
  const norm = Math.hypot(dx, dy) || 1;
  const ux = dx / norm;
  const uy = dy / norm;
  const half = length / 2;
  const tipX = cx + ux * half;
  const tipY = cy + uy * half;
  const head = length * 0.4;
  const baseX = tipX - ux * head;
  const baseY = tipY - uy * head;
  const wing = head * 0.6;
  return line(cx - ux * half, cy - uy * half, baseX, baseY, {
    stroke: "#1f3b73",
    strokeWidth: Math.max(1.5, length * 0.12),
  }) +
    polygon([
      [tipX, tipY],
      [baseX - uy * wing, baseY + ux * wing],
      [baseX + uy * wing, baseY - ux * wing],
    ], { fill: "#1f3b73" });
}

/** A colour between `low` and `high` for `t` in [0, 1] (clamped), as `rgb(...)`. */
export function lerpColor(
  low: readonly [number, number, number],
  high: readonly [number, number, number],
  t: number,
): string {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const c = low.map((l, i) => Math.round(l + (high[i] - l) * u));
  return `rgb(${c.map((v) => fmt(v)).join(",")})`;
}
