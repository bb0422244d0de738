// graphql-js (the reference implementation, which GraphiQL and most tools use) on the command line:
//   node introspection.mjs query
//     prints getIntrospectionQuery() with every option a tool may ask for
//   node introspection.mjs compare schema.graphql < result.json
//     prints {"introspected": SDL, "committed": SDL}: the schema an introspection result describes
//     (buildClientSchema) and the schema in the SDL file (buildSchema), each sorted and printed by
//     graphql-js's printSchema, so that the same schema prints the same text
import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';

const options = { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true };
const print = (schema) => printSchema(lexicographicSortSchema(schema));
const mode = process.argv[2];
if (mode === 'query') {
  process.stdout.write(getIntrospectionQuery(options));
} else if (mode === 'compare' && process.argv[3]) {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const result = JSON.parse(input);
  if (result.errors) throw new Error('the introspection result has errors: ' + JSON.stringify(result.errors));
  process.stdout.write(JSON.stringify({
    introspected: print(buildClientSchema(result.data)),
    committed: print(buildSchema(readFileSync(process.argv[3], 'utf8'))),
  }));
} else {
  console.error('usage: node introspection.mjs query | compare schema.graphql < result.json');
  process.exit(2);
}
