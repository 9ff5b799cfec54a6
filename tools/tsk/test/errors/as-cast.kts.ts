// Rejected construct: as cast.
// expect-error-at: x as
// expect-message: `as` casts
export function main(): i32 {
  const x: u32 = 5;
  const y: i32 = x as i32; // <-
  return y;
}
