// The raw baseline of refusing a huge CSV, as its own Node process: read the
// same file, decode it to text as any CSV reader must, and count its lines.
// No checks, no parsing: the floor the app's refusal is measured against.
import fs from 'node:fs';

const text = new TextDecoder('utf-8').decode(fs.readFileSync(process.argv[2]));
let lines = 0;
for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
process.stdout.write(JSON.stringify({ lines }) + '\n');
