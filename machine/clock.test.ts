import { describe, expect, it } from "vitest";
import { VirtualClock } from "./clock.ts";

describe("virtual clock", () => {
  it("keeps whole nanoseconds when paced from fractional host time", () => {
    const clock = new VirtualClock();
    clock.advanceTo(5118460726.000001);
    expect(clock.now()).toBe(5118460726);
    expect(() => BigInt(clock.now())).not.toThrow();
    clock.advanceTo(5118460726.9);
    expect(clock.now()).toBe(5118460726);
    clock.advanceTo(10.5); // never backwards
    expect(clock.now()).toBe(5118460726);
  });

  it("fires timers in time order, equal times in scheduling order", () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.schedule(20, () => seen.push("b"));
    clock.schedule(10, () => seen.push("a"));
    clock.schedule(20, () => seen.push("c"));
    clock.advanceTo(15);
    clock.runDue();
    expect(seen).toEqual(["a"]);
    clock.advanceTo(20);
    clock.runDue();
    expect(seen).toEqual(["a", "b", "c"]);
  });
});
