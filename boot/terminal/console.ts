// The terminal as the guest's serial console, in raw mode, with QEMU's Ctrl-A escapes:
// Ctrl-A x exits, Ctrl-A c toggles the monitor, Ctrl-A h lists the keys, Ctrl-A Ctrl-A sends
// one Ctrl-A. In monitor mode keystrokes are line-edited here and run as monitor commands.

const CTRL_A = 0x01;

export interface ConsoleHandlers {
  toGuest(bytes: Uint8Array): void;
  monitorLine(line: string): void;
  exit(): void;
  write(text: string): void;
}

export class TerminalConsole {
  private escape = false;
  private monitor = false;
  private line = "";
  private readonly onData = (chunk: Buffer) => this.feed(chunk);
  private rawWasSet = false;
  private attached = false;

  constructor(private readonly h: ConsoleHandlers, private readonly prompt = "(damselfly) ") {}

  attach(): void {
    const stdin = process.stdin;
    if (stdin.isTTY) {
      stdin.setRawMode(true);
      this.rawWasSet = true;
    }
    stdin.on("data", this.onData);
    stdin.resume();
    this.attached = true;
  }

  /**
   * Give the terminal back: cooked mode again, stdin no longer read (so it does not keep the
   * process alive). Safe to call twice and from a signal's exit path; never throws. Returns
   * false when the terminal could not be put back (it has hung up: SIGHUP, a closed pty).
   */
  detach(): boolean {
    if (!this.attached) return true;
    this.attached = false;
    const stdin = process.stdin;
    stdin.off("data", this.onData);
    stdin.pause();
    if (!this.rawWasSet) return true;
    this.rawWasSet = false;
    try {
      stdin.setRawMode(false);
      return true;
    } catch {
      return false;
    }
  }

  get inMonitor(): boolean {
    return this.monitor;
  }

  toggleMonitor(): void {
    this.monitor = !this.monitor;
    this.line = "";
    this.h.write(this.monitor ? `\r\nmonitor: type help; Ctrl-A c returns to the console\r\n${this.prompt}` : "\r\n");
  }

  showPrompt(): void {
    if (this.monitor) this.h.write(this.prompt);
  }

  feed(chunk: Uint8Array): void {
    const guest: number[] = [];
    const flush = () => {
      if (guest.length > 0) this.h.toGuest(Uint8Array.from(guest.splice(0)));
    };
    for (const b of chunk) {
      if (this.escape) {
        this.escape = false;
        const c = String.fromCharCode(b).toLowerCase();
        if (c === "x") {
          flush();
          this.h.write("\r\ndamselfly: terminated\r\n");
          this.h.exit();
          return;
        }
        if (c === "c") {
          flush();
          this.toggleMonitor();
          continue;
        }
        if (c === "h") {
          this.h.write("\r\nC-a x  exit\r\nC-a c  monitor on/off\r\nC-a h  this help\r\nC-a C-a  send C-a\r\n");
          continue;
        }
        if (b === CTRL_A && !this.monitor) guest.push(b);
        continue;
      }
      if (b === CTRL_A) {
        this.escape = true;
        continue;
      }
      if (!this.monitor) {
        guest.push(b);
        continue;
      }
      // monitor line editing
      if (b === 0x0d || b === 0x0a) {
        this.h.write("\r\n");
        const line = this.line;
        this.line = "";
        this.h.monitorLine(line);
      } else if (b === 0x7f || b === 0x08) {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          this.h.write("\b \b");
        }
      } else if (b >= 0x20 && b < 0x7f) {
        this.line += String.fromCharCode(b);
        this.h.write(String.fromCharCode(b));
      }
    }
    flush();
  }
}
