"""Monthly schedule: pure rules and planner (no database, no APScheduler), and the timed jobs."""
