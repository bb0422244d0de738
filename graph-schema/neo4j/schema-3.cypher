// Neo4j 3.x dialect. Applied at start, one statement per transaction; creating an existing
// constraint or index is a no-op on 3.x.
CREATE CONSTRAINT ON (n:Entity) ASSERT n.id IS UNIQUE;
CREATE CONSTRAINT ON (d:Document) ASSERT d.id IS UNIQUE;
CREATE INDEX ON :Event(dateStart);
// the name index (schema version 3): one Name node per folded name, NAMES every entity so named
CREATE CONSTRAINT ON (k:Name) ASSERT k.key IS UNIQUE;
