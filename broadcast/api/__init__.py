"""The web face: FastAPI app, routes, templates. Routes only call broadcast.services."""
