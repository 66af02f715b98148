"""Speech engines behind one interface (base.Engine), a chain with fallback, and a cache."""
