-- Deletions: one row per request to remove jobs (one job, a bulk delete, a retention sweep), so a
-- deletion cut short by a crash is resumed, and its progress can be read.
CREATE TABLE deletions (
    id              uuid PRIMARY KEY,
    kind            varchar(16)  NOT NULL CHECK (kind IN ('job', 'bulk', 'retention')),
    -- whose jobs: the key hash of the caller (bulk, job); null with auth off and for retention
    owner_key_hash  varchar(64),
    -- bulk: only jobs in this status (null: every status); retention: null
    status_filter   varchar(16),
    -- job: the one job
    job_id          uuid,
    -- bulk: jobs created up to this instant (later submissions are kept); retention: finished before it
    cutoff          timestamptz  NOT NULL,
    state           varchar(16)  NOT NULL CHECK (state IN ('running', 'done')),
    jobs_deleted    integer      NOT NULL DEFAULT 0,
    objects_deleted bigint       NOT NULL DEFAULT 0,
    batches         integer      NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    finished_at     timestamptz
);

CREATE INDEX deletions_running_idx ON deletions (created_at) WHERE state = 'running';

-- A job claimed by a deletion is hidden from clients and left alone by workers: its files are being
-- removed, and its row goes last, so a job is never visible without its files.
ALTER TABLE jobs ADD COLUMN deletion_id uuid REFERENCES deletions (id);

CREATE INDEX jobs_deletion_idx ON jobs (deletion_id) WHERE deletion_id IS NOT NULL;
-- Retention looks for finished jobs by when they finished.
CREATE INDEX jobs_status_completed_idx ON jobs (status, completed_at);
