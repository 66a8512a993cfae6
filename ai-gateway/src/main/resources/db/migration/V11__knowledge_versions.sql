-- Retrieval moves from a per-question full-text scan in Postgres to ai-gateway's memory (see
-- KnowledgeCache): testing a 20-50 term prefix tsquery against every passage of a bot took
-- 18-22 ms of Postgres CPU per question at ~236 passages, reading them all 1.2 ms. A bot's passages
-- are loaded once and reused while its knowledge version stays the same; every change to its
-- passages takes a new version in the same transaction, so any replica sees a change at once.
CREATE SEQUENCE ai.knowledge_version_seq;

CREATE TABLE ai.knowledge_versions (
    bot_id  uuid PRIMARY KEY,
    version bigint NOT NULL
);

INSERT INTO ai.knowledge_versions (bot_id, version)
SELECT bot_id, nextval('ai.knowledge_version_seq') FROM (SELECT DISTINCT bot_id FROM ai.chunks) b;

-- Nothing searches these any more; they only cost every insert.
DROP INDEX ai.chunks_tsv_idx;
DROP INDEX ai.chunks_trgm_idx;
ALTER TABLE ai.chunks DROP COLUMN tsv;
