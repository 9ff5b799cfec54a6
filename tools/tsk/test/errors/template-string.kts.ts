// Rejected construct: template string.
// expect-error-at: `
// expect-message: template strings
export function main(): i32 {
  const n: i32 = 4;
  puts(`n=${n}`); // <-
  return 0;
}
