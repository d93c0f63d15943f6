/**
 * Text for a terminal. A seller named "\x1b]0;pwned\x07…" would retitle the window, clear the
 * screen or plant a clickable link when `ringlens ring` prints it; a U+202E would reorder the
 * line. Every such character is written visibly (⟨U+001B⟩), so what the investigator reads is
 * what the case holds. JSON output stays exact by escaping them the JSON way (\u202e) instead.
 */
import { visibleControls } from '../../../shared/visible-controls';

/** `text` safe to write to a terminal: tab and line feed kept, every other control made visible. */
export function terminalSafe(text: string): string {
  // A carriage return that starts a write is our own progress line redrawing itself.
  const redraw = text.startsWith('\r') ? '\r' : '';
  return redraw + visibleControls(redraw ? text.slice(1) : text);
}

/** JSON text with every invisible or reordering character \u-escaped (same value, inert). */
export function jsonEscapeControls(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const guarded = new WeakSet<NodeJS.WriteStream>();

/**
 * Routes every string written to `stream` through terminalSafe. Installed once by the CLI, so
 * no command can print a hostile name raw, whichever function prints it.
 */
export function guardTerminalStream(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = (chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest);
}
