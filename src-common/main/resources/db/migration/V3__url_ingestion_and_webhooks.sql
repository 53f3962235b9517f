-- URL ingestion: where a job's audio is downloaded from (null for uploads).
ALTER TABLE jobs ADD COLUMN source_url varchar(2048);

-- Webhooks waiting to be sent, being retried, or finished. Queued in the transaction that ends the job;
-- workers claim due rows with FOR UPDATE SKIP LOCKED, so each attempt is made by one worker.
CREATE TABLE webhook_deliveries (
    id              varchar(64)   PRIMARY KEY,
    job_id          uuid          NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    url             varchar(2048) NOT NULL,
    event_type      varchar(32)   NOT NULL,
    payload         text          NOT NULL,
    state           varchar(16)   NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        integer       NOT NULL DEFAULT 0,
    last_status     integer,
    last_error      varchar(512),
    next_attempt_at timestamptz   NOT NULL,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    delivered_at    timestamptz
);

CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_job_idx ON webhook_deliveries (job_id);
