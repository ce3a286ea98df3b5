'use strict';
// Run by the Maven build after 'npm ci' and 'npm prune --omit=dev': writes engines/files.txt, the
// list of every file local-stack.jar unpacks (a jar cannot list its own resources), headed by a
// digest of their contents so an unchanged bundle is not unpacked again.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

// Maven's jar packaging leaves these out whatever the resources say (its default excludes);
// none of them is code the engines load.
const SKIPPED = new Set(['.gitignore', '.gitattributes', '.gitmodules', '.DS_Store', '.git', '.svn', '.hg', '.bzr',
  'CVS', 'SCCS', '.cvsignore', '.hgignore', '.hgtags', '.bzrignore', '.arch-ids', '{arch}', 'vssver.scc', '.bin']);
const skipped = (name) => SKIPPED.has(name) || name.endsWith('~') || name.startsWith('.#') || name.startsWith('._')
  || (name.startsWith('%') && name.endsWith('%'));

const root = process.argv[2];
const out = process.argv[3];
const files = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
    const rel = dir ? dir + '/' + entry.name : entry.name;
    if (skipped(entry.name)) continue; // .bin: symlinks to CLI scripts; the stack runs the scripts by path
    if (entry.isDirectory()) walk(rel);
    else if (entry.isFile()) files.push(rel);
  }
})('');
const digest = crypto.createHash('sha256');
for (const file of files) {
  digest.update(file).update('\0').update(fs.readFileSync(path.join(root, file)));
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, ['# ' + digest.digest('hex'), ...files].join('\n') + '\n');
console.log('bundled ' + files.length + ' engine files');
