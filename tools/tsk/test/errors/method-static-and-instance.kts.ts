// Rejected construct: a static and an instance method of one name (both would be the symbol Timer.tick).
// expect-error-at: tick
// expect-message: 'Timer.tick' is defined twice in this module
class Timer {
  v: i32;
  tick(): i32 { return this.v; }
  static tick(): i32 { return 2; } // <-
}
export function main(): i32 { return Timer.tick(); }
