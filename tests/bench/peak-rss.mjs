// Preloaded into a benchmarked process (`node --import ./tests/bench/peak-rss.mjs …`):
// at exit it writes the process's peak resident set size in bytes (getrusage's
// maxRSS) to the file named by PEAK_RSS_FILE, so stdout stays the command's own.
import fs from 'node:fs';

const out = process.env.PEAK_RSS_FILE;
if (out) process.on('exit', () => fs.writeFileSync(out, String(process.resourceUsage().maxRSS * 1024)));
