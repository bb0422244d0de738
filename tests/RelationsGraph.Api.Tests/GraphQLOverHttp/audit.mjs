// Runs the graphql-http server audits (the GraphQL-over-HTTP spec authors' tests) against the URL in
// argv[2] and prints one JSON array: { id, name, status, reason } per audit. Status "ok" passed;
// "warn" (SHOULD), "error" (MUST) and "notice" (MAY) failed.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://127.0.0.1:PORT/graphql');
  process.exit(2);
}
const results = await auditServer({ url });
const report = [];
for (const r of results) {
  const entry = { id: r.id, name: r.name, status: r.status };
  if (r.status !== 'ok') {
    entry.reason = r.reason;
    entry.response = { status: r.response.status, contentType: r.response.headers.get('content-type') };
    // the audit may have read the body already; then its reason quotes it
    if (!r.response.bodyUsed) entry.response.body = await r.response.text().catch(() => undefined);
  }
  report.push(entry);
}
process.stdout.write(JSON.stringify(report));
