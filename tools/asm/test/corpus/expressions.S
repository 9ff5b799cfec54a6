# Expression semantics: GNU precedence (shifts with multiplication, bitwise ops above +/-,
# comparisons below them),
# 64-bit wrapping, logical right shifts, -1 for true comparisons, character constants.
	.data
	.long 1 + 2 * 3, (1 + 2) * 3, 1 << 2 + 1, 1 + 2 << 1, 7 & 3 + 1, 7 | 8 ^ 1, 10 - 3 - 2, 100 / 7 % 3
	.long -1 >> 1, ~0 >> 28, 5 == 5, 5 != 5, 3 < 4, 4 <= 3, 1 && 0, 1 || 0, !0, !5, -(3), ~~7, 0x10 ! 0x01
	.long 'a + 1, '\n, 017, 0b1011, 1000000000 * 3, -2147483648, 0xffffffff + 1
	.quad 0x7fffffffffffffff + 1, -1 / 2, 1 << 63 >> 63, (1 << 40) | 5
	.byte 255, -128, 'z
	.word 65535, -32768
	.set a, 10
	.set b, a * a - 1
	.long b, b % a, b / a, (b > a) + 0
	.long 1 + 2 == 3, 1 == 1 + 2, -1 < 0, 0 > -1, 1 || 0 && 0, 2 * 3 ! 1, 6 & 3 << 1, -7 / 2, -7 % 2, 3 - -2, ~-1, 1 <> 2, 5 >= 5 + 0
	.byte -1, -255
