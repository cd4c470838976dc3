import { assertEquals } from "@std/assert";
import { formatDuration, formatNumber, formatRate, formatValue } from "./format.ts";

Deno.test("formatNumber: integers in full, others to 4 significant digits", () => {
  assertEquals(formatNumber(0), "0");
  assertEquals(formatNumber(1234), "1,234");
  assertEquals(formatNumber(-25_000_000), "-25,000,000");
  assertEquals(formatNumber(0.5), "0.5");
  assertEquals(formatNumber(123.456), "123.5");
  assertEquals(formatNumber(-0.1), "-0.1");
  assertEquals(formatNumber(0.00012), "1.2e-4");
  assertEquals(formatNumber(2_500_000.5), "2.5e+6");
  assertEquals(formatNumber(Number.NaN), "NaN");
  assertEquals(formatNumber(-Infinity), "-inf");
});

Deno.test("formatValue: strings as is, nullish empty, objects as JSON", () => {
  assertEquals(formatValue("left"), "left");
  assertEquals(formatValue(undefined), "");
  assertEquals(formatValue(null), "");
  assertEquals(formatValue(true), "true");
  assertEquals(formatValue([1, 2]), "[1,2]");
  assertEquals(formatValue(2n ** 40n), "1,099,511,627,776");
});

Deno.test("formatDuration: m:ss below an hour, h:mm:ss above", () => {
  assertEquals(formatDuration(0), "0:00");
  assertEquals(formatDuration(59.9), "0:59");
  assertEquals(formatDuration(61), "1:01");
  assertEquals(formatDuration(3661), "1:01:01");
  assertEquals(formatDuration(-1), "?");
  assertEquals(formatDuration(Infinity), "?");
});

Deno.test("formatRate: per second, or seconds per item when slow", () => {
  assertEquals(formatRate(523.4), "523 it/s");
  assertEquals(formatRate(12.345, "steps"), "12.3 steps/s");
  assertEquals(formatRate(0.4, "episodes"), "2.5 s/episodes");
  assertEquals(formatRate(Number.NaN), "? it/s");
});
