"""Background jobs: one mechanism for every long task (scheduling, imports, index runs, re-indexing, alerts).

Apps register job functions with `techbridge.jobs.registry.job` in their `jobs.py`; code submits them with
`techbridge.jobs.services.job_submit`. Backends (TECHBRIDGE_JOBS_BACKEND): "thread" (embedded, in-process
pool), "celery" (Celery workers over Redis), "eager" (synchronous, for tests). The Job row in the database is
the single source of truth for state, so every backend shows the same progress and survives restarts.
"""
