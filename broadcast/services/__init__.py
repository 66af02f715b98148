"""Use cases shared by the CLI and the web app: each takes an explicit session."""
