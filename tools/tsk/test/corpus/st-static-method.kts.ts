// @node
// Static methods are plain functions in the class's name space.
class MathUtil {
  static square(x: i32): i32 { return x * x; }
  static cube(x: i32): i32 { return MathUtil.square(x) * x; }
}
export function main(): i32 {
  put_i32(MathUtil.square(9)); putc(32); put_i32(MathUtil.cube(-3)); putc(10);
  return 0;
}
