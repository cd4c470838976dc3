/**
 * A few functions that build SVG markup as strings, for environment frames.
 *
 * Frames are plain strings so that they can be stored per step, embedded in notebook
 * outputs (`image/svg+xml` or inside HTML) and written to files without a DOM.
 * Coordinates are SVG user units with the origin at the top left and y pointing down;
 * numbers are written with at most two decimals to keep frames small.
 *
 * @module
 */

/** Presentation attributes shared by the shapes below. */
export interface SvgStyle {
  /** Fill colour (any CSS colour); `"none"` for outlines. */
  fill?: string;
  /** Stroke colour. */
  stroke?: string;
  /** Stroke width in user units. */
  strokeWidth?: number;
  /** Opacity in [0, 1] applied to the whole shape. */
  opacity?: number;
  /** Stroke line cap. */
  lineCap?: "butt" | "round" | "square";
  /** Dash pattern, e.g. `"4 2"`. */
  dash?: string;
}

/** Options for {@linkcode svgDocument}. */
export interface SvgDocumentOptions {
  /** Background colour painted behind everything (default white; `"none"` for none). */
  background?: string;
  /** Accessible title of the picture (rendered as `<title>`). */
  title?: string;
}

/** Formats a coordinate with at most two decimals (no trailing zeros). */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`SVG coordinate must be a finite number, got ${value}`);
  }
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** Escapes the five XML special characters of `text` for use in content or attributes. */
export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

function styleAttributes(style: SvgStyle): string {
  const parts: string[] = [];
  if (style.fill !== undefined) parts.push(`fill="${escapeXml(style.fill)}"`);
  if (style.stroke !== undefined) parts.push(`stroke="${escapeXml(style.stroke)}"`);
  if (style.strokeWidth !== undefined) parts.push(`stroke-width="${fmt(style.strokeWidth)}"`);
  if (style.opacity !== undefined) parts.push(`opacity="${fmt(style.opacity)}"`);
  if (style.lineCap !== undefined) parts.push(`stroke-linecap="${style.lineCap}"`);
  if (style.dash !== undefined) parts.push(`stroke-dasharray="${escapeXml(style.dash)}"`);
  return parts.length === 0 ? "" : " " + parts.join(" ");
}

/**
 * A complete `<svg>` element of `width` x `height` user units (also its pixel size)
 * containing `children` in order.
 */
export function svgDocument(
  width: number,
  height: number,
  children: string[],
  options: SvgDocumentOptions = {},
): string {
  const background = options.background ?? "white";
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${
    fmt(height)
  }" viewBox="0 0 ${fmt(width)} ${fmt(height)}">`;
  const title = options.title === undefined ? "" : `<title>${escapeXml(options.title)}</title>`;
  const bg = background === "none" ? "" : rect(0, 0, width, height, { fill: background });
  return head + title + bg + children.join("") + "</svg>";
}

/** An axis-aligned rectangle with its top-left corner at (`x`, `y`). */
export function rect(
  x: number,
  y: number,
  width: number,
  height: number,
  style: SvgStyle = {},
): string {
  return `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(width)}" height="${fmt(height)}"${
    styleAttributes(style)
  }/>`;
}

/** A straight line from (`x1`, `y1`) to (`x2`, `y2`). */
export function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  style: SvgStyle = {},
): string {
  return `<line x1="${fmt(x1)}" y1="${fmt(y1)}" x2="${fmt(x2)}" y2="${fmt(y2)}"${
    styleAttributes({ stroke: "black", ...style })
  }/>`;
}

/** A circle centred at (`cx`, `cy`). */
export function circle(cx: number, cy: number, r: number, style: SvgStyle = {}): string {
  return `<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="${fmt(r)}"${styleAttributes(style)}/>`;
}

function pointList(points: ReadonlyArray<readonly [number, number]>): string {
  return points.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(" ");
}

/** A closed polygon through `points` (`[x, y]` pairs). */
export function polygon(
  points: ReadonlyArray<readonly [number, number]>,
  style: SvgStyle = {},
): string {
  return `<polygon points="${pointList(points)}"${styleAttributes(style)}/>`;
}

/** An open polyline through `points` (`[x, y]` pairs); not filled unless `style.fill` says so. */
export function polyline(
  points: ReadonlyArray<readonly [number, number]>,
  style: SvgStyle = {},
): string {
  return `<polyline points="${pointList(points)}"${
    styleAttributes({ fill: "none", stroke: "black", ...style })
  }/>`;
}

/** Options for {@linkcode text}. */
export interface SvgTextOptions {
  /** Font size in user units (default 12). */
  fontSize?: number;
  /** Horizontal anchor (default `"middle"`). */
  anchor?: "start" | "middle" | "end";
  /** Text colour (default black). */
  fill?: string;
  /** Bold text. */
  bold?: boolean;
  /** Font family (default a monospace stack). */
  fontFamily?: string;
}

/** Text whose anchor point is (`x`, `y`), vertically centred on `y`. */
export function text(x: number, y: number, content: string, options: SvgTextOptions = {}): string {
  const size = options.fontSize ?? 12;
  const family = options.fontFamily ?? "ui-monospace, Menlo, Consolas, monospace";
  return `<text x="${fmt(x)}" y="${fmt(y)}" font-size="${fmt(size)}" font-family="${
    escapeXml(family)
  }" text-anchor="${options.anchor ?? "middle"}" dominant-baseline="central" fill="${
    escapeXml(options.fill ?? "black")
  }"${options.bold ? ' font-weight="bold"' : ""}>${escapeXml(content)}</text>`;
}

/**
 * The corners of a `length` x `width` bar that starts at (`x`, `y`) and points at `angle`
 * radians (measured in the SVG frame: 0 = +x, positive = clockwise on screen), centred
 * across its width. Used for pendulum rods and links.
 */
export function rotatedBar(
  x: number,
  y: number,
  length: number,
  width: number,
  angle: number,
): Array<[number, number]> {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const half = width / 2;
  const corners: Array<[number, number]> = [[0, -half], [0, half], [length, half], [length, -half]];
  return corners.map(([u, v]) => [x + u * cos - v * sin, y + u * sin + v * cos]);
}
