#!/usr/bin/env node
/**
 * Folder-level import circles in src/: `npm run imports`. Reads every import (type-only
 * ones too) with TypeScript's own pre-processor, collapses files to their top folder
 * under src/, and prints each circle (a strongly connected set of folders) with the
 * imports that close it. Exits 1 when there is one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const src = resolve(import.meta.dirname, '../src');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.tsx?$/.test(name) && !/\.(test|bench)\.tsx?$/.test(name)) files.push(path);
  }
})(src);

const folderOf = (path) => relative(src, path).split('/')[0].replace(/\.tsx?$/, '');
/** edges.get(a).get(b) = the files of a that import b */
const edges = new Map();
for (const file of files) {
  const from = folderOf(file);
  for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const to = folderOf(resolve(dirname(file), fileName));
    if (to === from || to.startsWith('..')) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    const targets = edges.get(from);
    if (!targets.has(to)) targets.set(to, new Set());
    targets.get(to).add(relative(src, file));
  }
}

// Tarjan's strongly connected components: every component of more than one folder is a circle.
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
let counter = 0;
function connect(v) {
  index.set(v, counter);
  low.set(v, counter++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!index.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const folder of new Set([...files.map(folderOf)])) if (!index.has(folder)) connect(folder);

// Pairs that import each other directly are the plainest way to read a circle.
const pairs = [];
for (const [a, targets] of edges) for (const b of targets.keys()) if (a < b && edges.get(b)?.has(a)) pairs.push(`${a} <-> ${b}`);

console.log(`${files.length} files in ${new Set(files.map(folderOf)).size} folders under src/`);
console.log(`folders importing each other directly: ${pairs.length}${pairs.length ? `\n  ${pairs.join('\n  ')}` : ''}`);
console.log(`folder circles (strongly connected sets): ${components.length}`);
for (const component of components) {
  console.log(`  ${component.join(', ')}`);
  for (const a of component) {
    for (const [b, importers] of edges.get(a) ?? []) {
      if (component.includes(b)) console.log(`    ${a} -> ${b}: ${[...importers].join(', ')}`);
    }
  }
}
process.exitCode = components.length ? 1 : 0;
