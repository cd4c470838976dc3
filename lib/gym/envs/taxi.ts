/**
 * Taxi-v3, as in Gymnasium 0.29.1 (Dietterich's taxi domain).
 *
 * A 5 x 5 grid with walls and four stands R(0,0), G(0,4), Y(4,0), B(4,3). The taxi picks
 * the passenger up at one stand and drops them at the destination stand. Actions: 0 south,
 * 1 north, 2 east, 3 west, 4 pickup, 5 dropoff. Rewards: -1 per step, -10 for an illegal
 * pickup or dropoff, +20 for delivering (which terminates). The 500 states encode
 * `((taxiRow * 5 + taxiCol) * 5 + passengerLocation) * 4 + destination` with passenger
 * locations 0-3 = stands and 4 = in the taxi. The episode starts in one of the 300
 * states with the passenger at a stand other than the destination, uniformly.
 * `info.actionMask[a]` is 1 when action `a` changes the state. Registered with a 200-step
 * limit.
 *
 * @module
 */
import type { Info } from "../core.ts";
import { colorize } from "../rendering/ansi.ts";
import { circle, line, rect, svgDocument, text } from "../rendering/svg.ts";
import { TabularEnv, type TransitionTable } from "./tabular.ts";
import { checkOptions } from "./options.ts";
import { warnNoRenderMode } from "../rendering/render_mode.ts";

/** The map of Gymnasium's Taxi-v3 (walls are `|`). */
export const TAXI_MAP: readonly string[] = [
  "+---------+",
  "|R: | : :G|",
  "| : | : : |",
  "| : : : : |",
  "| | : | : |",
  "|Y| : |B: |",
  "+---------+",
];

/** The stands R, G, Y, B as `[row, col]`. */
export const TAXI_LOCATIONS: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0, 4],
  [4, 0],
  [4, 3],
];

const ACTION_NAMES = ["South", "North", "East", "West", "Pickup", "Dropoff"];
const STAND_COLORS = ["#e63946", "#2a9d8f", "#e9c46a", "#457b9d"];

/** The components of a Taxi state. */
export interface TaxiState {
  /** Taxi row, 0-4. */
  taxiRow: number;
  /** Taxi column, 0-4. */
  taxiCol: number;
  /** Passenger location: 0-3 = a stand (R, G, Y, B), 4 = in the taxi. */
  passengerLocation: number;
  /** Destination stand, 0-3. */
  destination: number;
}

/** `((taxiRow * 5 + taxiCol) * 5 + passengerLocation) * 4 + destination`. */
export function taxiEncode(
  taxiRow: number,
  taxiCol: number,
  passengerLocation: number,
  destination: number,
): number {
  return ((taxiRow * 5 + taxiCol) * 5 + passengerLocation) * 4 + destination;
}

/** Inverse of {@linkcode taxiEncode}. */
export function taxiDecode(state: number): TaxiState {
  if (!Number.isInteger(state) || state < 0 || state >= 500) {
    throw new Error(`taxiDecode: state must be an integer in 0..499, got ${state}`);
  }
  return {
    destination: state % 4,
    passengerLocation: Math.floor(state / 4) % 5,
    taxiCol: Math.floor(state / 20) % 5,
    taxiRow: Math.floor(state / 100),
  };
}

function standIndex(row: number, col: number): number {
  return TAXI_LOCATIONS.findIndex(([r, c]) => r === row && c === col);
}

// East/west moves are blocked by a "|" between the two cells in the map.
function canMoveEast(row: number, col: number): boolean {
  return TAXI_MAP[1 + row][2 * col + 2] === ":";
}
function canMoveWest(row: number, col: number): boolean {
  return TAXI_MAP[1 + row][2 * col] === ":";
}

/**
 * Which actions change the state (Gymnasium's `action_mask`): 1 = changes it.
 * Returned as an `Int8Array` of length 6.
 */
export function taxiActionMask(state: number): Int8Array {
  const { taxiRow, taxiCol, passengerLocation, destination } = taxiDecode(state);
  const mask = new Int8Array(6);
  if (taxiRow < 4) mask[0] = 1;
  if (taxiRow > 0) mask[1] = 1;
  if (taxiCol < 4 && canMoveEast(taxiRow, taxiCol)) mask[2] = 1;
  if (taxiCol > 0 && canMoveWest(taxiRow, taxiCol)) mask[3] = 1;
  const at = standIndex(taxiRow, taxiCol);
  if (passengerLocation < 4 && at === passengerLocation) mask[4] = 1;
  if (passengerLocation === 4 && (at === destination || at >= 0)) mask[5] = 1;
  return mask;
}

/** Options of {@linkcode TaxiEnv}. */
export interface TaxiOptions {
  /** `"ansi"` (text) or `"svg"`. */
  renderMode?: "ansi" | "svg";
}

/** Taxi (see the module documentation). */
export class TaxiEnv extends TabularEnv {
  /** Builds the deterministic model. */
  constructor(options: TaxiOptions = {}) {
    checkOptions("Taxi", options, ["renderMode"]);
    const P: TransitionTable = [];
    const initial = new Float64Array(500);
    for (let row = 0; row < 5; row++) {
      for (let col = 0; col < 5; col++) {
        for (let pass = 0; pass < 5; pass++) {
          for (let dest = 0; dest < 4; dest++) {
            if (pass < 4 && pass !== dest) initial[taxiEncode(row, col, pass, dest)] = 1 / 300;
            P.push([0, 1, 2, 3, 4, 5].map((action) => {
              let newRow = row, newCol = col, newPass = pass, reward = -1, terminated = false;
              const at = standIndex(row, col);
              if (action === 0) newRow = Math.min(row + 1, 4);
              else if (action === 1) newRow = Math.max(row - 1, 0);
              else if (action === 2 && canMoveEast(row, col)) newCol = Math.min(col + 1, 4);
              else if (action === 3 && canMoveWest(row, col)) newCol = Math.max(col - 1, 0);
              else if (action === 4) {
                if (pass < 4 && at === pass) newPass = 4;
                else reward = -10;
              } else if (action === 5) {
                if (at === dest && pass === 4) {
                  newPass = dest;
                  terminated = true;
                  reward = 20;
                } else if (at >= 0 && pass === 4) newPass = at;
                else reward = -10;
              }
              return [{
                prob: 1,
                next: taxiEncode(newRow, newCol, newPass, dest),
                reward,
                terminated,
              }];
            }));
          }
        }
      }
    }
    super(P, initial);
    this.metadata = { renderModes: ["ansi", "svg"], renderFps: 4 };
    this.renderMode = options.renderMode;
  }

  /** Adds `actionMask` (see {@linkcode taxiActionMask}) to every info. */
  protected override extraInfo(state: number): Info {
    return { actionMask: taxiActionMask(state) };
  }

  /**
   * `"ansi"`: Gymnasium's text map (taxi highlighted yellow when empty, green with the
   * passenger; passenger's stand blue; destination magenta), then the last action.
   * `"svg"`: a picture of the grid.
   */
  override render(): string | undefined {
    if (this.renderMode === undefined) return warnNoRenderMode(this);
    if (this.s === undefined) return undefined;
    const { taxiRow, taxiCol, passengerLocation, destination } = taxiDecode(this.s);
    if (this.renderMode === "ansi") {
      const out = TAXI_MAP.map((line) => [...line]);
      const taxiCell = (): string => out[1 + taxiRow][2 * taxiCol + 1];
      if (passengerLocation < 4) {
        out[1 + taxiRow][2 * taxiCol + 1] = colorize(taxiCell(), "yellow", { highlight: true });
        const [pi, pj] = TAXI_LOCATIONS[passengerLocation];
        out[1 + pi][2 * pj + 1] = colorize(out[1 + pi][2 * pj + 1], "blue", { bold: true });
      } else {
        const underline = taxiCell() === " " ? "_" : taxiCell();
        out[1 + taxiRow][2 * taxiCol + 1] = colorize(underline, "green", { highlight: true });
      }
      const [di, dj] = TAXI_LOCATIONS[destination];
      out[1 + di][2 * dj + 1] = colorize(out[1 + di][2 * dj + 1], "magenta");
      const tail = this.lastAction === undefined ? "\n" : `  (${ACTION_NAMES[this.lastAction]})\n`;
      return out.map((row) => row.join("")).join("\n") + "\n" + tail;
    }
    return taxiSvg(taxiRow, taxiCol, passengerLocation, destination);
  }
}

function taxiSvg(taxiRow: number, taxiCol: number, passenger: number, destination: number) {
  const size = 60;
  const parts: string[] = [];
  for (let r = 0; r < 5; r++) {
    for (let c = 0; c < 5; c++) {
      const stand = standIndex(r, c);
      parts.push(rect(c * size, r * size, size, size, {
        fill: stand >= 0 ? STAND_COLORS[stand] : "#f1f1f1",
        opacity: stand >= 0 ? 0.55 : 1,
        stroke: "#bbbbbb",
        strokeWidth: 1,
      }));
      if (stand >= 0) parts.push(text(c * size + 10, r * size + 11, "RGYB"[stand], { bold: true }));
    }
  }
  for (let r = 0; r < 5; r++) {
    for (let c = 0; c < 4; c++) {
      if (!canMoveEast(r, c)) {
        parts.push(line((c + 1) * size, r * size, (c + 1) * size, (r + 1) * size, {
          stroke: "#222222",
          strokeWidth: 5,
        }));
      }
    }
  }
  const [dr, dc] = TAXI_LOCATIONS[destination];
  parts.push(rect(dc * size + 4, dr * size + 4, size - 8, size - 8, {
    fill: "none",
    stroke: "#7b2cbf",
    strokeWidth: 3,
    dash: "6 3",
  }));
  const full = passenger === 4;
  parts.push(rect(taxiCol * size + 12, taxiRow * size + 18, size - 24, size - 30, {
    fill: full ? "#2a9d8f" : "#ffcc00",
    stroke: "#333333",
    strokeWidth: 2,
  }));
  if (!full) {
    const [pr, pc] = TAXI_LOCATIONS[passenger];
    parts.push(circle(pc * size + size / 2, pr * size + size / 2, 8, {
      fill: "#1d3557",
      stroke: "white",
      strokeWidth: 2,
    }));
  }
  parts.push(rect(0, 0, 5 * size, 5 * size, { fill: "none", stroke: "#222222", strokeWidth: 5 }));
  return svgDocument(5 * size, 5 * size, parts, { title: "Taxi" });
}
