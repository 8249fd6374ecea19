-- The print and sync queues' status columns lose their indexes.
--
-- DuckDB updates a row whose indexed column changes as a delete and an insert of the whole
-- row. Every print job changes status twice (queued → sending → printed) and carries its
-- bytes and document, so each step rewrote a few kilobytes and two index entries: 3.6 ms
-- per UPDATE here, two per receipt, on the serial writer a till's next sale waits for. The
-- queues' reads ("the oldest queued job for this printer") scan the status column instead,
-- which DuckDB does in a fraction of a millisecond at these tables' sizes.
DROP INDEX print_jobs_status;
DROP INDEX sync_outbox_status;
