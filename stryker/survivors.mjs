#!/usr/bin/env node
/** `node stryker/survivors.mjs <module> [status...]`: the surviving and uncovered mutants of the last run, one a line. */
import { readFileSync } from 'node:fs';

const [name, ...wanted] = process.argv.slice(2);
const statuses = wanted.length > 0 ? wanted : ['Survived', 'NoCoverage'];
const report = JSON.parse(readFileSync(`reports/mutation/${name}.json`, 'utf8'));
for (const [file, data] of Object.entries(report.files)) {
  const lines = data.source.split('\n');
  for (const m of data.mutants.filter((x) => statuses.includes(x.status)).sort((a, b) => a.location.start.line - b.location.start.line)) {
    const { start, end } = m.location;
    const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)}…`;
    const show = (s) => (s.length > 90 ? `${s.slice(0, 87)}...` : s).replace(/\s+/g, ' ');
    console.log(`${file}:${start.line}:${start.column} ${m.status} ${m.mutatorName}: ${show(original)} -> ${show(m.replacement ?? '')}`);
  }
}
