/* Floating point as gcc -m32 compiles it (x87 loads, stores, arithmetic, compares and
 * conversions), for the assembler tests. */
double area(double r) { return 3.14159 * r * r; }
float lerp(float a, float b, float t) { return a + (b - a) * t; }
long double ld(long double x, int n) { return x * n + (long double)1 / (x + 2); }
int toint(double d) { return (int)d; }
long long toll(double d) { return (long long)d; }
double fromll(long long v) { return (double)v / 3.0; }
int cmp(double a, double b) { return a < b ? -1 : a > b ? 1 : 0; }
double mix(float a, double b, int c, short s) { return a * b - c / (double)s; }
