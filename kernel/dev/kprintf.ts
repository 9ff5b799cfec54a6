// kprintf.ts: formatted kernel output on the console (COM1). KTS has no varargs, so there is
// one entry per argument count: kprintf(fmt), kprintf1(fmt, a) ... kprintf4(fmt, a, b, c, d).
// Every argument is a u32: %d prints it as i32, %u %x %c as they say, %s takes a string's
// address (`addr(s)`), %p is %08x. Flags: '0' and a width (`%08x`, `%4d`, `%-12s`).
// A call formats into a stack buffer, then writes it under the console lock, so lines from
// different CPUs never interleave.
import { uart_putc } from "./uart.ts";
import { Spinlock, spin_lock_irq, spin_unlock_irq, spin_break } from "../kern/spinlock.ts";

export class FmtBuf {
  buf: usize = 0;
  cap: u32 = 0;
  len: u32 = 0;
}

const KPRINTF_BUFSZ: u32 = 256;
let console_lock: Spinlock = new Spinlock();

function fmt_put(fb: FmtBuf, c: u32): void {
  if (fb.len + 1 < fb.cap) {
    store<u8>(fb.buf + fb.len, u8(c));
    fb.len++;
  }
}

function fmt_number(fb: FmtBuf, value: u32, base: u32, negative: bool, width: u32, zero: bool): void {
  let digits: FixedArray<u8, 12> = [];
  let n: u32 = 0;
  let v: u32 = value;
  do {
    const d: u32 = v % base;
    digits[n] = u8(d < 10 ? 48 + d : 87 + d);
    n++;
    v = v / base;
  } while (v != 0);
  let total: u32 = n + (negative ? 1 : 0);
  if (negative && zero) fmt_put(fb, 45);
  while (total < width) {
    fmt_put(fb, zero ? 48 : 32);
    total++;
  }
  if (negative && !zero) fmt_put(fb, 45);
  while (n > 0) {
    n--;
    fmt_put(fb, digits[n]);
  }
}

/** Format `fmt` with `args` (u32 each) into fb; NUL-terminates. Returns the length. */
export function kvformat(fb: FmtBuf, fmt: string, args: Ptr<u32>): u32 {
  const f: usize = addr(fmt);
  let i: u32 = 0;
  let argi: u32 = 0;
  for (;;) {
    const c: u32 = load<u8>(f + i);
    if (c == 0) break;
    i++;
    if (c != 37) { // '%'
      fmt_put(fb, c);
      continue;
    }
    let zero: bool = false;
    let left: bool = false;
    let width: u32 = 0;
    let fc: u32 = load<u8>(f + i);
    if (fc == 45) { left = true; i++; fc = load<u8>(f + i); } // '-'
    if (fc == 48) { zero = true; i++; fc = load<u8>(f + i); } // '0'
    while (fc >= 48 && fc <= 57) {
      width = width * 10 + (fc - 48);
      i++;
      fc = load<u8>(f + i);
    }
    if (fc == 0) break;
    i++;
    if (fc == 37) { fmt_put(fb, 37); continue; }
    const a: u32 = load<u32>(args + argi * 4);
    argi++;
    switch (fc) {
      case 100: { // 'd'
        const negative: bool = i32(a) < 0;
        const magnitude: u32 = negative ? 0 - a : a;
        fmt_number(fb, magnitude, 10, negative, width, zero);
        break;
      }
      case 117: fmt_number(fb, a, 10, false, width, zero); break; // 'u'
      case 120: fmt_number(fb, a, 16, false, width, zero); break; // 'x'
      case 112: fmt_number(fb, a, 16, false, 8, true); break; // 'p'
      case 99: fmt_put(fb, a); break; // 'c'
      case 115: { // 's'
        let n: u32 = 0;
        if (a == 0) {
          fmt_put(fb, 40); fmt_put(fb, 110); fmt_put(fb, 117); fmt_put(fb, 108); fmt_put(fb, 108); fmt_put(fb, 41);
          n = 6;
        } else {
          let len: u32 = 0;
          while (load<u8>(a + len) != 0) len++;
          if (!left) { while (n + len < width) { fmt_put(fb, 32); n++; } }
          for (let k: u32 = 0; k < len; k++) fmt_put(fb, load<u8>(a + k));
          n += len;
        }
        while (left && n < width) { fmt_put(fb, 32); n++; }
        break;
      }
      default:
        fmt_put(fb, 37);
        fmt_put(fb, fc);
        argi--;
        break;
    }
  }
  if (fb.cap > 0) store<u8>(fb.buf + fb.len, 0);
  return fb.len;
}

/** snprintf-style formatting into memory (buf of `cap` bytes); returns the length written. */
export function ksnprintf4(buf: usize, cap: u32, fmt: string, a: u32, b: u32, c: u32, d: u32): u32 {
  let args: FixedArray<u32, 4> = [];
  args[0] = a; args[1] = b; args[2] = c; args[3] = d;
  const fb: FmtBuf = new FmtBuf();
  fb.buf = buf;
  fb.cap = cap;
  fb.len = 0;
  return kvformat(fb, fmt, addressof(args[0]));
}

/** Write raw bytes to the console; '\n' becomes "\r\n" for terminals. */
export function console_write(p: usize, n: u32): void {
  for (let i: u32 = 0; i < n; i++) {
    const c: u32 = load<u8>(p + i);
    if (c == 10) uart_putc(13);
    uart_putc(c);
  }
}

function kprintf_args(fmt: string, args: Ptr<u32>): void {
  let buf: FixedArray<u8, 256> = [];
  const fb: FmtBuf = new FmtBuf();
  fb.buf = addressof(buf[0]);
  fb.cap = KPRINTF_BUFSZ;
  fb.len = 0;
  const n: u32 = kvformat(fb, fmt, args);
  spin_lock_irq(console_lock);
  console_write(addressof(buf[0]), n);
  spin_unlock_irq(console_lock);
}

export function kprintf(fmt: string): void {
  let args: FixedArray<u32, 1> = [];
  kprintf_args(fmt, addressof(args[0]));
}
export function kprintf1(fmt: string, a: u32): void {
  let args: FixedArray<u32, 1> = [];
  args[0] = a;
  kprintf_args(fmt, addressof(args[0]));
}
export function kprintf2(fmt: string, a: u32, b: u32): void {
  let args: FixedArray<u32, 2> = [];
  args[0] = a; args[1] = b;
  kprintf_args(fmt, addressof(args[0]));
}
export function kprintf3(fmt: string, a: u32, b: u32, c: u32): void {
  let args: FixedArray<u32, 3> = [];
  args[0] = a; args[1] = b; args[2] = c;
  kprintf_args(fmt, addressof(args[0]));
}
export function kprintf4(fmt: string, a: u32, b: u32, c: u32, d: u32): void {
  let args: FixedArray<u32, 4> = [];
  args[0] = a; args[1] = b; args[2] = c; args[3] = d;
  kprintf_args(fmt, addressof(args[0]));
}

/** Print one character (the console's echo). */
export function kputc(c: u32): void {
  spin_lock_irq(console_lock);
  if (c == 10) uart_putc(13);
  uart_putc(c);
  spin_unlock_irq(console_lock);
}

/** panic(): the console lock's holder may be the CPU that broke; take the line anyway. */
export function kprintf_panic_takeover(): void {
  spin_break(console_lock);
}
