// Neo4j 4.4 and 5.x dialect. Applied at start, one statement per transaction; idempotent.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE INDEX event_date IF NOT EXISTS FOR (e:Event) ON (e.dateStart);
// the name index (schema version 3): one Name node per folded name, NAMES every entity so named
CREATE CONSTRAINT name_key IF NOT EXISTS FOR (k:Name) REQUIRE k.key IS UNIQUE;
