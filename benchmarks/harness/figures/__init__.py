"""The groups of figures, each a function ``(session) -> list[Figure]``, in the order they run."""
