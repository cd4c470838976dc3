/**
 * The SVG frame shared by MountainCar-v0 and MountainCarContinuous-v0: the valley
 * `height(x) = 0.45 sin(3x) + 0.55`, the car tilted along the slope, and the flag.
 *
 * @module
 */
import { circle, line, polygon, polyline, svgDocument } from "../rendering/svg.ts";

const MIN_POSITION = -1.2;
const MAX_POSITION = 0.6;
const WIDTH = 600;
const HEIGHT = 400;
const SCALE = WIDTH / (MAX_POSITION - MIN_POSITION);

function valleyHeight(x: number): number {
  return Math.sin(3 * x) * 0.45 + 0.55;
}

/** Screen point of the world point (`x` along the track, `h` height), y pointing down. */
function toScreen(x: number, h: number): [number, number] {
  return [(x - MIN_POSITION) * SCALE, HEIGHT - h * SCALE];
}

/**
 * A 600 x 400 SVG frame with the car at `position` and the flag at `goalPosition`.
 * `force` (in [-1, 1], optional) draws an arrow for the push applied on the last step.
 */
export function mountainCarSvg(
  position: number,
  goalPosition: number,
  title: string,
  force?: number,
): string {
  const parts: string[] = [];
  const track: Array<[number, number]> = [];
  for (let i = 0; i < 100; i++) {
    const x = MIN_POSITION + (MAX_POSITION - MIN_POSITION) * i / 99;
    track.push(toScreen(x, valleyHeight(x)));
  }
  parts.push(polygon([...track, [WIDTH, HEIGHT], [0, HEIGHT]], { fill: "#efe6d2" }));
  parts.push(polyline(track, { stroke: "#000000", strokeWidth: 2 }));

  const [fx, fy] = toScreen(goalPosition, valleyHeight(goalPosition));
  parts.push(line(fx, fy, fx, fy - 50, { stroke: "#000000", strokeWidth: 2 }));
  parts.push(polygon([[fx, fy - 50], [fx, fy - 40], [fx + 25, fy - 45]], { fill: "#cccc00" }));

  // The car body is a 40 x 20 box standing on the track, rotated by the slope angle
  // (Gymnasium rotates it by cos(3x), the derivative of sin(3x) over 3).
  const angle = Math.cos(3 * position);
  const [bx, by] = toScreen(position, valleyHeight(position));
  const clearance = 10;
  const rotate = (u: number, v: number): [number, number] => [
    bx + u * Math.cos(angle) - v * Math.sin(angle),
    by - (u * Math.sin(angle) + v * Math.cos(angle)),
  ];
  parts.push(polygon([
    rotate(-20, clearance),
    rotate(-20, clearance + 20),
    rotate(20, clearance + 20),
    rotate(20, clearance),
  ], { fill: "#000000" }));
  for (const u of [10, -10]) {
    const [wx, wy] = rotate(u, clearance);
    parts.push(circle(wx, wy, 8, { fill: "#808080" }));
  }
  if (force !== undefined && force !== 0) {
    const [ax, ay] = rotate(0, clearance + 32);
    const length = 30 * Math.max(-1, Math.min(1, force));
    const [tx, ty] = [ax + length * Math.cos(angle), ay - length * Math.sin(angle)];
    parts.push(line(ax, ay, tx, ty, { stroke: "#e76f51", strokeWidth: 4, lineCap: "round" }));
  }
  return svgDocument(WIDTH, HEIGHT, parts, { title });
}
