"""Background work: every long task (renders, deliveries, exports, voice samples) is a job
row in the database, run by a queue.

    enqueue() ──> BackgroundJob row (queued) ──after commit──> backend.dispatch(job id)
                                                                 │
          in-process thread pool (embedded default)  or  procrastinate worker (province)
                                                                 │
                           runner.run_job(): the task function and "done" in one transaction

Any web process answers a poll from the row; a job whose worker died is run again, and
because the task's work and its "done" mark commit together, it is done exactly once.
"""
