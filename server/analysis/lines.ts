/**
 * UTF-16 offsets → LSP positions (0-based line, UTF-16 character). Lines end at `\n`, `\r\n` or a
 * lone `\r`, exactly as LSP counts them, so that the CLI and the editor agree on every position.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offset where each line starts. */
  private readonly starts: number[];
  /** Offset where each line's content ends (before its terminator). */
  private readonly ends: number[];

  constructor(private readonly text: string) {
    this.starts = [0];
    this.ends = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || c === 0x0d) {
        this.ends.push(i);
        if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
        this.starts.push(i + 1);
      }
    }
    this.ends.push(text.length);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    // The last line that starts at or before the offset.
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a line terminator (e.g. between `\r` and `\n`) belongs to the line's end.
    return { line: lo, character: Math.min(at, this.ends[lo]) - this.starts[lo] };
  }

  range(span: { start: number; end: number }): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }
}
