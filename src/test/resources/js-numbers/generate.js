// Writes corpus.tsv.gz: doubles (as the hex of their 64 bits) and what JavaScript's JSON.stringify writes for each.
// JsNumbersTest checks activity-live's number writing against it. Deterministic: the same file on every run.
//   node src/test/resources/js-numbers/generate.js
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

let state = 0x9e3779b97f4a7c15n;                  // xorshift64*, seeded: the corpus never changes by chance
function next64() {
  state ^= state >> 12n; state ^= (state << 25n) & 0xffffffffffffffffn; state ^= state >> 27n;
  return (state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
}
const view = new DataView(new ArrayBuffer(8));
const fromBits = (bits) => { view.setBigUint64(0, bits); return view.getFloat64(0); };
const toBits = (x) => { view.setFloat64(0, x); return view.getBigUint64(0); };
const nextUp = (x) => x === 0 ? Number.MIN_VALUE : fromBits(toBits(x) + (x > 0 ? 1n : -1n));
const nextDown = (x) => -nextUp(-x);
const randomInt = (n) => Number(next64() % BigInt(n));

const values = [];
const add = (x) => { if (Number.isFinite(x)) values.push(x); };

for (let i = 0; i < 40000; i++) add(fromBits(next64()));                         // any bit pattern
for (let i = 0; i < 20000; i++) add(randomInt(10 ** (1 + randomInt(15))) / 10 ** randomInt(22)); // decimals
for (let i = 0; i < 10000; i++) add(fromBits((next64() >> 12n) | 0x3ff0000000000000n) - 1);      // [0, 1)
for (let i = 0; i < 10000; i++) add((1 + randomInt(100000)) / (1 + randomInt(100000)));        // ratios
for (let i = 0; i < 10000; i++) add(randomInt(10 ** 9) / 1e6);                  // durations in ms from ns
for (let i = 0; i < 5000; i++) add((randomInt(1000) / 10) + (randomInt(1000) / 100));           // sums
for (let e = -1074; e <= 1023; e++) {                                             // powers of two, neighbours
  const x = 2 ** e; add(x); add(nextUp(x)); add(nextDown(x));
}
for (let e = -323; e <= 308; e++) {                                               // powers of ten, neighbours
  const x = Number("1e" + e); add(x); add(nextUp(x)); add(nextDown(x));
  for (const m of [2, 5, 9.5, 1.5, 7]) add(Number(m + "e" + e));
}
for (const x of [0, -0, Number.MIN_VALUE, Number.MAX_VALUE, 2.2250738585072014e-308, 2 ** 53, 2 ** 53 + 2,
                 2 ** 53 - 1, 2 ** 64, 1e21, 1e-6, 1e-7, 999999999999999900000, 123456789012345680000,
                 0.000001, 0.0000001, 0.1 + 0.2, 1 / 3, 2e23, 5e-324, 1.7976931348623157e308, 4.35, 0.00011,
                 12345678.5, 10000000.5, 1e20, 100, 7, -7.5]) {
  add(x); add(nextUp(x)); add(nextDown(x));
}
const count = values.length;
for (let i = 0; i < count; i += 7) add(-values[i]);                               // negatives

const lines = values.map((x) => toBits(x).toString(16).padStart(16, "0") + "\t" + JSON.stringify(x));
fs.writeFileSync(path.join(__dirname, "corpus.tsv.gz"), zlib.gzipSync(lines.join("\n") + "\n", { level: 9 }));
console.log(lines.length + " numbers written with node " + process.version);
