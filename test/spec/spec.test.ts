/**
 * Spec cases: every `test/spec/<rule>/<case>.sql` is analysed and its findings compared exactly.
 *
 * A case starts with header comments:
 *   -- expect: <rule>@<line>:<col>        one per expected finding (1-based; col in UTF-16 units)
 *   -- expect: none                        no finding at all
 *   -- expect-severity: <rule>@<line>:<col> <error|warning|information>   optional
 *   -- env: production|staging|development optional, default production
 * The set of (rule, line, col) must match exactly, bad-directive included.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../server/analysis/analyze';
import { loadParser } from '../../server/analysis/parser';
import { Environment, ENVIRONMENTS, Finding } from '../../server/analysis/types';
import { lineStarts, positionOf } from './positions';

const SPEC_DIR = __dirname;

interface Header {
  expected: string[];
  severities: Map<string, string>;
  environment: Environment;
  sawNone: boolean;
}

function readHeader(text: string, file: string): Header {
  const header: Header = { expected: [], severities: new Map(), environment: 'production', sawNone: false };
  for (const line of text.split(/\r\n|\r|\n/)) {
    const m = /^--\s*(expect|expect-severity|env)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m) break;
    const [, key, value] = m;
    if (key === 'env') {
      assert.ok((ENVIRONMENTS as readonly string[]).includes(value), `${file}: unknown env "${value}"`);
      header.environment = value as Environment;
    } else if (key === 'expect') {
      if (value === 'none') header.sawNone = true;
      else {
        assert.match(value, /^[a-z-]+@\d+:\d+$/, `${file}: bad expect line "${line}"`);
        header.expected.push(value);
      }
    } else {
      const s = /^([a-z-]+@\d+:\d+)\s+(error|warning|information)$/.exec(value);
      assert.ok(s, `${file}: bad expect-severity line "${line}"`);
      header.severities.set(s[1], s[2]);
    }
  }
  assert.ok(header.sawNone !== header.expected.length > 0, `${file}: needs "-- expect: none" or at least one "-- expect: <rule>@<line>:<col>", not both`);
  return header;
}

function describeFinding(key: string, f: Finding | undefined): string {
  return f ? `${key} (${f.severity}) ${f.message}` : key;
}

function specFiles(): Array<{ rule: string; name: string; file: string }> {
  const out: Array<{ rule: string; name: string; file: string }> = [];
  for (const rule of fs.readdirSync(SPEC_DIR).sort()) {
    const dir = path.join(SPEC_DIR, rule);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (name.endsWith('.sql')) out.push({ rule, name, file: path.join(dir, name) });
    }
  }
  return out;
}

describe('spec cases', () => {
  before(async () => {
    await loadParser();
  });

  it('has at least 170 cases', () => {
    assert.ok(specFiles().length >= 170, `only ${specFiles().length} spec cases`);
  });

  const byRule = new Map<string, Array<{ name: string; file: string }>>();
  for (const c of specFiles()) {
    const list = byRule.get(c.rule) ?? [];
    list.push(c);
    byRule.set(c.rule, list);
  }

  for (const [rule, cases] of byRule) {
    describe(rule, () => {
      for (const c of cases) {
        it(c.name, () => {
          const text = fs.readFileSync(c.file, 'utf8');
          const rel = path.relative(process.cwd(), c.file);
          const header = readHeader(text, rel);
          const result = new Analyzer().analyze(text, { environment: header.environment });
          const starts = lineStarts(text);

          const actual = new Map<string, Finding>();
          for (const f of result.findings) {
            assert.ok(0 <= f.span.start && f.span.start <= f.span.end && f.span.end <= text.length, `${rel}: span ${JSON.stringify(f.span)} lies outside the text`);
            const { line, character } = positionOf(starts, f.span.start);
            actual.set(`${f.rule}@${line + 1}:${character + 1}`, f);
          }
          const expected = new Set(header.expected);
          const missing = [...expected].filter((k) => !actual.has(k));
          const unexpected = [...actual.keys()].filter((k) => !expected.has(k));
          if (missing.length > 0 || unexpected.length > 0) {
            assert.fail(
              `${rel}: findings differ\n` +
                `  expected:   ${[...expected].sort().join(', ') || 'none'}\n` +
                `  actual:     ${[...actual.keys()].sort().join(', ') || 'none'}\n` +
                (missing.length ? `  missing:    ${missing.join(', ')}\n` : '') +
                (unexpected.length ? `  unexpected: ${unexpected.map((k) => describeFinding(k, actual.get(k))).join('\n              ')}\n` : ''),
            );
          }
          assert.equal(result.findings.length, actual.size, `${rel}: two findings share a rule and position`);
          for (const [key, severity] of header.severities) {
            assert.equal(actual.get(key)?.severity, severity, `${rel}: severity of ${key}`);
          }
        });
      }
    });
  }
});
