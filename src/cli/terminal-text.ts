// Text from logs (run names, params, error messages, notebook cells) goes to a terminal: an
// ESC/OSC sequence in a run name could retitle the terminal, clear the screen or move the
// cursor, and a CR or bidi override could make a line say something else. Control characters
// are shown as visible escapes instead.

// C0 controls (tab and newline too: they break table cells), DEL, C1 controls, and the Unicode
// bidi embedding/override/isolate characters.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** `s` with every control character replaced by a visible escape (`\e`, `\r`, `\x07`, `\u202e`). */
export function terminalText(s: string): string {
  return s.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, '0');
}
