"""The clustered engine: the same search service on a replicated Typesense cluster.

Only this package imports the Typesense client. See `docs/typesense.md` for when to choose
it, what replication buys and what differs from the embedded engine.
"""
